package e2e

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeViolation is one rule that axe-core found broken on a page.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
	// Scheme is the colour scheme the page was shown in.
	Scheme string `json:"-"`
}

// blocking says whether the violation fails the test: serious or critical.
func (v axeViolation) blocking() bool {
	return v.Impact == "serious" || v.Impact == "critical"
}

// String shows the violation with the elements it concerns, grouped by
// what is wrong with them.
func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s, %s scheme] %s: %s (%s)", v.Impact, v.Scheme, v.ID, v.Help, v.HelpURL)
	var order []string
	targets := map[string][]string{}
	for _, n := range v.Nodes {
		s := strings.Join(strings.Fields(n.Summary), " ")
		if _, ok := targets[s]; !ok {
			order = append(order, s)
		}
		targets[s] = append(targets[s], n.Target)
	}
	for _, s := range order {
		ts := targets[s]
		if len(ts) > 8 {
			ts = append(ts[:8:8], fmt.Sprintf("and %d more", len(targets[s])-8))
		}
		fmt.Fprintf(&b, "\n\t\t%s\n\t\t\t%s", strings.Join(ts, ", "), s)
	}
	return b.String()
}

// jsAxeRun runs axe-core over the document and returns its violations.
const jsAxeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({
    target: n.target.map(x => Array.isArray(x) ? x.join(' >>> ') : String(x)).join(' '),
    summary: n.failureSummary || ''}))
})))`

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axeScript returns the source of axe.min.js installed by `make test-deps`.
func axeScript(t testing.TB) string {
	p := tool(t, "node_modules/axe-core/axe.min.js")
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(p)
		axeSource = string(b)
	})
	if axeErr != nil {
		t.Fatal(axeErr)
	}
	return axeSource
}

// axeSchemes are the colour schemes each page is checked in: the theme
// follows the reader's setting (color-scheme: light dark).
var axeSchemes = []string{"light", "dark"}

// runAxe injects axe-core into the open page and runs it once per colour
// scheme.
func runAxe(tb *tab, src string) ([]axeViolation, error) {
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	var all []axeViolation
	for _, scheme := range axeSchemes {
		media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, media); err != nil {
			return nil, fmt.Errorf("showing the page in the %s scheme: %w", scheme, err)
		}
		// Let a theme that redraws its charts for the scheme do so.
		if err := chromedp.Do(tb.ctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
			return nil, err
		}
		vs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](jsAxeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, fmt.Errorf("running axe-core (%s scheme): %w", scheme, err)
		}
		for i := range vs {
			vs[i].Scheme = scheme
		}
		all = append(all, vs...)
	}
	// Back to the reader's own setting, for a screenshot.
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		return nil, err
	}
	return all, nil
}

// axePage opens a page, waits for its charts and runs axe-core over it.
// When a violation is serious or critical it saves a screenshot and returns
// its path.
func (b *browser) axePage(t testing.TB, base, rel, src string) (vs []axeViolation, shot string, err error) {
	tb, closeTab, err := b.newTab(base)
	if err != nil {
		return nil, "", err
	}
	defer closeTab()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(pageURL(base, rel))); err != nil {
		return nil, "", fmt.Errorf("loading %s: %w", pageURL(base, rel), err)
	}
	if _, err := waitCharts(tb.ctx, chartsTimeout); err != nil {
		return nil, "", err
	}
	if vs, err = runAxe(tb, src); err != nil {
		return nil, "", err
	}
	for _, v := range vs {
		if v.blocking() {
			if shot, err = tb.screenshot(t, rel); err != nil {
				return vs, "", fmt.Errorf("taking a screenshot: %w", err)
			}
			break
		}
	}
	return vs, shot, nil
}
