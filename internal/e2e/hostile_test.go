package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Text that would run as script if any stage let it through as markup: out
// of a <script> element, as an HTML element, or as a go-echarts function
// marker turned into JavaScript.
var hostile = []string{
	`</script><script>alert(1)</script>`,
	`__f__alert(1)__f__`,
	`<img src=x onerror=alert(1)>`,
}

// hostileSite is a site whose datasets, chart titles and front matter
// carry the hostile strings.
var hostileSite = map[string]string{
	"site.toml": `title = "Hostile"
language = "en"

[charts]
svg = true
`,
	"content/_index.md": `+++
title = "Home"
+++
See [the page](evil/index.html).
`,
	"content/evil.md": `+++
title = "</script><script>alert(1)</script>"
summary = "__f__alert(1)__f__"
+++
Charts and a table over hostile cells.

` + "```chart" + `
type     = "bar"
data     = "evil"
x        = "name"
y        = "value"
title    = "</script><script>alert(1)</script>"
subtitle = "<img src=x onerror=alert(1)>"
caption  = "__f__alert(1)__f__"
` + "```" + `

` + "```chart" + `
type   = "line"
data   = "evil_long"
x      = "month"
y      = "value"
series = "name"
title  = "__f__alert(1)__f__"
` + "```" + `

` + "```chart" + `
type  = "pie"
data  = "evil"
x     = "name"
y     = "value"
title = "<img src=x onerror=alert(1)>"
` + "```" + `

` + "```table" + `
data    = "evil"
columns = ["name", "value"]
title   = "__f__alert(1)__f__"
` + "```" + `
`,
	"content/data/evil.csv": "name,value\n" +
		"</script><script>alert(1)</script>,3\n" +
		"__f__alert(1)__f__,2\n" +
		"<img src=x onerror=alert(1)>,1\n",
	"content/data/evil_long.csv": "month,name,value\n" +
		"2022-01,</script><script>alert(1)</script>,3\n" +
		"2022-02,</script><script>alert(1)</script>,4\n" +
		"2022-01,__f__alert(1)__f__,2\n" +
		"2022-02,__f__alert(1)__f__,5\n" +
		"2022-01,<img src=x onerror=alert(1)>,1\n" +
		"2022-02,<img src=x onerror=alert(1)>,2\n",
}

// jsHostileFacts reads where the hostile text ended up on the page. Text
// is read from text nodes outside <script> and <style>.
const jsHostileFacts = `(() => {
  const text = root => {
    if (!root) return '';
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.parentElement.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    let s = '';
    while (w.nextNode()) s += w.currentNode.nodeValue + '\n';
    return s;
  };
  const charts = [...document.querySelectorAll('figure.bs-chart')].map(fig => {
    const inst = echarts.getInstanceByDom(fig.querySelector('.bs-chart-canvas'));
    const opt = inst ? inst.getOption() : {};
    const t = (opt.title || [])[0] || {};
    return {
      id: fig.id,
      title: t.text || '',
      subtitle: t.subtext || '',
      names: [].concat(...(opt.series || []).map(s => [s.name, ...(s.data || []).map(d => d && d.name)])).filter(x => typeof x === 'string'),
      categories: (((opt.xAxis || [])[0] || {}).data || []).map(c => typeof c === 'object' ? c.value : c),
      figureText: text(fig),
      tableText: text(fig.querySelector('details table')),
    };
  });
  return {
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    charts,
    tableBlocks: [...document.querySelectorAll('table')].filter(t => !t.closest('figure.bs-chart')).map(t => text(t)),
    scriptTypes: [...document.querySelectorAll('script:not([src])')].map(s => s.type),
    injected: document.querySelectorAll('img[src="x"], [onerror]').length,
  };
})()`

// hostileFacts is what jsHostileFacts returns.
type hostileFacts struct {
	Title  string `json:"title"`
	H1     string `json:"h1"`
	Charts []struct {
		ID         string   `json:"id"`
		Title      string   `json:"title"`
		Subtitle   string   `json:"subtitle"`
		Names      []string `json:"names"`
		Categories []string `json:"categories"`
		FigureText string   `json:"figureText"`
		TableText  string   `json:"tableText"`
	} `json:"charts"`
	TableBlocks []string `json:"tableBlocks"`
	ScriptTypes []string `json:"scriptTypes"`
	Injected    int      `json:"injected"`
}

// jsShowTips opens the tooltip of the first point of every chart, where
// series and category names are written as HTML, and returns the tooltips'
// text.
const jsShowTips = `(() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.bs-chart')) {
    const el = fig.querySelector('.bs-chart-canvas');
    const inst = echarts.getInstanceByDom(el);
    for (let i = 0; i < 3; i++) {
      inst.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
      out.push(el.textContent);
    }
    inst.dispatchAction({type: 'hideTip'});
  }
  return out;
})()`

var (
	hostileOnce sync.Once
	hostileOut  *output
	hostileErr  error
)

// hostileOutput builds hostileSite once.
func hostileOutput(t *testing.T) *output {
	t.Helper()
	hostileOnce.Do(func() {
		src, err := os.MkdirTemp("", "broadsheet-e2e-hostile-")
		if err != nil {
			hostileErr = err
			return
		}
		addCleanup(func() { os.RemoveAll(src) })
		if hostileErr = writeFiles(src, hostileSite); hostileErr != nil {
			return
		}
		hostileOut, hostileErr = buildSite(src)
	})
	if hostileErr != nil {
		t.Fatalf("building the hostile site: %v", hostileErr)
	}
	return hostileOut
}

// TestHostileContent builds a site whose dataset cells, chart titles and
// front matter hold script and markup, opens it, and finds the text shown
// as text: no dialog, no injected element, no inline script but the chart
// options and the page's words (JSON both).
func TestHostileContent(t *testing.T) {
	t.Parallel()
	o := hostileOutput(t)
	b := newBrowser(t)
	site := serve(t, o.Dir)

	for _, base := range []string{o.fileURL(), site} {
		for _, p := range o.Pages {
			opts := inspectOptions{}
			if p == "evil/index.html" {
				opts.then = checkHostilePage
			}
			rep := b.checkPage(t, o, base, p, opts)
			if len(rep.Dialogs) > 0 {
				t.Errorf("%s: a dialog opened: %v", rep.URL, rep.Dialogs)
			}
			if p == "evil/index.html" && rep.Drawn != 3 {
				t.Errorf("%s: %d charts drawn, want 3", rep.URL, rep.Drawn)
			}
		}
	}
	if !slices.Contains(o.Pages, "evil/index.html") {
		t.Errorf("evil/index.html was not built; pages: %v", o.Pages)
	}
}

// checkHostilePage checks where the hostile text landed on the open page.
func checkHostilePage(tb *tab) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	f, err := chromedp.Run(tb.ctx, chromedp.Evaluate[hostileFacts](jsHostileFacts))
	if err != nil {
		return []string{fmt.Sprintf("reading the page: %v", err)}
	}
	if want := hostile[0] + " · Hostile"; f.Title != want {
		bad("document.title = %q, want %q", f.Title, want)
	}
	if f.H1 != hostile[0] {
		bad("h1 = %q, want %q", f.H1, hostile[0])
	}
	if len(f.Charts) != 3 {
		bad("%d charts, want 3", len(f.Charts))
	} else {
		for i, want := range [][2]string{{hostile[0], hostile[2]}, {hostile[1], ""}, {hostile[2], ""}} {
			c := f.Charts[i]
			if c.Title != want[0] {
				bad("chart %s: ECharts title %q, want %q", c.ID, c.Title, want[0])
			}
			if want[1] != "" && c.Subtitle != want[1] {
				bad("chart %s: ECharts subtitle %q, want %q", c.ID, c.Subtitle, want[1])
			}
			if !strings.Contains(c.FigureText, want[0]) {
				bad("chart %s: title %q not shown as text in the figure: %q", c.ID, want[0], c.FigureText)
			}
			for _, h := range hostile {
				if !strings.Contains(c.TableText, h) {
					bad("chart %s: %q not shown as text in the data table: %q", c.ID, h, c.TableText)
				}
				if !slices.Contains(c.Categories, h) && !slices.Contains(c.Names, h) {
					bad("chart %s: %q is neither a category nor a series or point name of the option (categories %q, names %q)", c.ID, h, c.Categories, c.Names)
				}
			}
		}
		if !strings.Contains(f.Charts[0].FigureText, hostile[1]) {
			bad("chart %s: caption %q not shown as text", f.Charts[0].ID, hostile[1])
		}
	}
	if len(f.TableBlocks) != 1 {
		bad("%d table blocks, want 1", len(f.TableBlocks))
	} else {
		for _, h := range hostile {
			if !strings.Contains(f.TableBlocks[0], h) {
				bad("table block: %q not shown as text: %q", h, f.TableBlocks[0])
			}
		}
	}
	for _, typ := range f.ScriptTypes {
		if typ != "application/json" {
			bad("an inline <script type=%q>: only chart options may be inline", typ)
		}
	}
	if len(f.ScriptTypes) != 4 {
		bad("%d inline scripts, want the 3 chart options and the page's words", len(f.ScriptTypes))
	}
	if f.Injected != 0 {
		bad("%d injected img[src=x] or [onerror] elements", f.Injected)
	}

	tips, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](jsShowTips))
	if err != nil {
		return append(problems, fmt.Sprintf("showing tooltips: %v", err))
	}
	// The tooltips' own markup would run an onerror handler or an injected
	// script after a moment: wait, then look again.
	if err := chromedp.Do(tb.ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		return append(problems, err.Error())
	}
	for i, h := range hostile {
		if !strings.Contains(tips[i], h) {
			bad("tooltip of point %d of the bar chart does not show %q as text: %q", i, h, tips[i])
		}
	}
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('img[src="x"], [onerror]').length`))
	if err != nil {
		return append(problems, err.Error())
	}
	if n != 0 {
		bad("%d injected img[src=x] or [onerror] elements after showing the tooltips", n)
	}
	return problems
}

// TestHostileChecksCatchInjection breaks the built hostile page the way an
// escaping bug would, and makes sure the checks above notice.
func TestHostileChecksCatchInjection(t *testing.T) {
	t.Parallel()
	built := hostileOutput(t)
	dir := t.TempDir()
	if err := copyDir(built.Dir, dir); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "evil", "index.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for _, r := range [][2]string{
		{"<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>", "<h1></script><script>alert(1)</script></h1>"},
		{"<td>&lt;img src=x onerror=alert(1)&gt;</td>", "<td><img src=x onerror=alert(2)></td>"},
	} {
		if !strings.Contains(src, r[0]) {
			t.Fatalf("evil/index.html no longer holds %s: update this test to the page's markup", r[0])
		}
		src = strings.Replace(src, r[0], r[1], 1)
	}
	if err := os.WriteFile(page, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := loadOutput(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	br := newBrowser(t)
	rep := br.inspect(o, o.fileURL(), "evil/index.html", inspectOptions{then: checkHostilePage})
	for _, want := range []string{
		`JavaScript dialog opened: alert("1")`,
		`JavaScript dialog opened: alert("2")`,
		`failed request: ` + o.fileURL() + `evil/x: net::ERR_FILE_NOT_FOUND`,
		`h1 = "alert(1)", want "</script><script>alert(1)</script>"`,
		`chart chart-1: "<img src=x onerror=alert(1)>" not shown as text in the data table`,
		`an inline <script type="">: only chart options may be inline`,
		`5 inline scripts, want the 3 chart options and the page's words`,
		`1 injected img[src=x] or [onerror] elements`,
	} {
		found := false
		for _, p := range rep.Problems {
			found = found || strings.HasPrefix(p, want)
		}
		if !found {
			t.Errorf("not reported: %s", want)
		}
	}
	if t.Failed() {
		t.Logf("reported:\n\t%s", strings.Join(rep.Problems, "\n\t"))
	}
}
