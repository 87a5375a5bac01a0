package chart

import (
	"fmt"
	"os/exec"
	"slices"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// TestPointLabelsLeaveOverlapsOut draws a crowded bubble chart with labels
// with ECharts itself (under node) and checks that the labels that would
// overlap are left out, and that the largest bubble keeps its label. It is
// skipped where node is not installed.
func TestPointLabelsLeaveOverlapsOut(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	// 30 branches crowd one corner; one far away stretches the axes.
	const n = 30
	names := make([]string, n)
	xs, ys, sizes := make([]any, n), make([]any, n), make([]any, n)
	for i := range n {
		names[i] = fmt.Sprintf("Branch %02d", i)
		xs[i], ys[i], sizes[i] = 100+float64(i)/10, 200+float64(i%7)/10, float64(10+i)
	}
	tb := table("branches", strs("branch", append(names, "Far")...), nums("x", dataset.Float, append(xs, 10000.0)...),
		nums("y", dataset.Float, append(ys, 10000.0)...), nums("z", dataset.Float, append(sizes, 1.0)...))
	for _, typ := range []string{"scatter", "bubble"} {
		s := &Spec{Type: typ, X: "x", Y: []string{"y"}, Name: "branch", Labels: true, Lang: "en"}
		if typ == "bubble" {
			s.Size = "z"
		}
		c, err := Build(s, tb)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, d := range drawnTexts(t, node, "en", c.JSON) {
			if slices.Contains(names, d.Text) {
				labels = append(labels, d.Text)
			}
		}
		if len(labels) == 0 || len(labels) > n/5 {
			t.Errorf("%s: %d of %d crowded labels drawn (%v), want the overlapping ones left out", typ, len(labels), n, labels)
		}
		if typ == "bubble" && !slices.Contains(labels, names[n-1]) {
			t.Errorf("bubble: the largest bubble %q lost its label; drawn: %v", names[n-1], labels)
		}
	}
}
