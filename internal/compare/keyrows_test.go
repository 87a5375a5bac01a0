package compare

import (
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

// branches is a file of branch rows, each on its own line (the header on
// line 1), as a CSV reader gives them.
func branches(rows [][3]any) *dataset.Table {
	bank := dataset.NewColumn("bank", dataset.String, len(rows))
	region := dataset.NewColumn("region", dataset.String, len(rows))
	n := dataset.NewColumn("n", dataset.Int, len(rows))
	t := &dataset.Table{Name: "branches", File: "content/editions/2022-03/branches.csv", Columns: []*dataset.Column{bank, region, n}}
	for i, r := range rows {
		bank.Append(r[0])
		region.Append(r[1])
		n.Append(r[2])
		t.Line = append(t.Line, i+2)
	}
	return t
}

// A key that is not unique among grouped rows is told by the groups' values
// and the file lines that fed them, not by the grouped rows' positions
// (which no file has).
func TestKeyErrorsNameGroups(t *testing.T) {
	cur := branches([][3]any{{"A", "North", 1}, {"B", "North", 2}, {"A", "South", 3}, {"A", "North", 4}, {nil, "South", 5}, {nil, "North", 6}})
	prev := branches([][3]any{{"A", "North", 1}})
	tests := []struct {
		spec query.Spec
		key  []string
		want string
	}{
		{query.Spec{Group: []string{"bank", "region"}, Aggregate: map[string]string{"n": "sum"}}, []string{"bank"},
			`key "bank" of the grouped rows of dataset "branches" (content/editions/2022-03/branches.csv) is not unique: "A" in the groups bank = A, region = North (from lines 2 and 5) and bank = A, region = South (from line 4); the group bank = (empty), region = South (from line 6) has no bank; the group bank = (empty), region = North (from line 7) has no bank (compare grouped rows on every group column: key = ["bank", "region"])`},
		{query.Spec{Group: []string{"bank"}, Aggregate: map[string]string{"n": "sum"}}, nil,
			`key "bank" of the grouped rows of dataset "branches" (content/editions/2022-03/branches.csv) is not unique: the group bank = (empty) (from lines 6 and 7) has no bank (fill in bank on those lines, or leave them out with where = "bank != nil")`},
		{query.Spec{Where: `region == "North"`}, []string{"bank"},
			`key "bank" of dataset "branches" (content/editions/2022-03/branches.csv) is not unique: "A" on lines 2 and 5; line 7 has no bank (each row needs its own key value to be compared across editions)`},
	}
	for _, tt := range tests {
		key := tt.key
		if key == nil {
			key = tt.spec.Group
		}
		_, err := With(Previous, cur, prev, tt.spec, key)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%v on %v:\n got %v\nwant %s", tt.spec, key, err, tt.want)
		}
	}
}
