package block

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// A block nested a million levels deep is refused at its line in the page.
func TestDeepNesting(t *testing.T) {
	n := 1_500_000
	src := "type = \"bar\"\ndata = \"accounts\"\nx = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
	_, errs := Render(env(nil), "chart", src, diag.Pos{File: "index.md", Line: 10}, "chart-1")
	want := "index.md:12: chart: invalid TOML: nested deeper than 64 levels"
	if errs == nil || !strings.HasPrefix(errs.Error(), want) {
		t.Errorf("got %v, want %s", errs, want)
	}
}

// A chart of more points than a page can carry is refused with the count,
// at the data line: a million points made a 94.5 MB page.
func TestChartPointLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("day,a,b\n")
	for i := range 30_000 {
		fmt.Fprintf(&b, "%d,%d,%d\n", i, i, 2*i)
	}
	tb, err := dataset.Read(fstest.MapFS{"big.csv": {Data: []byte(b.String())}}, "big.csv", dataset.Decl{})
	if err != nil {
		t.Fatal(err)
	}
	lookup := env(func(string) (*dataset.Table, error) { return tb, nil })
	src := "type = \"line\"\ndata = \"big\"\nx = \"day\"\ny = [\"a\", \"b\"]\n"
	_, errs := Render(lookup, "chart", src, diag.Pos{File: "index.md", Line: 10}, "chart-1")
	want := "index.md:11: chart: the chart would draw 60000 points, more than the 50000 a chart may hold (choose fewer rows with where, group or limit; a table block can list them all)"
	if errs.Error() != want {
		t.Errorf("got  %s\nwant %s", errs.Error(), want)
	}
	src = "type = \"line\"\ndata = \"big\"\nx = \"day\"\ny = [\"a\", \"b\"]\nlimit = 25000\n"
	if _, errs := Render(lookup, "chart", src, diag.Pos{File: "index.md", Line: 10}, "chart-1"); len(errs) > 0 {
		t.Errorf("within the limit: %v", errs)
	}
}
