package chart

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// BenchmarkTableOfWide lays out every column of a table 10,000 and 100,000
// columns wide: the time per column should not grow with the width.
func BenchmarkTableOfWide(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		var h, r strings.Builder
		for i := range n {
			if i > 0 {
				h.WriteByte(',')
				r.WriteByte(',')
			}
			fmt.Fprintf(&h, "c%d", i)
			fmt.Fprintf(&r, "%d", i)
		}
		src := h.String() + "\n" + r.String() + "\n"
		t, err := dataset.Read(fstest.MapFS{"w.csv": {Data: []byte(src)}}, "w.csv", dataset.Decl{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				TableOf(t, t.Names(), nil, nil, "en")
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/column")
		})
	}
}
