package query

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// bigTable builds an n-row table: bank (1,000 distinct strings), type (two
// values), followers (int), rate (float, one null in ten).
func bigTable(n int) *dataset.Table {
	r := rand.New(rand.NewPCG(1, 2))
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("银行%04d", i)
	}
	bank := dataset.NewColumn("bank", dataset.String, n)
	typ := dataset.NewColumn("type", dataset.String, n)
	followers := dataset.NewColumn("followers", dataset.Int, n)
	rate := dataset.NewColumn("rate", dataset.Float, n)
	for i := range n {
		bank.Append(names[r.IntN(len(names))])
		if i%3 == 0 {
			typ.Append("总行")
		} else {
			typ.Append("分行")
		}
		followers.Append(r.IntN(5_000_000))
		if i%10 == 0 {
			rate.Append(nil)
		} else {
			rate.Append(r.Float64())
		}
	}
	return &dataset.Table{Name: "big", Columns: []*dataset.Column{bank, typ, followers, rate}}
}

func benchRun(b *testing.B, s Spec) {
	t := bigTable(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(t, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGroup1M groups a million rows by a string column and sums one
// column.
func BenchmarkGroup1M(b *testing.B) {
	benchRun(b, Spec{Group: []string{"bank"}, Aggregate: map[string]string{"followers": "sum"}})
}

// BenchmarkGroup2Keys1M groups a million rows by two columns.
func BenchmarkGroup2Keys1M(b *testing.B) {
	benchRun(b, Spec{Group: []string{"bank", "type"}, Aggregate: map[string]string{"followers": "sum", "rate": "median"}})
}

// BenchmarkWhere1M filters a million rows with an expression.
func BenchmarkWhere1M(b *testing.B) {
	benchRun(b, Spec{Where: "type == '总行' && followers > 1000000"})
}

// BenchmarkCompute1M derives one column over a million rows.
func BenchmarkCompute1M(b *testing.B) {
	benchRun(b, Spec{Compute: map[string]string{"share": "followers / 5000000 * rate"}})
}

// BenchmarkSort1M sorts a million rows by two keys and keeps ten.
func BenchmarkSort1M(b *testing.B) {
	benchRun(b, Spec{Sort: []string{"-followers", "bank"}, Limit: 10})
}

// BenchmarkSortAll1M sorts a million rows by one numeric key.
func BenchmarkSortAll1M(b *testing.B) {
	benchRun(b, Spec{Sort: []string{"-followers"}})
}

// BenchmarkSortAll2Keys1M sorts a million rows by a string and a number.
func BenchmarkSortAll2Keys1M(b *testing.B) {
	benchRun(b, Spec{Sort: []string{"bank", "-followers"}})
}
