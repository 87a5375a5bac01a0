package datacheck

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/dataset"
)

// TestManyFailuresAreCounted lists the first MaxRows failing rows of a
// check, each at its line, then counts the rest in one line.
func TestManyFailuresAreCounted(t *testing.T) {
	const n = MaxRows + 5
	c := dataset.NewColumn("followers", dataset.Int, n)
	lines := make([]int, n)
	for i := range n {
		c.Append(nil)
		lines[i] = i + 2
	}
	tab := &dataset.Table{Name: "accounts", File: "content/data/accounts.csv", Columns: []*dataset.Column{c}, Line: lines}
	got := Run(&Input{Name: "accounts", Table: tab, Checks: &config.Checks{NotNull: []string{"followers"}}})
	if len(got) != MaxRows+1 {
		t.Fatalf("%d problems, want %d", len(got), MaxRows+1)
	}
	if g := got[0].Error(); !strings.HasPrefix(g, `content/data/accounts.csv:2: warning: check not_null of dataset "accounts": row 1: "followers" is empty`) {
		t.Errorf("first: %s", g)
	}
	if g := got[MaxRows].Error(); g != `content/data/accounts.csv: warning: check not_null of dataset "accounts": 5 more rows fail` {
		t.Errorf("last: %s", g)
	}
}

// TestMaxChangeSkipsWhatCannotBeCompared passes new rows, nulls and a
// previous zero, and fails a move beyond the limit in either direction.
func TestMaxChangeSkipsWhatCannotBeCompared(t *testing.T) {
	table := func(file string, keys []string, vals ...any) *dataset.Table {
		k := dataset.NewColumn("bank", dataset.String, len(keys))
		v := dataset.NewColumn("followers", dataset.Int, len(keys))
		for i := range keys {
			k.Append(keys[i])
			v.Append(vals[i])
		}
		return &dataset.Table{Name: "accounts", File: file, Columns: []*dataset.Column{k, v}, Line: []int{2, 3, 4, 5, 6}}
	}
	prev := table("p.csv", []string{"A", "B", "C", "D"}, int64(100), int64(0), int64(100), nil)
	cur := table("c.csv", []string{"A", "B", "C", "D", "E"}, int64(40), int64(50), int64(149), int64(5), int64(1))
	got := Run(&Input{Name: "accounts", Table: cur, Prev: prev, PrevEdition: "2022-02", Key: []string{"bank"},
		Checks: &config.Checks{MaxChange: map[string]float64{"followers": 0.5}}})
	// A: 100 → 40 is −60%, beyond ±50%; B had 0, C moved +49%, D had none,
	// E is new.
	if len(got) != 1 || !strings.Contains(got[0].Error(), `c.csv:2: warning: check max_change of dataset "accounts": row 1: followers of bank "A" moved from 100 to 40 since 2022-02 (−60.0%)`) {
		t.Errorf("got %v", got)
	}
}
