package bundle

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/publish"
)

const chartPage = `<!DOCTYPE html><html><head><link rel="stylesheet" href="../a.css"></head><body>
<figure class="bs-chart" id="c"><div class="bs-chart-svg" aria-label="d" role="img"><svg width="10" height="10"><rect width="5" height="5"></rect></svg></div>
<div class="bs-chart-canvas" role="img" aria-label="d" style="height:10px"></div>
<script type="application/json" class="bs-chart-option">{"series":[]}</script>
<a class="bs-csv" href="c.csv" download="">CSV</a></figure>
<script src="../e.js"></script><script src="../charts.js"></script></body></html>`

func tree(page string) *publish.Tree {
	t := publish.NewTree()
	t.Add("p/index.html", []byte(page))
	t.Add("a.css", []byte("/* charts */\n.bs-chart-svg svg { display: block }\n.bs-chart-canvas {\n  height: 1px;\n}\n"))
	t.Add("e.js", []byte("var echarts={};"))
	t.Add("charts.js", []byte("start();"))
	t.Add("p/c.csv", []byte("a,b\n1,2\n"))
	return t
}

func TestLightLeavesOutScripts(t *testing.T) {
	out, err := Light(tree(chartPage), "p/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"<script", "echarts", "start()", `class="bs-chart-canvas"`, `"series"`} {
		if strings.Contains(s, gone) {
			t.Errorf("light bundle holds %q:\n%s", gone, s)
		}
	}
	// The canvas is gone, and so is its rule: no script will add one.
	for _, kept := range []string{`<div class="bs-chart-svg" aria-label="d" role="img"><svg`, "<style>.bs-chart-svg svg{display:block}</style>", `href="data:text/csv`} {
		if !strings.Contains(s, kept) {
			t.Errorf("light bundle lacks %q:\n%s", kept, s)
		}
	}
	full, err := Page(tree(chartPage), "p/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(full), "start();") || !strings.Contains(string(full), `class="bs-chart-canvas"`) ||
		!strings.Contains(string(full), "<style>.bs-chart-svg svg{display:block}.bs-chart-canvas{height:1px}</style>") {
		t.Errorf("the full bundle lost its scripts:\n%s", full)
	}
}

func TestLightNeedsDrawings(t *testing.T) {
	page := strings.Replace(chartPage, `<div class="bs-chart-svg" aria-label="d" role="img"><svg width="10" height="10"><rect width="5" height="5"></rect></svg></div>`, "", 1)
	_, err := Light(tree(page), "p/index.html", "")
	if err == nil || !strings.Contains(err.Error(), "no SVG drawing") {
		t.Errorf("Light of a page without drawings = %v", err)
	}
}
