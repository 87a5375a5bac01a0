package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The checks themselves are tested on a hand-written site (testdata/handmade):
// its good pages must pass every check, and its bad page must make each
// check report what is wrong with it. A check that cannot fail proves
// nothing.

var (
	handmadeOnce sync.Once
	handmadeOut  *output
	handmadeErr  error
)

// handmade returns the hand-written site, copied into a temporary folder
// with the repository's vendored ECharts beside it.
func handmade(t *testing.T) *output {
	t.Helper()
	handmadeOnce.Do(func() {
		handmadeOut, handmadeErr = func() (*output, error) {
			root, err := moduleRoot()
			if err != nil {
				return nil, err
			}
			dir, err := os.MkdirTemp("", "broadsheet-e2e-handmade-")
			if err != nil {
				return nil, err
			}
			addCleanup(func() { os.RemoveAll(dir) })
			if err := copyDir("testdata/handmade", dir); err != nil {
				return nil, err
			}
			js, err := os.ReadFile(filepath.Join(root, "assets", "vendor", "echarts", "echarts.min.js"))
			if err != nil {
				return nil, err
			}
			vendor := filepath.Join(dir, "vendor", "echarts")
			if err := os.MkdirAll(vendor, 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(vendor, "echarts.min.js"), js, 0o644); err != nil {
				return nil, err
			}
			return loadOutput(dir, "")
		}()
	})
	if handmadeErr != nil {
		t.Fatalf("preparing testdata/handmade: %v", handmadeErr)
	}
	return handmadeOut
}

// badPage is the hand-written page with every problem.
const badPage = "bad/index.html"

// TestBrowserChecksCatchProblems runs the page checks over the hand-written
// site from file:// and over HTTP.
func TestBrowserChecksCatchProblems(t *testing.T) {
	t.Parallel()
	o := handmade(t)
	b := newBrowser(t)
	site := serve(t, o.Dir)

	for _, mode := range []struct {
		name, base string
		want       []string // more problems the bad page has in this mode
	}{
		{"file", o.fileURL(), []string{
			"failed request: " + o.fileURL() + "bad/missing.js: net::ERR_FILE_NOT_FOUND",
			`link "../about/" names a folder: opened from file:// it shows a folder listing, not about/index.html (link to index.html)`,
		}},
		{"http", site, []string{
			"failed request: " + site + "bad/missing.js: HTTP 404",
			// Go's file server answers the 404 as text/plain, which
			// Chromium then refuses to run.
			"failed request: " + site + "bad/missing.js: net::ERR_ABORTED",
			"browser log (security): Refused to execute script from '" + site + "bad/missing.js'",
		}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			for _, p := range o.Pages {
				if p == badPage {
					continue
				}
				rep := b.checkPage(t, o, mode.base, p, inspectOptions{})
				if rep.Requests == 0 {
					t.Errorf("%s: no request seen: the network events are not reaching the checks", p)
				}
				if p == "index.html" && rep.Drawn != 1 {
					t.Errorf("%s: %d charts drawn, want 1", p, rep.Drawn)
				}
			}

			rep := b.inspect(o, mode.base, badPage, inspectOptions{chartsWait: time.Second})
			want := append([]string{
				"console error: boom 42 (" + pageURL(mode.base, badPage) + ":",
				"uncaught exception: Uncaught Error: uncaught on purpose (" + pageURL(mode.base, badPage) + ":",
				"request outside the site: http://static.example.invalid/logo.png",
				"failed request: http://static.example.invalid/logo.png: net::ERR_NAME_NOT_RESOLVED",
				`JavaScript dialog opened: alert("hi")`,
				"chart undrawn: not drawn 1s after the load event",
				`chart undrawn: no <script type="application/json" class="bs-chart-option">`,
				"chart undrawn: echarts.getInstanceByDom(.bs-chart-canvas) is null",
				"chart undrawn: no data table (details table)",
				"chart undrawn: no CSV download (a.bs-csv)",
				`chart nocsv: CSV link "data/nope.csv": bad/data/nope.csv is not in the output`,
				"chart empty: not drawn 1s after the load event",
				"chart empty: no canvas or svg in .bs-chart-canvas: ECharts found nothing to paint",
				"chart blank: not drawn 1s after the load event",
				"chart blank: ECharts painted nothing (a canvas of one colour, or an svg without shapes)",
				`link "missing.html": bad/missing.html is not in the output`,
				`link "#nowhere": no element with that id on the page`,
			}, mode.want...)
			assertProblems(t, rep.Problems, want)
			if mode.name == "http" {
				// With the network off, a page from the server cannot load.
				rep := b.inspect(o, mode.base, "index.html", inspectOptions{offline: true})
				assertProblems(t, rep.Problems, []string{
					"failed request: " + pageURL(mode.base, "index.html") + ": net::ERR_INTERNET_DISCONNECTED",
					"loading: ",
				})
			}
			if rep.Figures != 4 || rep.Drawn != 1 {
				t.Errorf("bad page: %d figures, %d drawn; want 4 and 1", rep.Figures, rep.Drawn)
			}
		})
	}
}

// assertProblems checks that every wanted problem was reported (each as the
// start of a reported line) and that nothing else was.
func assertProblems(t *testing.T, got, want []string) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if !used[i] && strings.HasPrefix(g, w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("problem not reported: %s", w)
		}
	}
	for i, g := range got {
		if !used[i] {
			t.Errorf("unexpected problem: %s", g)
		}
	}
}

// TestLinkCheckCatchesProblems runs the link check over the hand-written
// site: only its bad page has problems, each reported with its line.
func TestLinkCheckCatchesProblems(t *testing.T) {
	o := handmade(t)
	rep, err := checkLinks(o)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`bad/index.html:12: <img src="http://static.example.invalid/logo.png">: loads from outside the site: every file a page needs must ship with it`,
		`bad/index.html:13: <a href="missing.html">: bad/missing.html is not in the output`,
		`bad/index.html:13: <a href="../about/">: names a folder: opened from file:// it shows a folder listing, not about/index.html (link to index.html)`,
		`bad/index.html:13: <a href="#nowhere">: bad/index.html has no element with id "nowhere"`,
		`bad/index.html:14: <a href="https://example.com/outside-the-prose">: an outside link outside the article body (.bs-prose): only authors write outside links`,
		`bad/index.html:23: <a href="data/nope.csv">: bad/data/nope.csv is not in the output`,
		`bad/index.html:42: <script src="missing.js">: bad/missing.js is not in the output`,
	}
	if got := strings.Join(rep.Problems, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if want := []string{"index.html:15: https://example.com/report"}; strings.Join(rep.External, "\n") != strings.Join(want, "\n") {
		t.Errorf("outside links allowed: %q, want %q", rep.External, want)
	}
	if rep.Checked < 20 {
		t.Errorf("only %d addresses checked", rep.Checked)
	}
}

// TestCheckRef covers the rules of the link check one address at a time.
func TestCheckRef(t *testing.T) {
	o := &output{
		files: map[string]bool{"index.html": true, "a/index.html": true, "a/b.csv": true, "css/x.css": true, "img/logo.png": true, "noindex/x.txt": true},
		dirs:  map[string]bool{"": true, "a": true, "css": true, "img": true, "noindex": true},
	}
	ids := map[string]map[string]bool{"index.html": {"main": true, "数字化": true}, "a/index.html": {"x": true}}
	for _, tc := range []struct {
		r    ref
		base string
		want string
	}{
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "a/index.html"}},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "a/index.html?x=1#x"}},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "a/index.html#y"}, want: `a/index.html has no element with id "y"`},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "#%E6%95%B0%E5%AD%97%E5%8C%96"}},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "#top"}},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "a/"}, want: "names a folder: opened from file:// it shows a folder listing, not a/index.html (link to index.html)"},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "a/"}, base: "https://r.example/", want: ""},
		{r: ref{file: "index.html", tag: "a", attr: "href", value: "noindex/"}, want: "folder noindex has no index.html"},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "../../x.html"}, want: "leads outside the output folder"},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "/a/b.csv"}, want: "a root-relative address breaks pages opened from file:// and sites published under a sub-path (baseURL is empty: write it relative)"},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "/a/b.csv"}, base: "https://r.example/", want: ""},
		{r: ref{file: "a/index.html", tag: "link", attr: "href", value: "https://r.example/a/b.csv"}, base: "https://r.example/", want: ""},
		{r: ref{file: "a/index.html", tag: "link", attr: "href", value: "https://r.example/a/c.csv"}, base: "https://r.example/", want: "a/c.csv is not in the output"},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: " "}, want: "empty address"},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "javascript:alert(1)"}, want: `scheme "javascript" has no place in a static site`},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "mailto:x@example.com"}},
		{r: ref{file: "a/index.html", tag: "img", attr: "src", value: "data:image/png;base64,AAAA"}},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "https://example.com/", prose: true}, want: "external"},
		{r: ref{file: "a/index.html", tag: "a", attr: "href", value: "//example.com/", prose: false}, want: "an outside link outside the article body (.bs-prose): only authors write outside links"},
		{r: ref{file: "a/index.html", tag: "img", attr: "src", value: "https://example.com/x.png", prose: true}, want: "loads from outside the site: every file a page needs must ship with it"},
		{r: ref{file: "a/index.html", tag: "link", attr: "href", value: "https://fonts.example.com/css"}, want: "loads from outside the site: every file a page needs must ship with it"},
		{r: ref{file: "css/x.css", tag: "css", attr: "url", value: "../img/logo.png"}},
		{r: ref{file: "css/x.css", tag: "css", attr: "url", value: "../img/gone.png"}, want: "img/gone.png is not in the output"},
		{r: ref{file: "css/x.css", tag: "css", attr: "url", value: "https://fonts.example.com/x.woff2"}, want: "loads from outside the site: every file a page needs must ship with it"},
	} {
		o.BaseURL = tc.base
		if got := checkRef(o, tc.r, ids); got != tc.want {
			t.Errorf("%s in %s (baseURL %q): got %q, want %q", tc.r, tc.r.file, tc.base, got, tc.want)
		}
	}
}

// TestScanHTML checks what the link check reads from HTML: attributes,
// srcset, CSS in style attributes and elements, ids, and the article body.
func TestScanHTML(t *testing.T) {
	src := `<!DOCTYPE html><html><head><style>
body { background: url("bg.png") }
@import 'more.css';
</style></head><body>
<div class="x bs-prose"><div><a href="in.html">in</a></div>
<a href="https://example.com/">out</a></div>
<a id="after" href="after.html">after</a>
<img srcset="a.png 1x, b.png 2x" style="background:url(c.png)">
<svg><use xlink:href="#icon"/></svg>
<a name="old"></a>
</body></html>`
	refs, ids, err := scanHTML("p.html", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range refs {
		got = append(got, fmt.Sprintf("%d %s prose=%v", r.line, r, r.prose))
	}
	want := []string{
		"2 url(bg.png) prose=false",
		"3 url(more.css) prose=false",
		`5 <a href="in.html"> prose=true`,
		`6 <a href="https://example.com/"> prose=true`,
		`7 <a href="after.html"> prose=false`,
		`8 <img srcset="a.png"> prose=false`,
		`8 <img srcset="b.png"> prose=false`,
		"8 url(c.png) prose=false",
		`9 <use xlink:href="#icon"> prose=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !ids["after"] || !ids["old"] || len(ids) != 2 {
		t.Errorf("ids = %v, want after and old", ids)
	}
}

// TestVNUCatchesProblems runs the Nu HTML Checker over the hand-written
// site: its good pages are valid, and its bad page's errors come back with
// their lines.
func TestVNUCatchesProblems(t *testing.T) {
	t.Parallel()
	o := handmade(t)
	got, err := runVNU(t, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`bad/index.html:9:16: Stray end tag “span”. [roken</h1></span> <p id]`,
		`bad/index.html:11:1: Duplicate ID “dup”. [>One.</p> <p id="dup">Two.</]`,
		`bad/index.html:12:1: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images. [>Two.</p> <img src="http://static.example.invalid/logo.png"> <p><a]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("vnu messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAxeCatchesProblems runs axe-core over the hand-written site: its good
// pages have no serious or critical violation, its bad page has.
func TestAxeCatchesProblems(t *testing.T) {
	t.Parallel()
	o := handmade(t)
	src := axeScript(t)
	b := newBrowser(t)
	for _, p := range o.Pages {
		vs, shot, err := b.axePage(t, o.fileURL(), p, src)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var got []string
		for _, v := range vs {
			if v.blocking() {
				got = append(got, v.Scheme+" "+v.Impact+" "+v.ID)
			}
		}
		var want []string
		if p == badPage {
			want = []string{"light critical image-alt", "dark critical image-alt"}
			if shot == "" {
				t.Errorf("%s: no screenshot taken", p)
			}
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: serious and critical violations %q, want %q", p, got, want)
			for _, v := range vs {
				t.Log(v)
			}
		}
	}
}
