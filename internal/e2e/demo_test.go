package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/bundle"
)

// The checks over the repository's demo report, built once per test binary.

var (
	demoOnce sync.Once
	demoOut  *output
	demoErr  error
)

// demo builds the demo report (site.toml and content/ at the module root)
// into a temporary folder, once, and returns it. BROADSHEET_E2E_SITE names
// another site folder to check instead.
func demo(t *testing.T) *output {
	t.Helper()
	demoOnce.Do(func() {
		src := os.Getenv("BROADSHEET_E2E_SITE")
		if src == "" {
			root, err := moduleRoot()
			if err != nil {
				demoErr = err
				return
			}
			src = root
		}
		demoOut, demoErr = buildSite(src)
	})
	if demoErr != nil {
		t.Fatalf("building the demo report: %v", demoErr)
	}
	return demoOut
}

// buildSite builds the site in src into a new temporary folder (removed when
// the test binary ends) and lists the output.
func buildSite(src string) (*output, error) {
	dir, err := os.MkdirTemp("", "broadsheet-e2e-site-")
	if err != nil {
		return nil, err
	}
	addCleanup(func() { os.RemoveAll(dir) })
	out := filepath.Join(dir, "public")
	res, err := build.Write(build.Options{Source: src}, out)
	if err != nil {
		return nil, err
	}
	o, err := loadOutput(out, res.Site.Config.BaseURL)
	if err != nil {
		return nil, err
	}
	o.tree = res.Tree
	return o, nil
}

// TestDemoPages opens every page of the demo report from file:// and from
// a local server and checks it in the browser.
func TestDemoPages(t *testing.T) {
	t.Parallel()
	o := demo(t)
	b := newBrowser(t)
	site := serve(t, o.Dir)
	for _, mode := range []struct{ name, base string }{
		{"file", o.fileURL()},
		{"http", site},
	} {
		t.Run(mode.name, func(t *testing.T) {
			var pages, figures, drawn, links, requests int
			for _, p := range o.Pages {
				rep := b.checkPage(t, o, mode.base, p, inspectOptions{})
				pages++
				figures += rep.Figures
				drawn += rep.Drawn
				links += rep.Links
				requests += rep.Requests
			}
			t.Logf("%s: %d pages, %d chart figures, %d drawn, %d internal links, %d requests", mode.name, pages, figures, drawn, links, requests)
			summary.add("demo pages opened from "+mode.name, pages)
			summary.add("demo charts drawn from "+mode.name, drawn)
			if figures == 0 {
				t.Errorf("no chart on any page of the demo report: the chart checks checked nothing")
			}
		})
	}
}

// TestDemoBundles makes a single-file bundle of every demo page with a
// chart, opens it from file:// with the network off, and checks it as a
// page: every chart drawn, and nothing requested but the file itself.
func TestDemoBundles(t *testing.T) {
	t.Parallel()
	o := demo(t)
	b := newBrowser(t)
	var bundles, drawn int
	for _, p := range o.Pages {
		src, _ := o.read(p)
		if !bytes.Contains(src, []byte(`class="bs-chart"`)) {
			continue
		}
		data, err := bundle.Page(o.tree, p, o.BaseURL)
		if err != nil {
			t.Errorf("bundling %s: %v", p, err)
			continue
		}
		dir := t.TempDir()
		name := strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "-") + ".html"
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		bo, err := loadOutput(dir, o.BaseURL)
		if err != nil {
			t.Fatal(err)
		}
		rep := b.checkPage(t, bo, bo.fileURL(), name, inspectOptions{offline: true})
		if rep.Figures == 0 {
			t.Errorf("bundle of %s: no chart figure", p)
		}
		if rep.Requests != 1 {
			t.Errorf("bundle of %s: %d requests, want 1 (the file itself; everything else inlined)", p, rep.Requests)
		}
		lr, err := checkLinks(bo)
		if err != nil {
			t.Fatal(err)
		}
		for _, problem := range lr.Problems {
			t.Errorf("bundle of %s: %s", p, problem)
		}
		bundles++
		drawn += rep.Drawn
		t.Logf("bundle of %s: %d KB, %d charts drawn", p, len(data)/1024, rep.Drawn)
	}
	if bundles == 0 {
		t.Error("no demo page has a chart to bundle")
	}
	summary.add("demo bundles opened offline", bundles)
	summary.add("demo charts drawn in bundles", drawn)
}

// TestDemoLinks checks every address in the demo report's HTML and CSS.
func TestDemoLinks(t *testing.T) {
	o := demo(t)
	rep, err := checkLinks(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Error(p)
	}
	t.Logf("%d addresses checked in %d pages; outside links written by authors: %d", rep.Checked, len(o.Pages), len(rep.External))
	for _, e := range rep.External {
		t.Logf("  %s", e)
	}
	summary.add("demo addresses checked", rep.Checked)
	summary.add("demo broken or forbidden addresses", len(rep.Problems))
}

// TestDemoHTMLValid runs the Nu HTML Checker over every page of the demo
// report in one run.
func TestDemoHTMLValid(t *testing.T) {
	t.Parallel()
	o := demo(t)
	msgs, err := runVNU(t, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		t.Error(m)
	}
	t.Logf("Nu HTML Checker: %d pages, %d errors", len(o.Pages), len(msgs))
	summary.add("demo pages through the Nu HTML Checker", len(o.Pages))
	summary.add("demo Nu HTML Checker errors", len(msgs))
}

// TestDemoAccessibility runs axe-core inside Chromium over every page of the
// demo report, in the light and the dark colour scheme, and fails on
// serious and critical violations.
func TestDemoAccessibility(t *testing.T) {
	t.Parallel()
	o := demo(t)
	src := axeScript(t)
	b := newBrowser(t)
	site := serve(t, o.Dir)
	counts := map[string]int{}
	for _, p := range o.Pages {
		vs, shot, err := b.axePage(t, site, p, src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		var blocking []string
		for _, v := range vs {
			counts[v.Impact]++
			if v.blocking() {
				blocking = append(blocking, v.String())
			} else {
				t.Logf("%s: %s", p, v)
			}
		}
		if len(blocking) > 0 {
			t.Errorf("%s: %d serious or critical axe-core violation(s) (screenshot: %s):\n\t%s", p, len(blocking), shot, strings.Join(blocking, "\n\t"))
		}
	}
	t.Logf("axe-core: %d pages × %d colour schemes; violations by impact: critical %d, serious %d, moderate %d, minor %d",
		len(o.Pages), len(axeSchemes), counts["critical"], counts["serious"], counts["moderate"], counts["minor"])
	summary.add("demo pages through axe-core (× light, dark)", len(o.Pages))
	for _, impact := range []string{"critical", "serious", "moderate", "minor"} {
		summary.add("demo axe-core violations, "+impact, counts[impact])
	}
}
