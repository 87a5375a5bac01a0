package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Time limits. A page of the demo opens and draws in well under a second on
// two cores; the limits only stop a hung page from stalling the suite.
const (
	pageTimeout   = 30 * time.Second // one page: load, checks, axe
	chartsTimeout = 5 * time.Second  // charts drawn after the load event
	settleTime    = 200 * time.Millisecond
)

// browser is one headless Chromium, shared by the pages of one test, each
// opened in a tab of its own.
type browser struct {
	ctx context.Context
}

// chromiumPath finds the browser to run.
func chromiumPath() string {
	if p := os.Getenv("BROADSHEET_CHROMIUM"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium for the test and stops it when the
// test ends. Without a browser the test fails, unless BROADSHEET_SKIP_BROWSER=1
// asks for a skip.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		if os.Getenv("BROADSHEET_SKIP_BROWSER") == "1" {
			t.Skip("BROADSHEET_SKIP_BROWSER=1 and chromium is not installed")
		}
		t.Fatal("chromium is not installed: run `make test-deps` (it runs apt-get install chromium), or point BROADSHEET_CHROMIUM at a Chromium; BROADSHEET_SKIP_BROWSER=1 skips the browser tests")
	}
	profile, err := os.MkdirTemp("", "broadsheet-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Any host name fails to resolve, so a page that reaches for the
		// network fails fast (and is reported) instead of waiting.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		removeAllRetry(profile)
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return &browser{ctx: ctx}
}

// tab is one page open in the browser, with what it did recorded.
type tab struct {
	ctx    context.Context // the tab's context, limited to pageTimeout
	tabCtx context.Context // the tab's context without the limit
	ev     *recorder
}

// newTab opens a blank tab whose requests may only go to the site at base
// (a file:// or http:// address ending in a slash). Close it with the
// returned func.
func (b *browser) newTab(base string) (*tab, func(), error) {
	tabCtx, cancelTab := chromedp.NewContext(b.ctx)
	ev := &recorder{base: base, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(tabCtx, func(e any) { ev.on(tabCtx, e) }); err != nil {
		cancelTab()
		return nil, nil, fmt.Errorf("opening a tab: %w", err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, pageTimeout)
	return &tab{ctx: ctx, tabCtx: tabCtx, ev: ev}, func() { cancel(); cancelTab() }, nil
}

// recorder keeps the problems a tab's events show.
type recorder struct {
	base string

	mu       sync.Mutex
	urls     map[network.RequestID]string
	requests int
	problems []string
	dialogs  []string
}

// on handles one event. It runs on the tab's reading goroutine: it must not
// block or run commands there.
func (r *recorder) on(tabCtx context.Context, e any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := e.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			r.problems = append(r.problems, "console error: "+consoleText(e.Args)+stackPlace(e.StackTrace))
		}
	case *runtime.EventExceptionThrown:
		r.problems = append(r.problems, "uncaught exception: "+exceptionText(e.ExceptionDetails))
	case *log.EventEntryAdded:
		// Network entries repeat what the network events below report.
		if e.Entry.Level == log.EntryLevelError && e.Entry.Source != log.EntrySourceNetwork {
			r.problems = append(r.problems, fmt.Sprintf("browser log (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		u := e.Request.URL
		r.urls[e.RequestID] = u
		if !strings.HasPrefix(u, "data:") {
			// data: URIs are inlined content, not fetched from anywhere.
			r.requests++
		}
		if !allowedRequest(u, r.base) && !r.automaticFavicon(u) {
			r.problems = append(r.problems, "request outside the site: "+u)
		}
	case *network.EventLoadingFailed:
		msg := e.ErrorText
		if e.BlockedReason != "" {
			msg += " (blocked: " + string(e.BlockedReason) + ")"
		}
		r.problems = append(r.problems, fmt.Sprintf("failed request: %s: %s", r.urls[e.RequestID], msg))
	case *network.EventResponseReceived:
		if e.Response.Status >= 400 && !r.automaticFavicon(e.Response.URL) {
			r.problems = append(r.problems, fmt.Sprintf("failed request: %s: HTTP %d", e.Response.URL, e.Response.Status))
		}
	case *page.EventJavascriptDialogOpening:
		d := fmt.Sprintf("%s(%q)", e.Type, e.Message)
		r.dialogs = append(r.dialogs, d)
		r.problems = append(r.problems, "JavaScript dialog opened: "+d)
		// Dismiss it from another goroutine, or the page stays blocked.
		go chromedp.Call(tabCtx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// automaticFavicon says whether u is the /favicon.ico that Chromium asks a
// server for by itself when a page names no icon. Its 404 is the browser's,
// not the page's (the page's own <link rel="icon"> is checked like any link).
func (r *recorder) automaticFavicon(u string) bool {
	b, err := url.Parse(r.base)
	if err != nil || b.Scheme == "file" {
		return false
	}
	return u == b.Scheme+"://"+b.Host+"/favicon.ico"
}

// snapshot returns what the recorder has seen so far.
func (r *recorder) snapshot() (problems, dialogs []string, requests int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.problems...), append([]string(nil), r.dialogs...), r.requests
}

// allowedRequest says whether a page may request u: only files of the site
// (under base) and data held in the page itself.
func allowedRequest(u, base string) bool {
	switch {
	case strings.HasPrefix(u, "data:"), strings.HasPrefix(u, "blob:"), u == "about:blank":
		return true
	}
	_, ok := relOf(u, base)
	return ok
}

// relOf maps an absolute address to a path relative to the site's base
// address, unescaped, keeping a trailing slash and dropping the query and
// fragment. ok is false for an address outside the site.
func relOf(abs, base string) (rel string, ok bool) {
	u, err := url.Parse(abs)
	if err != nil {
		return "", false
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", false
	}
	if u.Scheme != b.Scheme || u.Host != b.Host || !strings.HasPrefix(u.Path, b.Path) {
		return "", false
	}
	rel = strings.TrimPrefix(u.Path, b.Path)
	if path.Clean("/"+rel) != "/"+strings.TrimSuffix(rel, "/") && rel != "" {
		return "", false // ../ left in a file path
	}
	return rel, true
}

// subPath is where the test servers publish a site: a static host's
// sub-path, as a bank's intranet would give a report.
const subPath = "/reports/short-video/"

// serve publishes the folder dir under subPath on a local HTTP server for
// the test's duration and returns the site's address.
func serve(t testing.TB, dir string) string {
	srv := httptest.NewServer(http.StripPrefix(strings.TrimSuffix(subPath, "/"), http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	return srv.URL + subPath
}

// pageURL is the address of a page of the output under base. Over HTTP an
// index.html is addressed by its folder, as a static host serves it.
func pageURL(base, rel string) string {
	if strings.HasPrefix(base, "http") {
		if rel == "index.html" {
			rel = ""
		} else {
			rel = strings.TrimSuffix(rel, "/index.html")
			if rel != "" && !strings.HasSuffix(rel, ".html") {
				rel += "/"
			}
		}
	}
	return base + (&url.URL{Path: rel}).EscapedPath()
}

// consoleText renders the arguments of a console call.
func consoleText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if err := json.Unmarshal([]byte(a.Value), &s); err == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, firstLine(a.Description))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// exceptionText renders an uncaught exception with its place.
func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	msg := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		msg += " " + firstLine(d.Exception.Description)
	}
	where := d.URL
	if where == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		where = d.StackTrace.CallFrames[0].URL
	}
	return fmt.Sprintf("%s (%s:%d:%d)", msg, where, d.LineNumber+1, d.ColumnNumber+1)
}

// stackPlace renders the top frame of a stack as " (url:line)".
func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// jsPainted is a function telling whether ECharts painted anything into a
// drawing target: a canvas of more than one colour, or an svg with shapes.
const jsPainted = `const bsPainted = el => {
  const c = el.querySelector('canvas');
  if (c) {
    if (!c.width || !c.height) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4 * 7) {
      if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2] || d[i+3] !== d[3]) return true;
    }
    return false;
  }
  const s = el.querySelector('svg');
  return !!s && s.querySelectorAll('path, text, rect, circle, polyline, polygon, image').length > 0;
};
`

// jsPendingCharts lists the ids of chart figures not drawn yet, and scrolls
// the first of them into view (for a theme that starts charts as they
// appear).
const jsPendingCharts = `(() => {
  ` + jsPainted + `
  const pending = [];
  for (const fig of document.querySelectorAll('figure.bs-chart')) {
    const el = fig.querySelector('.bs-chart-canvas');
    const inst = el && window.echarts && window.echarts.getInstanceByDom(el);
    const surf = el && el.querySelector('canvas, svg');
    const r = surf && surf.getBoundingClientRect();
    if (!(inst && r && r.width > 0 && r.height > 0 && bsPainted(el))) pending.push(fig);
  }
  if (pending.length) pending[0].scrollIntoView();
  return pending.map(f => f.id || '(no id)');
})()`

// jsExercise runs what a reader's browser runs later: a resize and a print.
const jsExercise = `(() => {
  window.dispatchEvent(new Event('resize'));
  window.dispatchEvent(new Event('beforeprint'));
  window.dispatchEvent(new Event('afterprint'));
  window.scrollTo(0, 0);
  return true;
})()`

// jsFacts collects the page's charts, links and ids.
const jsFacts = `(() => {
  ` + jsPainted + `
  const figures = [];
  for (const fig of document.querySelectorAll('figure.bs-chart')) {
    const f = {id: fig.id, option: false, target: false, instance: false, surface: false, width: 0, height: 0, painted: false,
               table: false, rows: 0, csv: null, csvURL: ''};
    f.option = !!fig.querySelector('script.bs-chart-option[type="application/json"]');
    const el = fig.querySelector('.bs-chart-canvas');
    f.target = !!el;
    if (el && window.echarts) {
      f.instance = !!window.echarts.getInstanceByDom(el);
      const surf = el.querySelector('canvas, svg');
      f.surface = !!surf;
      if (surf) { const r = surf.getBoundingClientRect(); f.width = r.width; f.height = r.height; }
      f.painted = bsPainted(el);
    }
    const tbl = fig.querySelector('details table');
    if (tbl) { f.table = true; f.rows = tbl.rows.length; }
    const a = fig.querySelector('a.bs-csv');
    if (a) { f.csv = a.getAttribute('href'); f.csvURL = a.href; }
    figures.push(f);
  }
  const links = [...document.querySelectorAll('a[href], area[href]')]
    .filter(a => !(a.classList.contains('bs-csv') && a.closest('figure.bs-chart')))
    .map(a => ({raw: a.getAttribute('href'), abs: a.href}));
  const ids = [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.getAttribute('name'));
  return {figures, links, ids};
})()`

// pageFacts is what jsFacts returns.
type pageFacts struct {
	Figures []struct {
		ID       string  `json:"id"`
		Option   bool    `json:"option"`
		Target   bool    `json:"target"`
		Instance bool    `json:"instance"`
		Surface  bool    `json:"surface"`
		Width    float64 `json:"width"`
		Height   float64 `json:"height"`
		Painted  bool    `json:"painted"`
		Table    bool    `json:"table"`
		Rows     int     `json:"rows"`
		CSV      *string `json:"csv"`
		CSVURL   string  `json:"csvURL"`
	} `json:"figures"`
	Links []struct {
		Raw string `json:"raw"`
		Abs string `json:"abs"`
	} `json:"links"`
	IDs []string `json:"ids"`
}

// pageReport is what inspecting one page found.
type pageReport struct {
	URL      string
	Problems []string
	Figures  int // chart figures on the page
	Drawn    int // of which drawn
	Links    int // internal links checked
	Requests int
	Dialogs  []string
	// Screenshot is where the page's screenshot went, when one was taken.
	Screenshot string
}

// inspectOptions are extra steps of an inspection.
type inspectOptions struct {
	// then runs on the open page after the checks; what it returns are
	// more problems.
	then func(tb *tab) []string
	// shoot, when set, saves a screenshot of a page with problems, named
	// after the page, and says where in the report.
	shoot testing.TB
	name  string
	// chartsWait replaces chartsTimeout when set.
	chartsWait time.Duration
	// offline turns the tab's network off before the page loads.
	offline bool
}

// inspect opens the page rel of the output from base and checks it: no
// console error or exception, no failed request, no request leaving the
// site, every chart figure drawn with its data table and CSV link, every
// internal link leading to a file of the output.
func (b *browser) inspect(o *output, base, rel string, opts inspectOptions) pageReport {
	rep := pageReport{URL: pageURL(base, rel)}
	tb, closeTab, err := b.newTab(base)
	if err != nil {
		rep.Problems = append(rep.Problems, err.Error())
		return rep
	}
	defer closeTab()

	var facts pageFacts
	err = func() error {
		if opts.offline {
			off := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}}
			if _, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, off); err != nil {
				return fmt.Errorf("turning the network off: %w", err)
			}
			// Nor from the browser's cache: a page loaded moments before can
			// still be fresh there, the longer the run the likelier.
			if _, err := chromedp.Call(tb.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
				return fmt.Errorf("turning the cache off: %w", err)
			}
		}
		if err := chromedp.Do(tb.ctx, chromedp.Navigate(rep.URL)); err != nil {
			return fmt.Errorf("loading: %w", err)
		}
		wait := chartsTimeout
		if opts.chartsWait > 0 {
			wait = opts.chartsWait
		}
		pending, err := waitCharts(tb.ctx, wait)
		if err != nil {
			return err
		}
		for _, id := range pending {
			rep.Problems = append(rep.Problems, fmt.Sprintf("chart %s: not drawn %s after the load event", id, wait))
		}
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](jsExercise)); err != nil {
			return fmt.Errorf("resize/print events: %w", err)
		}
		if err := chromedp.Do(tb.ctx, chromedp.Sleep(settleTime)); err != nil {
			return err
		}
		facts, err = chromedp.Run(tb.ctx, chromedp.Evaluate[pageFacts](jsFacts))
		if err != nil {
			return fmt.Errorf("reading the page: %w", err)
		}
		return nil
	}()
	if err != nil {
		rep.Problems = append(rep.Problems, err.Error())
	} else {
		rep.Problems = append(rep.Problems, checkFacts(o, base, rel, facts, &rep)...)
		if opts.then != nil {
			rep.Problems = append(rep.Problems, opts.then(tb)...)
		}
	}
	evProblems, dialogs, requests := tb.ev.snapshot()
	rep.Problems = append(evProblems, rep.Problems...)
	rep.Dialogs, rep.Requests = dialogs, requests
	if len(rep.Problems) > 0 && opts.shoot != nil {
		name := opts.name
		if name == "" {
			name = rel
		}
		if p, err := tb.screenshot(opts.shoot, name); err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("taking a screenshot: %v", err))
		} else {
			rep.Screenshot = p
		}
	}
	return rep
}

// waitCharts waits until every chart figure is drawn, or wait has passed,
// and returns the ids of the figures still not drawn.
func waitCharts(ctx context.Context, wait time.Duration) ([]string, error) {
	deadline := time.Now().Add(wait)
	for {
		pending, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](jsPendingCharts))
		if err != nil {
			return nil, fmt.Errorf("looking for charts: %w", err)
		}
		if len(pending) == 0 || time.Now().After(deadline) {
			return pending, nil
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
			return nil, err
		}
	}
}

// checkFacts checks the charts and links a page shows.
func checkFacts(o *output, base, rel string, f pageFacts, rep *pageReport) []string {
	var problems []string
	ids := map[string]bool{}
	for _, id := range f.IDs {
		ids[id] = true
	}
	seen := map[string]bool{}
	for i, fig := range f.Figures {
		rep.Figures++
		name := fig.ID
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
			problems = append(problems, fmt.Sprintf("chart %s: figure.bs-chart has no id", name))
		} else if seen[name] {
			problems = append(problems, fmt.Sprintf("chart %s: id used by two figures", name))
		}
		seen[name] = true
		if !fig.Option {
			problems = append(problems, fmt.Sprintf("chart %s: no <script type=\"application/json\" class=\"bs-chart-option\">", name))
		}
		switch {
		case !fig.Target:
			problems = append(problems, fmt.Sprintf("chart %s: no .bs-chart-canvas drawing target", name))
		case !fig.Instance:
			problems = append(problems, fmt.Sprintf("chart %s: echarts.getInstanceByDom(.bs-chart-canvas) is null", name))
		case !fig.Surface:
			problems = append(problems, fmt.Sprintf("chart %s: no canvas or svg in .bs-chart-canvas: ECharts found nothing to paint", name))
		case fig.Width <= 0 || fig.Height <= 0:
			problems = append(problems, fmt.Sprintf("chart %s: drawn at %gx%g px", name, fig.Width, fig.Height))
		case !fig.Painted:
			problems = append(problems, fmt.Sprintf("chart %s: ECharts painted nothing (a canvas of one colour, or an svg without shapes)", name))
		default:
			rep.Drawn++
		}
		if !fig.Table {
			problems = append(problems, fmt.Sprintf("chart %s: no data table (details table)", name))
		} else if fig.Rows < 2 {
			problems = append(problems, fmt.Sprintf("chart %s: the data table has %d rows (want a header and data)", name, fig.Rows))
		}
		if fig.CSV == nil {
			problems = append(problems, fmt.Sprintf("chart %s: no CSV download (a.bs-csv)", name))
		} else if strings.HasPrefix(*fig.CSV, "data:") {
			// Inlined, as in a single-file bundle.
		} else if p := checkTarget(o, base, *fig.CSV, fig.CSVURL); p != "" {
			problems = append(problems, fmt.Sprintf("chart %s: CSV link %s", name, p))
		}
	}
	for _, l := range f.Links {
		raw := strings.TrimSpace(l.Raw)
		lower := strings.ToLower(raw)
		switch {
		case strings.HasPrefix(lower, "http:"), strings.HasPrefix(lower, "https:"),
			strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"), strings.HasPrefix(lower, "data:"):
			continue
		case strings.HasPrefix(raw, "#"):
			rep.Links++
			if frag := raw[1:]; frag != "" && frag != "top" && !ids[frag] && !ids[unescapeFragment(frag)] {
				problems = append(problems, fmt.Sprintf("link %q: no element with that id on the page", raw))
			}
			continue
		}
		rep.Links++
		if p := checkTarget(o, base, raw, l.Abs); p != "" {
			problems = append(problems, fmt.Sprintf("link %s", p))
		}
	}
	return problems
}

// checkTarget checks that a link, resolved by the browser to abs, leads to
// a file of the output, and returns the problem if not.
func checkTarget(o *output, base, raw, abs string) string {
	rel, ok := relOf(abs, base)
	if !ok {
		return fmt.Sprintf("%q leads outside the site (%s)", raw, abs)
	}
	file, isDir, ok := o.target(rel)
	switch {
	case !ok && isDir:
		return fmt.Sprintf("%q: folder %s has no index.html", raw, rel)
	case !ok:
		return fmt.Sprintf("%q: %s is not in the output", raw, rel)
	case isDir && strings.HasPrefix(base, "file:"):
		return fmt.Sprintf("%q names a folder: opened from file:// it shows a folder listing, not %s (link to index.html)", raw, file)
	}
	return ""
}

// unescapeFragment decodes a %-escaped fragment, or returns it unchanged.
func unescapeFragment(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// screenshot saves a full-page screenshot of the tab's page into the test's
// artifacts folder and returns its path.
func (tb *tab) screenshot(t testing.TB, name string) (string, error) {
	// The page's own time limit may be what failed: take a fresh one.
	ctx, cancel := context.WithTimeout(tb.tabCtx, 15*time.Second)
	defer cancel()
	// Let the charts' animations end, so the picture shows them drawn.
	if err := chromedp.Do(ctx, chromedp.Sleep(time.Second)); err != nil {
		return "", err
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "", err
	}
	p := filepath.Join(artifactsDir(t), unsafeName.ReplaceAllString(name, "_")+".png")
	return p, os.WriteFile(p, png, 0o644)
}

// checkPage inspects a page and fails the test with every problem found,
// saving a screenshot of the page when there are any.
func (b *browser) checkPage(t *testing.T, o *output, base, rel string, opts inspectOptions) pageReport {
	t.Helper()
	opts.shoot = t
	rep := b.inspect(o, base, rel, opts)
	if len(rep.Problems) > 0 {
		where := "no screenshot"
		if rep.Screenshot != "" {
			where = "screenshot: " + rep.Screenshot
		}
		t.Errorf("%s: %d problem(s) (%s):\n\t%s", rep.URL, len(rep.Problems), where, strings.Join(rep.Problems, "\n\t"))
	}
	return rep
}
