package e2e

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/broadsheet/broadsheet/internal/bundle"
)

// jsStatic describes each chart figure as the reader sees it: its SVG
// drawing (shown, its size, its shapes) and whether the canvas shows.
const jsStatic = `[...document.querySelectorAll('figure.bs-chart')].map(fig => {
  const w = fig.querySelector('.bs-chart-svg');
  const s = w && w.querySelector('svg');
  const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};
  const c = fig.querySelector('.bs-chart-canvas');
  return {id: fig.id, svg: !!s, shown: !!s && getComputedStyle(w).display !== 'none' && r.width > 0 && r.height > 0,
    width: r.width, height: r.height,
    shapes: s ? s.querySelectorAll('path, polyline, polygon, circle, rect').length : 0,
    texts: s ? s.querySelectorAll('text').length : 0,
    canvasShown: !!c && getComputedStyle(c).display !== 'none',
    live: fig.classList.contains('bs-chart-live')};
})`

type staticFig struct {
	ID          string  `json:"id"`
	SVG         bool    `json:"svg"`
	Shown       bool    `json:"shown"`
	Width       float64 `json:"width"`
	Height      float64 `json:"height"`
	Shapes      int     `json:"shapes"`
	Texts       int     `json:"texts"`
	CanvasShown bool    `json:"canvasShown"`
	Live        bool    `json:"live"`
}

// openWithoutScript opens a page with JavaScript turned off and returns
// its charts as jsStatic sees them, and the requests and problems seen.
func (b *browser) openWithoutScript(t *testing.T, base, rel string, offline bool) ([]staticFig, int, []string) {
	t.Helper()
	tb, closeTab, err := b.newTab(base)
	if err != nil {
		t.Fatal(err)
	}
	defer closeTab()
	if offline {
		off := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}}
		if _, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, off); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(pageURL(base, rel))); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	figs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]staticFig](jsStatic))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	if ran, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`typeof window.broadsheetCharts !== 'undefined'`)); err != nil || ran {
		t.Fatalf("%s: the page's scripts ran with JavaScript turned off (%v)", rel, err)
	}
	problems, _, requests := tb.ev.snapshot()
	return figs, requests, problems
}

// checkStatic fails the test for every chart not visible as its SVG.
func checkStatic(t *testing.T, where string, figs []staticFig) {
	t.Helper()
	if len(figs) == 0 {
		t.Errorf("%s: no chart", where)
	}
	for _, f := range figs {
		switch {
		case !f.SVG:
			t.Errorf("%s: chart %s has no SVG drawing", where, f.ID)
		case !f.Shown:
			t.Errorf("%s: chart %s's SVG is not shown (%gx%g)", where, f.ID, f.Width, f.Height)
		case f.Shapes < 3 || f.Texts < 1:
			t.Errorf("%s: chart %s's SVG has %d shapes and %d texts", where, f.ID, f.Shapes, f.Texts)
		case f.CanvasShown:
			t.Errorf("%s: chart %s shows its empty canvas too", where, f.ID)
		}
	}
}

// TestDemoWithoutScript opens every demo page with charts with JavaScript
// turned off: each chart is there, as the SVG drawn by the build.
func TestDemoWithoutScript(t *testing.T) {
	t.Parallel()
	o := demo(t)
	b := newBrowser(t)
	charts := 0
	for _, p := range o.Pages {
		src, _ := o.read(p)
		if !bytes.Contains(src, []byte(`class="bs-chart"`)) {
			continue
		}
		figs, _, problems := b.openWithoutScript(t, o.fileURL(), p, false)
		checkStatic(t, p, figs)
		for _, pr := range problems {
			t.Errorf("%s: %s", p, pr)
		}
		charts += len(figs)
	}
	if charts == 0 {
		t.Fatal("no demo page has a chart")
	}
	summary.add("demo charts shown as SVG without script", charts)
}

// TestDemoScriptReplacesSVG opens the demo's pages with JavaScript: every
// chart is drawn by ECharts in place of its SVG, which is hidden, with no
// console error (the page checks report any).
func TestDemoScriptReplacesSVG(t *testing.T) {
	t.Parallel()
	o := demo(t)
	b := newBrowser(t)
	for _, p := range o.Pages {
		src, _ := o.read(p)
		if !bytes.Contains(src, []byte(`class="bs-chart-svg"`)) {
			continue
		}
		var figs []staticFig
		rep := b.checkPage(t, o, o.fileURL(), p, inspectOptions{then: func(tb *tab) []string {
			var err error
			if figs, err = chromedp.Run(tb.ctx, chromedp.Evaluate[[]staticFig](jsStatic)); err != nil {
				return []string{err.Error()}
			}
			return nil
		}})
		if rep.Drawn != len(figs) || len(figs) == 0 {
			t.Errorf("%s: %d of %d charts drawn by the script", p, rep.Drawn, len(figs))
		}
		for _, f := range figs {
			if !f.Live || f.Shown || !f.CanvasShown {
				t.Errorf("%s: chart %s: live %v, SVG shown %v, canvas shown %v; want the canvas in place of the SVG", p, f.ID, f.Live, f.Shown, f.CanvasShown)
			}
		}
	}
}

// TestDemoLightBundle bundles the newest edition without ECharts and opens
// it offline with JavaScript turned off: every chart shows, the file asks
// for nothing, and it is small.
func TestDemoLightBundle(t *testing.T) {
	t.Parallel()
	o := demo(t)
	b := newBrowser(t)
	page := newestEdition(t, o)
	data, err := bundle.Light(o.tree, page, o.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	full, err := bundle.Page(o.tree, page, o.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("bundle of %s: %d KB light, %d KB with ECharts", page, len(data)/1024, len(full)/1024)
	if len(data) > 200*1024 {
		t.Errorf("light bundle of %s is %d KB, over 200 KB", page, len(data)/1024)
	}
	for _, bad := range []string{"<script", `class="bs-chart-canvas"`} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("light bundle holds %s", bad)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "light.html"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	bo, err := loadOutput(dir, o.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	figs, requests, problems := b.openWithoutScript(t, bo.fileURL(), "light.html", true)
	checkStatic(t, "light bundle", figs)
	if requests != 1 {
		t.Errorf("light bundle: %d requests, want 1 (the file itself)", requests)
	}
	for _, pr := range problems {
		t.Errorf("light bundle: %s", pr)
	}
	summary.add("charts shown in the light bundle", len(figs))
}

// newestEdition is the output path of the demo's newest edition.
func newestEdition(t *testing.T, o *output) string {
	t.Helper()
	var eds []string
	for _, p := range o.Pages {
		if strings.HasPrefix(p, "editions/") && strings.Count(p, "/") == 2 {
			eds = append(eds, p)
		}
	}
	if len(eds) == 0 {
		t.Fatal("the demo has no edition")
	}
	sort.Strings(eds)
	return eds[len(eds)-1]
}

// jsCompare draws each chart's option again with the browser's own ECharts
// SVG renderer, at the size of the build's drawing, and describes both
// drawings: the number of each kind of shape, and each text with its box.
const jsCompare = `(() => {
  const describe = svg => {
    const counts = {};
    for (const el of svg.querySelectorAll('path, polyline, polygon, circle, rect, text, image')) counts[el.tagName] = (counts[el.tagName] || 0) + 1;
    const texts = [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox(); const m = t.getCTM();
      return {s: t.textContent, x: b.x + m.e, y: b.y + m.f, w: b.width, h: b.height}; });
    return {counts, texts};
  };
  const locale = JSON.parse(document.getElementById('bs-words').textContent).echarts;
  return [...document.querySelectorAll('figure.bs-chart')].map(fig => {
    const stat = fig.querySelector('.bs-chart-svg svg');
    const w = +stat.getAttribute('width'), h = +stat.getAttribute('height');
    const host = (html) => { const d = document.createElement('div');
      d.style.cssText = 'position:absolute;left:0;top:0;width:' + w + 'px;height:' + h + 'px;font-family:sans-serif';
      if (html) d.innerHTML = html; document.body.appendChild(d); return d; };
    const copy = host(stat.outerHTML).querySelector('svg');
    copy.style.cssText = 'width:' + w + 'px;height:' + h + 'px;max-width:none';
    const option = JSON.parse(fig.querySelector('script.bs-chart-option').textContent);
    window.broadsheetCharts.revive(option, '');
    option.animation = false;
    option.backgroundColor = 'transparent';
    const inst = echarts.init(host(''), null, {renderer: 'svg', width: w, height: h, locale: locale});
    inst.setOption(option);
    inst.getZr().flush();
    const live = inst.getDom().querySelector('svg');
    return {id: fig.id, build: describe(copy), browser: describe(live)};
  });
})()`

type svgDesc struct {
	Counts map[string]int `json:"counts"`
	Texts  []struct {
		S string  `json:"s"`
		X float64 `json:"x"`
		Y float64 `json:"y"`
		W float64 `json:"w"`
		H float64 `json:"h"`
	} `json:"texts"`
}

// compareSVG returns how two drawings of one chart differ: a list of
// differences in structure, and the largest distance between the corners
// of matching texts' boxes.
func compareSVG(build, browser svgDesc) (diffs []string, maxShift float64, worst string) {
	// ECharts writes a pie's label lines as polylines on the server and as
	// paths in the browser: count lines of either kind together.
	lines := func(c map[string]int) int { return c["path"] + c["polyline"] + c["polygon"] }
	if a, b := lines(build.Counts), lines(browser.Counts); a != b {
		diffs = append(diffs, fmt.Sprintf("%d paths in the build's SVG, %d in the browser's", a, b))
	}
	for _, tag := range []string{"circle", "rect", "text", "image"} {
		if build.Counts[tag] != browser.Counts[tag] {
			diffs = append(diffs, fmt.Sprintf("%d %s in the build's SVG, %d in the browser's", build.Counts[tag], tag, browser.Counts[tag]))
		}
	}
	if len(build.Texts) != len(browser.Texts) {
		return diffs, math.Inf(1), ""
	}
	for i, a := range build.Texts {
		b := browser.Texts[i]
		if a.S != b.S {
			diffs = append(diffs, fmt.Sprintf("text %d is %q in the build's SVG, %q in the browser's", i, a.S, b.S))
			continue
		}
		for _, d := range []float64{a.X - b.X, a.Y - b.Y, (a.X + a.W) - (b.X + b.W), (a.Y + a.H) - (b.Y + b.H)} {
			if math.Abs(d) > maxShift {
				maxShift = math.Abs(d)
				worst = fmt.Sprintf("%q at (%.0f,%.0f %.0fx%.0f) vs (%.0f,%.0f %.0fx%.0f)", a.S, a.X, a.Y, a.W, a.H, b.X, b.Y, b.W, b.H)
			}
		}
	}
	return diffs, maxShift, worst
}

// TestSVGMatchesBrowser compares the build's SVG of every chart type (the
// charttypes site, in English) and of every demo chart (in Chinese) with
// the browser's own ECharts SVG renderer drawing the same option at the
// same size: the same shapes and texts, each text's box within 2 px (with a CJK font installed: fonts-wqy-microhei).
func TestSVGMatchesBrowser(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	src := t.TempDir()
	if err := copyDir("testdata/charttypes", src); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"Every chart type\"\nlanguage = \"en\"\n\n[charts]\nsvg = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	types, err := buildSite(src)
	if err != nil {
		t.Fatal(err)
	}
	demoOut := demo(t)
	pages := []struct {
		o    *output
		page string
	}{{types, "charts/index.html"}}
	for _, p := range demoOut.Pages {
		if src, _ := demoOut.read(p); bytes.Contains(src, []byte(`class="bs-chart-svg"`)) && !strings.HasPrefix(p, "latest/") {
			pages = append(pages, struct {
				o    *output
				page string
			}{demoOut, p})
		}
	}
	const tolerance = 2.0
	var worst float64
	charts := 0
	for _, pg := range pages {
		var got []struct {
			ID      string  `json:"id"`
			Build   svgDesc `json:"build"`
			Browser svgDesc `json:"browser"`
		}
		b.checkPage(t, pg.o, pg.o.fileURL(), pg.page, inspectOptions{then: func(tb *tab) []string {
			var err error
			if got, err = chromedp.Run(tb.ctx, chromedp.Evaluate[[]struct {
				ID      string  `json:"id"`
				Build   svgDesc `json:"build"`
				Browser svgDesc `json:"browser"`
			}](jsCompare)); err != nil {
				return []string{"comparing drawings: " + err.Error()}
			}
			return nil
		}})
		for _, c := range got {
			charts++
			diffs, shift, which := compareSVG(c.Build, c.Browser)
			worst = max(worst, shift)
			t.Logf("%s #%s: %d texts, %v shapes; largest text shift %.1f px: %s", pg.page, c.ID, len(c.Build.Texts), c.Build.Counts, shift, which)
			for _, d := range diffs {
				t.Errorf("%s #%s: %s", pg.page, c.ID, d)
			}
			if shift > tolerance {
				t.Errorf("%s #%s: a text's box is %.1f px from the browser's, over %g px", pg.page, c.ID, shift, tolerance)
			}
		}
	}
	if charts < 10 {
		t.Errorf("only %d charts compared", charts)
	}
	t.Logf("%d charts compared; largest text shift %.1f px", charts, worst)
}

// jsSVGInjected lists what the hostile page's SVG drawings hold beyond
// drawing: elements that run or load, event attributes, and the texts.
const jsSVGInjected = `(() => {
  const svgs = [...document.querySelectorAll('.bs-chart-svg svg')];
  const bad = [];
  for (const s of svgs) for (const el of s.querySelectorAll('*')) {
    if (/^(script|foreignobject|iframe|img|a|image|animate|set|style)$/i.test(el.tagName)) bad.push('<' + el.tagName + '>');
    for (const a of el.attributes) if (/^on/i.test(a.name) || /javascript:/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
  }
  return {svgs: svgs.length, bad, texts: svgs.flatMap(s => [...s.querySelectorAll('text')].map(t => t.textContent))};
})()`

// TestHostileSVG opens the hostile site's page with JavaScript turned off:
// its charts show as SVG, the hostile cells and titles are text inside it,
// and the SVG holds nothing that runs or loads.
func TestHostileSVG(t *testing.T) {
	t.Parallel()
	o := hostileOutput(t)
	b := newBrowser(t)
	figs, _, problems := b.openWithoutScript(t, o.fileURL(), "evil/index.html", false)
	checkStatic(t, "evil/index.html", figs)
	for _, p := range problems {
		t.Errorf("evil/index.html: %s", p)
	}
	tb, closeTab, err := b.newTab(o.fileURL())
	if err != nil {
		t.Fatal(err)
	}
	defer closeTab()
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(pageURL(o.fileURL(), "evil/index.html"))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[struct {
		SVGs  int      `json:"svgs"`
		Bad   []string `json:"bad"`
		Texts []string `json:"texts"`
	}](jsSVGInjected))
	if err != nil {
		t.Fatal(err)
	}
	if got.SVGs != 3 {
		t.Errorf("%d SVG drawings, want 3", got.SVGs)
	}
	for _, b := range got.Bad {
		t.Errorf("an SVG drawing holds %s", b)
	}
	all := strings.Join(got.Texts, "\n")
	for _, h := range hostile {
		if !strings.Contains(all, h) {
			t.Errorf("the hostile string %q is not text in any drawing", h)
		}
	}
}
