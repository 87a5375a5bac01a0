package bundle

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/publish"
)

const sheet = `/* Theme */
:root { --gap: calc(100% - 2rem); color-scheme: light dark; }
.a > p ,  .b :hover { margin : 0 auto ; }
.bs-csv::before { content: "\2193 /* not a comment */ ; {"; }
.gone, .a .gone-too { color: red }
.gone { color: blue }
:root:not(.gone) { --x: rgba(1, 2, 3, 0.5) }
@media (prefers-color-scheme: dark) {
  .a { background: #fff }
  .gone { color: white }
}
@media print { .gone { display: none } }
@keyframes spin { from { opacity: 0 } to { opacity: 1 } }
@import url("x.css");
`

func TestCompactCSS(t *testing.T) {
	min := compactCSS(sheet, nil)
	want := `:root{--gap:calc(100% - 2rem);color-scheme:light dark}` +
		`.a>p,.b :hover{margin:0 auto}` +
		`.bs-csv::before{content:"\2193 /* not a comment */ ; {"}` +
		`.gone,.a .gone-too{color:red}.gone{color:blue}:root:not(.gone){--x:rgba(1,2,3,0.5)}` +
		`@media (prefers-color-scheme: dark){.a{background:#fff}.gone{color:white}}` +
		`@media print{.gone{display:none}}` +
		`@keyframes spin{from{opacity:0}to{opacity:1}}` +
		`@import url("x.css");`
	if min != want {
		t.Errorf("compactCSS =\n%s\nwant\n%s", min, want)
	}
	// A light page holds only .a and .bs-csv: what needs another class
	// goes, :not() of one stays, and so does what no class decides.
	pruned := compactCSS(sheet, map[string]bool{"a": true, "bs-csv": true})
	want = `:root{--gap:calc(100% - 2rem);color-scheme:light dark}` +
		`.a>p{margin:0 auto}` +
		`.bs-csv::before{content:"\2193 /* not a comment */ ; {"}` +
		`:root:not(.gone){--x:rgba(1,2,3,0.5)}` +
		`@media (prefers-color-scheme: dark){.a{background:#fff}}` +
		`@keyframes spin{from{opacity:0}to{opacity:1}}` +
		`@import url("x.css");`
	if pruned != want {
		t.Errorf("pruned =\n%s\nwant\n%s", pruned, want)
	}
}

// The light bundle keeps the dark and print rules of what it shows, and
// leaves out those of the search box, the sort buttons and the live chart.
func TestLightBundleKeepsItsRules(t *testing.T) {
	tr := publish.NewTree()
	tr.Add("p/index.html", []byte(chartPage))
	tr.Add("a.css", []byte(`.bs-chart-svg svg { display: block }
.bs-chart-live .bs-chart-svg { display: none }
.bs-search { flex: 1 }
.bs-sort::after { content: "⇅" }
@media (prefers-color-scheme: dark) { .bs-chart-svg { background: #fff } }
@media print { .bs-csv { display: none } .bs-chart-live .bs-chart-svg + .bs-chart-canvas { display: none } }
`))
	tr.Add("e.js", []byte("var echarts={};"))
	tr.Add("charts.js", []byte("start();"))
	tr.Add("p/c.csv", []byte("a,b\n1,2\n"))
	out, err := Light(tr, "p/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	want := `<style>.bs-chart-svg svg{display:block}@media (prefers-color-scheme: dark){.bs-chart-svg{background:#fff}}@media print{.bs-csv{display:none}}</style>`
	if !strings.Contains(string(out), want) {
		t.Errorf("light bundle lacks %s:\n%s", want, out)
	}
}

func TestBundledSVGClosesEmptyElements(t *testing.T) {
	page := `<!DOCTYPE html><html><body><div class="bs-chart-svg"><svg viewBox="0 0 10 10" xmlns:xlink="http://www.w3.org/1999/xlink"><g fill="#333"><rect width="5" height="5"></rect><text xml:space="preserve" x="1">a &lt;b&gt; &amp; "c"</text></g><linearGradient id="g"><stop offset="0"></stop></linearGradient><image xlink:href="data:image/png;base64,AA"></image></svg></div>
<svg><foreignObject><div>x</div></foreignObject><rect></rect></svg></body></html>`
	tr := publish.NewTree()
	tr.Add("index.html", []byte(page))
	out, err := Page(tr, "index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<svg viewBox="0 0 10 10" xmlns:xlink="http://www.w3.org/1999/xlink"><g fill="#333"><rect width="5" height="5"/><text xml:space="preserve" x="1">a &lt;b&gt; &amp; &#34;c&#34;</text></g><linearGradient id="g"><stop offset="0"/></linearGradient><image xlink:href="data:image/png;base64,AA"/></svg>`,
		// SVG holding HTML is left to the HTML writer.
		`<svg><foreignObject><div>x</div></foreignObject><rect></rect></svg>`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("bundle lacks\n%s\nin\n%s", want, out)
		}
	}
}
