package chart

import (
	"cmp"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/locale"
)

// TestMonthlyTimeAxisDrawn draws monthly trends with ECharts itself (its
// server-side SVG renderer under Node.js, formatters revived by charts.js)
// and reads the x-axis labels: one per month, as months in the page
// language, the last point labelled. It is skipped where node is not
// installed.
func TestMonthlyTimeAxisDrawn(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	cases := []struct {
		lang  string
		dates []string
		want  []string
	}{
		{"en", []string{"2024-04-01", "2024-05-01", "2024-06-01"}, []string{"2024-04", "2024-05", "2024-06"}},
		{"zh-CN", []string{"2024-04-01", "2024-05-01", "2024-06-01"}, []string{"2024年4月", "2024年5月", "2024年6月"}},
		{"en", []string{"2023-06-01", "2023-07-01"}, []string{"2023-06", "2023-07"}},
		{"en", []string{"2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01", "2023-05-01", "2023-06-01", "2023-07-01",
			"2023-08-01", "2023-09-01", "2023-10-01", "2023-11-01", "2023-12-01", "2024-01-01", "2024-02-01"},
			[]string{"2023-01", "2023-03", "2023-05", "2023-07", "2023-09", "2023-11", "2024-01", "2024-02"}},
	}
	for _, c := range cases {
		vals := make([]any, len(c.dates))
		for i := range vals {
			vals[i] = int64(120000 + 1000*i)
		}
		tb := table("trend", dates("month", c.dates...), nums("sales", dataset.Int, vals...))
		ch, err := Build(&Spec{Type: "line", X: "month", Y: []string{"sales"}, Lang: c.lang}, tb)
		if err != nil {
			t.Fatal(err)
		}
		drawn := drawnTexts(t, node, c.lang, ch.JSON)
		var x []drawnText
		for _, d := range drawn {
			if strings.HasPrefix(d.Text, "20") {
				x = append(x, d)
			}
		}
		slices.SortFunc(x, func(a, b drawnText) int { return cmp.Compare(a.X, b.X) })
		var labels []string
		for i, d := range x {
			labels = append(labels, d.Text)
			if i > 0 && d.X-x[i-1].X < 42 {
				t.Errorf("%s: labels %q and %q overlap (%.0f px apart)", c.lang, x[i-1].Text, d.Text, d.X-x[i-1].X)
			}
		}
		if !slices.Equal(labels, c.want) {
			t.Errorf("%s %v: x-axis labels %q, want %q (all texts %v)", c.lang, c.dates, labels, c.want, drawn)
		}
		for _, d := range drawn {
			if regexp.MustCompile(`^(\d{1,2}|[A-Z][a-z]{2}|\d+月)$`).MatchString(d.Text) {
				t.Errorf("%s: a day or bare month label %q among %v", c.lang, d.Text, drawn)
			}
		}
	}
}

// drawnText is a text ECharts drew and where it starts across.
type drawnText struct {
	Text string  `json:"text"`
	X    float64 `json:"x"`
}

// drawnTexts renders an option to SVG with ECharts under node and returns
// every <text> element in drawing order.
func drawnTexts(t *testing.T, node, lang string, option []byte) []drawnText {
	t.Helper()
	echarts, _ := filepath.Abs("../../assets/vendor/echarts/echarts.min.js")
	chartsJS, _ := filepath.Abs("../../assets/js/charts.js")
	prog := `
const fs = require('fs'), vm = require('vm');
const echarts = require(process.argv[1]);
const win = {};
const doc = { getElementById: (id) => id === 'bs-words' ? { textContent: process.argv[3] } : null, readyState: 'complete',
  querySelectorAll: () => [], addEventListener() {} };
vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), { window: win, document: doc, setTimeout, clearTimeout });
const option = JSON.parse(fs.readFileSync(0, 'utf8'));
win.broadsheetCharts.revive(option, '');
option.animation = false;
const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 360 });
c.setOption(option);
const svg = c.renderToSVGString();
c.dispose();
const texts = [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(m => {
  const at = /translate\(([-0-9.]+)/.exec(m[1]) || /matrix\((?:[^,]*,){4}([-0-9.]+)/.exec(m[1]);
  return { text: m[2], x: at ? +at[1] : 0 };
});
process.stdout.write(JSON.stringify(texts), () => process.exit(0));
`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "-e", prog, echarts, chartsJS, string(locale.Of(lang).Script()))
	cmd.Stdin = strings.NewReader(string(option))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := stderr.String()
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		t.Fatalf("node: %v\n%s", err, msg)
	}
	var texts []drawnText
	if err := json.Unmarshal(out, &texts); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	return texts
}
