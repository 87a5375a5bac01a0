package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// jsChartKinds describes each drawn chart: the drawing surface, its first
// series' type, and the marks that tell the variants apart.
const jsChartKinds = `[...document.querySelectorAll('figure.bs-chart')].map(fig => {
  const el = fig.querySelector('.bs-chart-canvas');
  const o = echarts.getInstanceByDom(el).getOption();
  const s = o.series || [];
  const y = (o.yAxis || [])[0] || {};
  const x = (o.xAxis || [])[0] || {};
  const marks = [];
  if (s.length > 1) marks.push(s.length + ' series');
  if (y.type === 'category') marks.push('horizontal');
  if (x.type === 'time') marks.push('time axis');
  if (s.some(v => v.stack)) marks.push('stacked');
  if (s.some(v => v.areaStyle)) marks.push('area');
  if (s.some(v => Array.isArray(v.radius))) marks.push('ring');
  if (s.some(v => v.type === 'scatter' && (v.data || []).some(d => Array.isArray(d && d.value ? d.value : d) && (d.value || d).length > 2))) marks.push('sized');
  const grids = (o.grid || []).length;
  if (grids > 1) marks.push(grids + ' grids');
  else if ((o.yAxis || []).length > 1) marks.push('second axis: ' + s.map(v => v.type).join('+'));
  if (s.some(v => v.markLine && (v.markLine.data || []).length)) marks.push('lines');
  if (s.some(v => v.markArea && (v.markArea.data || []).length)) marks.push('bands');
  if (s.some(v => v.type === 'scatter' && v.symbol === 'rect')) marks.push('targets');
  if ((o.visualMap || []).length) marks.push('visual map');
  if ((o.radar || []).length) marks.push((o.radar[0].indicator || []).length + ' axes');
  return (el.querySelector('svg') ? 'svg' : el.querySelector('canvas') ? 'canvas' : 'none') + ' ' +
    (s[0] || {}).type + (marks.length ? ' (' + marks.join(', ') + ')' : '');
})`

// TestEveryChartType builds testdata/charttypes (a page with a chart of each
// type and variant) drawn on canvas and on SVG, opens it from file://, and
// finds every chart drawn, no console error, each chart the kind its block
// asked for, and every chart redrawn with the dark theme when the page turns
// dark.
func TestEveryChartType(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	for _, renderer := range []string{"canvas", "svg"} {
		t.Run(renderer, func(t *testing.T) {
			src := t.TempDir()
			if err := copyDir("testdata/charttypes", src); err != nil {
				t.Fatal(err)
			}
			config := "title = \"Every chart type\"\nlanguage = \"en\"\n\n[charts]\nrenderer = \"" + renderer + "\"\n"
			if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte(config), 0o644); err != nil {
				t.Fatal(err)
			}
			o, err := buildSite(src)
			if err != nil {
				t.Fatalf("building: %v", err)
			}
			var kinds []string
			rep := b.checkPage(t, o, o.fileURL(), "charts/index.html", inspectOptions{then: func(tb *tab) []string {
				var err error
				if kinds, err = chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](jsChartKinds)); err != nil {
					return []string{fmt.Sprintf("reading the charts: %v", err)}
				}
				return redrawnDark(tb)
			}})
			if rep.Drawn != 18 {
				t.Errorf("%d of %d charts drawn, want 18", rep.Drawn, rep.Figures)
			}
			want := []string{
				"bar",
				"bar (horizontal)",
				"bar (2 series)",
				"bar (2 series, stacked)",
				"line (2 series, time axis)",
				"line (2 series, time axis, area)",
				"pie",
				"pie (ring)",
				"scatter",
				"scatter (sized)",
				"bar (2 series, second axis: bar+line)",
				"bar (2 series, lines, bands, targets)",
				"funnel",
				"bar (2 series, stacked)",
				"heatmap (horizontal, visual map)",
				"treemap",
				"radar (area, 3 axes)",
				"line (2 series, time axis, 2 grids)",
			}
			for i := range want {
				want[i] = renderer + " " + want[i]
			}
			if got := strings.Join(kinds, "\n"); got != strings.Join(want, "\n") {
				t.Errorf("charts drawn:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
			}
			summary.add("chart types drawn on "+renderer, rep.Drawn)
		})
	}
}

// jsDarkCharts lists the charts that are not painted with ECharts' dark
// theme.
const jsDarkCharts = `(() => {
  ` + jsPainted + `
  return [...document.querySelectorAll('figure.bs-chart')].filter(fig => {
    const el = fig.querySelector('.bs-chart-canvas');
    const inst = echarts.getInstanceByDom(el);
    return !(inst && inst.getModel().get('darkMode') === true && bsPainted(el));
  }).map(fig => fig.id);
})()`

// redrawnDark switches the page to the dark colour scheme and reports the
// charts that were not redrawn with the dark theme, then switches back.
func redrawnDark(tb *tab) []string {
	dark := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, dark); err != nil {
		return []string{fmt.Sprintf("dark scheme: %v", err)}
	}
	defer chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	if err := chromedp.Do(tb.ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		return []string{err.Error()}
	}
	light, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](jsDarkCharts))
	if err != nil {
		return []string{fmt.Sprintf("reading the dark charts: %v", err)}
	}
	var out []string
	for _, id := range light {
		out = append(out, "chart "+id+": not redrawn with the dark theme")
	}
	return out
}
