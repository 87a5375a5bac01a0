package query

import (
	"fmt"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// Group is one series of long data: the rows that share a value of the
// series column.
type Group struct {
	// Key is the shared value as text ("" for null).
	Key string
	// Table holds the rows, in their order in the input, with every column.
	Table *dataset.Table
}

// Split returns one sub-table per distinct value of the column by, in order
// of first appearance. A problem is an Errors under the key "series".
func Split(t *dataset.Table, by string) ([]Group, error) {
	col := t.Column(by)
	if col == nil {
		return nil, Errors{{Key: "series", Msg: fmt.Sprintf("series: no column %q", by),
			Hint: diag.DidYouMean(by, t.Names())}}
	}
	ids, first := groupIDs([]*dataset.Column{col}, t.Len())
	rows := make([][]int, len(first))
	for i, g := range ids {
		rows[g] = append(rows[g], i)
	}
	out := make([]Group, len(first))
	for g, r := range rows {
		out[g] = Group{Key: col.Text(first[g]), Table: gather(t, r)}
	}
	return out, nil
}
