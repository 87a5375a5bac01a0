package query

import (
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// A column's known format follows its values through filters, sorts and
// aggregates (not counts), and a share of a total is a percentage.
func TestFormatsFollowTheValues(t *testing.T) {
	region := dataset.NewColumn("region", dataset.String, 3)
	rate := dataset.NewColumn("rate", dataset.Float, 3)
	rate.Format = "0.0%"
	n := dataset.NewColumn("n", dataset.Int, 3)
	for i, r := range []string{"N", "S", "N"} {
		region.Append(r)
		rate.Append(0.1 * float64(i+1))
		n.Append(i + 1)
	}
	src := &dataset.Table{Name: "t", Columns: []*dataset.Column{region, rate, n}}
	out, err := Run(src, Spec{Where: "n > 1", Sort: []string{"-rate"}})
	if err != nil {
		t.Fatal(err)
	}
	if f := out.Column("rate").Format; f != "0.0%" {
		t.Errorf("after where and sort: %q", f)
	}
	out, err = Run(src, Spec{Group: []string{"region"}, Aggregate: map[string]string{"rate": "avg", "n": "sum"},
		AfterGroup: map[string]string{"share": "n / total(n)", "ratio": "n / rate", "half": "n / total(n) / 2"}})
	if err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"rate": "0.0%", "n": "", "share": "0.0%", "ratio": "", "half": ""} {
		if f := out.Column(col).Format; f != want {
			t.Errorf("%s: %q, want %q", col, f, want)
		}
	}
	if f := src.Column("rate").Format; f != "0.0%" {
		t.Errorf("the source changed: %q", f)
	}
	out, err = Run(src, Spec{Group: []string{"region"}, Aggregate: map[string]string{"rate": "count"}})
	if err != nil {
		t.Fatal(err)
	}
	if f := out.Column("rate").Format; f != "" {
		t.Errorf("a count of shares: %q", f)
	}
}
