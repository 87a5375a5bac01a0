package block

import (
	"fmt"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// BenchmarkRenderChart renders a bubble chart of 10,000 points, with its data
// table and CSV.
func BenchmarkRenderChart(b *testing.B) {
	const n = 10000
	name := dataset.NewColumn("bank", dataset.String, n)
	kind := dataset.NewColumn("type", dataset.String, n)
	x := dataset.NewColumn("followers", dataset.Int, n)
	y := dataset.NewColumn("likes", dataset.Float, n)
	z := dataset.NewColumn("posts", dataset.Int, n)
	for i := range n {
		name.Append(fmt.Sprintf("银行%d", i))
		kind.Append([]string{"总行", "分行", "村镇"}[i%3])
		x.Append(i * 997 % 3000000)
		y.Append(float64(i%5000) * 1.5)
		z.Append(i%300 + 1)
	}
	t := &dataset.Table{Name: "accounts", Columns: []*dataset.Column{name, kind, x, y, z}}
	lookup := func(string) (*dataset.Table, error) { return t, nil }
	src := "type = \"bubble\"\ndata = \"accounts\"\nx = \"followers\"\ny = \"likes\"\nsize = \"posts\"\nname = \"bank\"\nseries = \"type\"\nformat = \"compact\"\n"
	b.ReportAllocs()
	for b.Loop() {
		out, errs := Render(env(lookup), "chart", src, diag.Pos{File: "p.md", Line: 1}, "chart-1")
		if errs != nil {
			b.Fatal(errs)
		}
		b.SetBytes(int64(len(out.HTML)))
	}
}
