package sqlengine

import (
	"fmt"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// BenchmarkLoadAndGroup1M loads a 1,000,000-row table into a fresh engine
// and groups it: the cost of a first sql block over a big dataset.
func BenchmarkLoadAndGroup1M(b *testing.B) {
	const n = 1_000_000
	typ := dataset.NewColumn("type", dataset.String, n)
	bank := dataset.NewColumn("bank", dataset.String, n)
	followers := dataset.NewColumn("followers", dataset.Int, n)
	for i := range n {
		typ.Append([]string{"国有", "股份", "城商", "农商", "外资"}[i%5])
		bank.Append(fmt.Sprintf("银行%04d", i%1000))
		followers.Append(int64(i % 5000))
	}
	t := &dataset.Table{Name: "events", Columns: []*dataset.Column{typ, bank, followers}}
	b.ReportAllocs()
	for b.Loop() {
		e := New(func(string) (*dataset.Table, error) { return t, nil })
		res, err := e.Query("q", "SELECT type, sum(followers) AS followers FROM events GROUP BY type")
		if err != nil || res.Len() != 5 {
			b.Fatal(err, res)
		}
		e.Close()
	}
}
