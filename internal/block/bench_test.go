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

// BenchmarkRenderForms renders each newer chart form over 1,000 rows (a
// heatmap of 40 × 25 cells, a treemap in 3 groups, a waterfall of 1,000
// steps, bars with a second axis and two references, small multiples of 3
// charts), with its data table and CSV.
func BenchmarkRenderForms(b *testing.B) {
	const n = 1000
	cols := []*dataset.Column{
		dataset.NewColumn("bank", dataset.String, n),
		dataset.NewColumn("type", dataset.String, n),
		dataset.NewColumn("hour", dataset.String, n),
		dataset.NewColumn("day", dataset.String, n),
		dataset.NewColumn("followers", dataset.Int, n),
		dataset.NewColumn("change", dataset.Int, n),
		dataset.NewColumn("growth", dataset.Float, n),
	}
	for i := range n {
		cols[0].Append(fmt.Sprintf("银行%d", i))
		cols[1].Append([]string{"总行", "分行", "村镇"}[i%3])
		cols[2].Append(fmt.Sprintf("h%d", i%40))
		cols[3].Append(fmt.Sprintf("d%d", i/40))
		cols[4].Append(i*997%3000000 + 1)
		cols[5].Append(i%7 - 2)
		cols[6].Append(float64(i%50) / 1000)
	}
	t := &dataset.Table{Name: "accounts", Columns: cols}
	lookup := func(string) (*dataset.Table, error) { return t, nil }
	forms := map[string]string{
		"heatmap":   "type = \"heatmap\"\nx = \"hour\"\ny = \"day\"\nvalue = \"followers\"\n",
		"treemap":   "type = \"treemap\"\nx = \"bank\"\ny = \"followers\"\nseries = \"type\"\n",
		"waterfall": "type = \"waterfall\"\nx = \"bank\"\ny = \"change\"\nstart = 5000\n",
		"combo":     "type = \"bar\"\nx = \"bank\"\ny = \"followers\"\ny2 = \"growth\"\n[[ref]]\nstat = \"avg\"\n[[ref]]\nfrom = 1\nto = 2\n",
		"facet":     "type = \"bar\"\nx = \"bank\"\ny = \"followers\"\nfacet = \"type\"\n",
	}
	for name, spec := range forms {
		b.Run(name, func(b *testing.B) {
			src := "data = \"accounts\"\nformat = \"compact\"\n" + spec
			b.ReportAllocs()
			for b.Loop() {
				out, errs := Render(env(lookup), "chart", src, diag.Pos{File: "p.md", Line: 1}, "chart-1")
				if errs != nil {
					b.Fatal(errs)
				}
				b.SetBytes(int64(len(out.HTML)))
			}
		})
	}
}

// BenchmarkRenderErrors renders a chart block with problems in its keys,
// so that their lines are looked up: a misspelt key, a value of the wrong
// type, an unknown format and an unknown column in an inline table.
func BenchmarkRenderErrors(b *testing.B) {
	t := &dataset.Table{Name: "accounts", Columns: []*dataset.Column{
		dataset.NewColumn("bank", dataset.String, 0), dataset.NewColumn("followers", dataset.Int, 0)}}
	lookup := func(string) (*dataset.Table, error) { return t, nil }
	src := "# 粉丝量前十\ntype = \"bar\"\ndata = \"accounts\"\nx = \"bank\"\ny = [\n  \"followers\",\n]\n" +
		"titel = \"粉丝量\"\nformat = { followers = \"compct\" }\nnames = { folowers = \"粉丝\" }\n" +
		"caption = \"\"\"来源：\n各行官方账号 = 抖音\"\"\"\n\n[[ref]]\nvalue = 10\nlabel = \"目标\"\n"
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Render(env(lookup), "chart", src, diag.Pos{File: "p.md", Line: 1}, "chart-1"); len(errs) == 0 {
			b.Fatal("no errors")
		}
	}
}
