package block

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

func TestParseValue(t *testing.T) {
	at := diag.Pos{File: "p.md", Line: 3, Col: 10}
	for in, want := range map[string]string{
		`accounts[招商银行].followers | compact`:                          `source=accounts row=招商银行 column=followers filters=[compact]`,
		`sum accounts.followers where bank == "a by b" by -followers`: `agg=sum source=accounts column=followers where=bank == "a by b" by=-followers`,
		`accounts.account by -followers, posts where x > 1 || y < 2`:  `source=accounts column=account where=x > 1 || y < 2 by=-followers, posts`,
		`accounts["A ] B"].(likes / posts) | int | abs`:               `source=accounts row=A ] B column=(likes / posts) filters=[int abs]`,
		`count accounts`:       `agg=count source=accounts`,
		`accounts[#2].account`: `source=accounts row=#2 column=account`,
	} {
		e, err := parseValue(in, at)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := e.String(); got != want {
			t.Errorf("%s:\n got %s\nwant %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`accounts[招商银行.followers`:           "p.md:3:18: value: [ is not closed",
		`avgg accounts.x`:                   `p.md:3:10: value: "avgg" is not an aggregate, where or by`,
		`accounts.x |`:                      "p.md:3:22: value: an empty filter after |",
		`accounts.x where`:                  "p.md:3:26: value: where has no condition",
		`accounts. `:                        "p.md:3:18: value: no column after .",
		`accounts[a].(likes / posts) extra`: `p.md:3:38: value: unexpected "extra"`,
	} {
		_, err := parseValue(in, at)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %s", in, err, want)
		}
	}
}

// String shows a parsed expression's parts, for tests.
func (e *valueExpr) String() string {
	var parts []string
	for _, p := range []struct{ k, v string }{{"agg", e.agg.text}, {"source", e.source.text}, {"row", e.row.text},
		{"column", e.column.text}, {"where", e.where.text}, {"by", e.by.text}} {
		if p.v != "" {
			parts = append(parts, p.k+"="+p.v)
		}
	}
	if len(e.filters) > 0 {
		var fs []string
		for _, f := range e.filters {
			fs = append(fs, f.text)
		}
		parts = append(parts, "filters=["+strings.Join(fs, " ")+"]")
	}
	return strings.Join(parts, " ")
}

func TestNamedValues(t *testing.T) {
	table := &dataset.Table{Name: "t"}
	acc := dataset.NewColumn("account", dataset.String, 2)
	acc.Append("A")
	acc.Append("B")
	n := dataset.NewColumn("n", dataset.Int, 2)
	n.Append(5)
	n.Append(7)
	table.Columns = []*dataset.Column{acc, n}
	env := &Env{Lang: "en", Page: "p.md",
		Lookup: func(name string) (*dataset.Table, error) { return table, nil },
		Key:    func(string) []string { return []string{"account"} }}
	def := diag.Pos{File: "_index.md", Line: 4, Col: 9}
	v := NewValues(env, []Def{{Name: "b", Expr: "t[B]", Pos: def}, {Name: "big", Expr: "t.account where n > 6", Pos: def}, {Name: "b", Expr: "t[A]"}})
	at := diag.Pos{File: "p.md", Line: 1, Col: 3}
	for expr, want := range map[string]string{"b.n": "7", "big": "B", "b.n | signed": "+7", "sum t.n where account != \"x\"": "12"} {
		got, errs := v.Resolve(expr, at, false)
		if len(errs) > 0 || got.Text != want {
			t.Errorf("%s: got %q %v, want %q", expr, got.Text, errs, want)
		}
	}
	_, errs := v.Resolve("big.n", at, false)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "p.md:1:7: value: big already has a column (defined at _index.md:4:9)") {
		t.Errorf("clash: %v", errs)
	}
}
