package compare

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

func table(name string, rows [][2]any) *dataset.Table {
	acc := dataset.NewColumn("account", dataset.String, len(rows))
	fol := dataset.NewColumn("followers", dataset.Int, len(rows))
	for _, r := range rows {
		acc.Append(r[0])
		fol.Append(r[1])
	}
	return &dataset.Table{Name: "accounts", File: name, Columns: []*dataset.Column{acc, fol}}
}

func column(t *dataset.Table, name string) []string {
	c := t.Column(name)
	out := make([]string, c.Len())
	for i := range out {
		out[i] = c.Text(i)
		if c.IsNull(i) {
			out[i] = "-"
		}
	}
	return out
}

func TestRun(t *testing.T) {
	prev := table("feb.csv", [][2]any{{"A", 300}, {"B", 200}, {"C", 100}, {"D", 50}})
	// B overtakes A; C leaves; E enters; D ties with F.
	cur := table("mar.csv", [][2]any{{"A", 330}, {"B", 400}, {"D", 60}, {"E", 90}, {"F", 60}})
	res, err := Run(cur, prev, query.Spec{Sort: []string{"-followers"}, Limit: 4}, "account")
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"account":          "B A E D",
		"rank":             "1 2 3 4",
		"rank_prev":        "2 1 - 4",
		"rank_delta":       "1 -1 - 0",
		"is_new":           "false false true false",
		"followers_prev":   "200 300 - 50",
		"followers_delta":  "200 30 - 10",
		"followers_change": "1 0.1 - 0.2",
	}
	for col, want := range checks {
		if got := strings.Join(column(res.Table, col), " "); got != want {
			t.Errorf("%s = %s, want %s", col, got, want)
		}
	}
	// C left the data; with a limit of 2, D (previous 4th) is cut too.
	if got := strings.Join(column(res.Dropped, "account"), " "); got != "C" {
		t.Errorf("dropped = %s", got)
	}
	if got := strings.Join(column(res.Dropped, "rank_prev"), " "); got != "3" {
		t.Errorf("dropped rank_prev = %s", got)
	}
	top2, _ := Run(cur, prev, query.Spec{Sort: []string{"-followers"}, Limit: 2}, "account")
	if got := strings.Join(column(top2.Dropped, "account"), " "); got != "" {
		t.Errorf("top-2 dropped = %q (A and B were the top two before and still are)", got)
	}
	top3, _ := Run(cur, prev, query.Spec{Sort: []string{"-followers"}, Limit: 3}, "account")
	if got := strings.Join(column(top3.Dropped, "account"), " ") + " / " + strings.Join(column(top3.Dropped, "rank"), " "); got != "C / -" {
		t.Errorf("top-3 dropped = %q", got)
	}
	// D was 4th; now cut from a top 3 by E, it is listed with its new rank.
	prev2 := table("feb.csv", [][2]any{{"A", 300}, {"B", 200}, {"D", 100}})
	top2b, _ := Run(cur, prev2, query.Spec{Sort: []string{"-followers"}, Limit: 3}, "account")
	if got := strings.Join(column(top2b.Dropped, "account"), " ") + " / " + strings.Join(column(top2b.Dropped, "rank"), " ") + " / " + strings.Join(column(top2b.Dropped, "rank_prev"), " "); got != "D / 4 / 3" {
		t.Errorf("fell below the limit: %q", got)
	}
	// The tie: F shares D's rank (competition ranking), and the limit cut it.
	full, _ := Run(cur, prev, query.Spec{Sort: []string{"-followers"}}, "account")
	if got := strings.Join(column(full.Table, "rank"), " "); got != "1 2 3 4 4" {
		t.Errorf("ranks with a tie = %s", got)
	}
}

func TestFirstEdition(t *testing.T) {
	cur := table("jan.csv", [][2]any{{"A", 1}, {"B", 2}})
	res, err := Run(cur, nil, query.Spec{Sort: []string{"-followers"}}, "account")
	if err != nil {
		t.Fatal(err)
	}
	if !res.First || res.Dropped != nil {
		t.Errorf("first = %v, dropped = %v", res.First, res.Dropped)
	}
	if got := strings.Join(column(res.Table, "rank_prev"), " "); got != "- -" {
		t.Errorf("rank_prev = %s", got)
	}
}

func TestKeyErrors(t *testing.T) {
	good := table("feb.csv", [][2]any{{"A", 1}})
	dup := table("mar.csv", [][2]any{{"A", 1}, {"B", 2}, {"A", 3}, {nil, 4}})
	tests := []struct {
		cur  *dataset.Table
		key  string
		want string
	}{
		{good, "", `dataset "accounts" has no key to join editions on (set key = "COLUMN" in the block, or declare [datasets.accounts] key in site.toml)`},
		{good, "accounts", `dataset "accounts" (feb.csv) has no key column "accounts" (did you mean "account"?)`},
		{dup, "account", `key "account" of dataset "accounts" (mar.csv) is not unique: "A" on rows 1 and 3; row 4 has no account (each row needs its own key value to be compared across editions)`},
	}
	for _, tt := range tests {
		_, err := Run(tt.cur, good, query.Spec{}, tt.key)
		if err == nil || err.Error() != tt.want {
			t.Errorf("key %q: err = %v\nwant %s", tt.key, err, tt.want)
		}
	}
}

func TestSortByChange(t *testing.T) {
	prev := table("feb.csv", [][2]any{{"A", 100}, {"B", 100}, {"C", 100}})
	cur := table("mar.csv", [][2]any{{"A", 110}, {"B", 150}, {"C", 90}, {"D", 10}})
	res, err := Run(cur, prev, query.Spec{Sort: []string{"-followers_change"}, Limit: 2}, "account")
	if err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"account": "B A", "rank": "1 2", "rank_delta": "- -"} {
		if got := strings.Join(column(res.Table, col), " "); got != want {
			t.Errorf("%s = %s, want %s", col, got, want)
		}
	}
	if got := strings.Join(column(res.Dropped, "account"), " "); got != "" {
		t.Errorf("dropped = %q", got)
	}
}

func TestGroupKey(t *testing.T) {
	prev := table("feb.csv", [][2]any{{"A", 1}})
	_, err := Run(prev, prev, query.Spec{Group: []string{"followers"}, Aggregate: map[string]string{"account": "count"}}, "account")
	want := `grouped rows are compared on a group column, and "account" is not one (set key = "followers")`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v", err)
	}
}
