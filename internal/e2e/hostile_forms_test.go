package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostileFormsSite draws every newer chart form over the hostile strings:
// as stage, step, cell, tile, shape and facet names, and as the label of a
// reference line and of a column of targets. It draws on SVG, so that the
// charts' labels are text in the page.
var hostileFormsSite = map[string]string{
	"site.toml": "title = \"Hostile forms\"\nlanguage = \"en\"\n\n[charts]\nrenderer = \"svg\"\n",
	"content/forms.md": "+++\ntitle = \"Forms\"\n+++\n```chart\n" + strings.Join([]string{
		"type = \"funnel\"\ndata = \"evil\"\nx = \"name\"\ny = \"value\"",
		"type = \"waterfall\"\ndata = \"evil\"\nx = \"name\"\ny = \"change\"\nstart = 10\nlabels = true",
		"type = \"heatmap\"\ndata = \"evil\"\nx = \"name\"\ny = \"group\"\nvalue = \"value\"\nlabels = true",
		"type = \"treemap\"\ndata = \"evil\"\nx = \"name\"\ny = \"value\"\nseries = \"group\"",
		"type = \"radar\"\ndata = \"evil\"\nx = \"name\"\ny = [\"value\", \"change\", \"target\"]",
		"type = \"bar\"\ndata = \"evil\"\nx = \"name\"\ny = \"value\"\ny2 = \"change\"\n\n[[ref]]\nstat = \"avg\"\nlabel = \"<img src=x onerror=alert(1)>\"\n\n[[ref]]\ncolumn = \"target\"\nlabel = \"</script><script>alert(1)</script>\"",
		"type = \"bar\"\ndata = \"evil\"\nx = \"group\"\ny = \"value\"\nfacet = \"name\"",
	}, "\n```\n\n```chart\n") + "\n```\n",
	"content/data/evil.csv": "name,group,value,change,target\n" +
		"</script><script>alert(1)</script>,__f__alert(1)__f__,3,2,3\n" +
		"__f__alert(1)__f__,<img src=x onerror=alert(1)>,2,-1,2\n" +
		"<img src=x onerror=alert(1)>,</script><script>alert(1)</script>,1,1,1\n",
}

// jsFormTips opens the tooltip of every item of each chart's
// first series that has a tooltip and returns, per chart, the text of the
// drawing with each tooltip open (labels and axes are SVG text), and of the
// drawing alone.
const jsFormTips = `(() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.bs-chart')) {
    const el = fig.querySelector('.bs-chart-canvas');
    const inst = echarts.getInstanceByDom(el);
    const series = inst.getOption().series;
    const si = series.findIndex(s => !(s.tooltip && s.tooltip.show === false));
    let tips = '';
    const n = (series[si].data || []).length;
    for (let i = 0; i < n; i++) {
      inst.dispatchAction({type: 'showTip', seriesIndex: si, dataIndex: i});
      tips += el.textContent + '\n';
    }
    inst.dispatchAction({type: 'hideTip'});
    out.push({id: fig.id, tips, drawing: (el.querySelector('svg') || {}).textContent || ''});
  }
  return out;
})()`

// TestHostileChartForms opens a page of every newer chart form drawn over
// hostile names and finds no dialog, no injected element, and the names in
// the tooltips and labels as text.
func TestHostileChartForms(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := writeFiles(src, hostileFormsSite); err != nil {
		t.Fatal(err)
	}
	o, err := buildSite(src)
	if err != nil {
		t.Fatalf("building: %v", err)
	}
	b := newBrowser(t)
	rep := b.checkPage(t, o, o.fileURL(), "forms/index.html", inspectOptions{then: checkHostileForms})
	if len(rep.Dialogs) > 0 {
		t.Errorf("a dialog opened: %v", rep.Dialogs)
	}
	if rep.Drawn != 7 {
		t.Errorf("%d of %d charts drawn, want 7", rep.Drawn, rep.Figures)
	}
}

type formTips struct {
	ID      string `json:"id"`
	Tips    string `json:"tips"`
	Drawing string `json:"drawing"`
}

// checkHostileForms shows the tooltips and looks for the hostile names as
// text, and for injected elements after the tooltips' markup had time to
// run.
func checkHostileForms(tb *tab) []string {
	charts, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]formTips](jsFormTips))
	if err != nil {
		return []string{fmt.Sprintf("showing tooltips: %v", err)}
	}
	if err := chromedp.Do(tb.ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, c := range charts {
		for _, h := range hostile {
			if !strings.Contains(c.Tips+c.Drawing, h) {
				problems = append(problems, fmt.Sprintf("chart %s: %q shown neither in a tooltip nor in a label: tips %q", c.ID, h, c.Tips))
			}
		}
	}
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.querySelectorAll('img[src="x"], [onerror]').length`))
	if err != nil {
		return append(problems, err.Error())
	}
	if n != 0 {
		problems = append(problems, fmt.Sprintf("%d injected img[src=x] or [onerror] elements after showing the tooltips", n))
	}
	return problems
}
