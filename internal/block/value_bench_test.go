package block

import (
	"fmt"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// benchAccounts is a table of n accounts with followers; prev moves them.
func benchAccounts(n, shift int) *dataset.Table {
	name := dataset.NewColumn("account", dataset.String, n)
	x := dataset.NewColumn("followers", dataset.Int, n)
	for i := range n {
		name.Append(fmt.Sprintf("银行%d", i))
		x.Append((i*997 + shift) % 3000000)
	}
	return &dataset.Table{Name: "accounts", Columns: []*dataset.Column{name, x}}
}

// BenchmarkInlineValues resolves the twelve values of a paragraph over a
// dataset of 1,000 rows: cells by key, compared cells, ranks and a compared
// aggregate, for three banks.
func BenchmarkInlineValues(b *testing.B) {
	cur, prev := benchAccounts(1000, 0), benchAccounts(1000, 5000)
	e := &Env{Lang: "zh-CN", Page: "p.md",
		Lookup:   func(string) (*dataset.Table, error) { return cur, nil },
		Previous: func(string) (*dataset.Table, error) { return prev, nil },
		Key:      func(string) []string { return []string{"account"} }}
	var exprs []string
	for _, bank := range []string{"银行500", "银行7", "银行999"} {
		exprs = append(exprs, "accounts["+bank+"].followers | compact", "accounts["+bank+"].followers_change | percent",
			"accounts["+bank+"].rank by -followers | ordinal")
	}
	exprs = append(exprs, "sum accounts.followers_change", "accounts.account by -followers", "count accounts where followers > 100000")
	b.ReportAllocs()
	for b.Loop() {
		v := NewValues(e, nil)
		for _, x := range exprs {
			if _, errs := v.Resolve(x, diag.Pos{File: "p.md", Line: 1, Col: 1}, false); errs != nil {
				b.Fatal(errs)
			}
		}
	}
}
