// Package compare joins a dataset of one edition with the same dataset of the
// previous edition and adds what changed: for each numeric column c, c_prev,
// c_delta and c_change (a fraction); and, when rows are ranked, rank,
// rank_prev and rank_delta. Rows new this edition are marked in is_new; rows
// that dropped out are returned apart.
package compare

import (
	"fmt"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Column names added to the compared table.
const (
	Rank      = "rank"
	RankPrev  = "rank_prev"
	RankDelta = "rank_delta"
	IsNew     = "is_new"
)

// Suffixes of the columns added for each numeric column.
const (
	SuffixPrev   = "_prev"
	SuffixDelta  = "_delta"
	SuffixChange = "_change"
)

// Result is a compared table.
type Result struct {
	// Table has the current rows, sorted and limited as the spec says, with
	// the comparison columns added.
	Table *dataset.Table
	// Dropped holds the rows the previous edition showed (under the same
	// filter, sort and limit) that this one does not: rows gone from the data
	// and rows that fell below the limit, in their previous order, with
	// rank_prev and rank (null when gone) when ranked. Nil for the first
	// edition.
	Dropped *dataset.Table
	// First is true when there was no previous edition to compare with.
	First bool
}

// Error is a problem with the key; Key names the spec key it concerns
// ("key" or "compare").
type Error = diag.KeyError

// Run queries cur and prev with spec (filter, computed columns and groups the
// same way), ranks both under spec.Sort before any limit, joins them on key,
// then sorts and limits the joined table. prev is nil for the first edition.
func Run(cur, prev *dataset.Table, spec query.Spec, key string) (*Result, error) {
	if key != "" && len(spec.Group) > 0 && !slices.Contains(spec.Group, key) {
		return nil, &Error{Key: "key", Msg: fmt.Sprintf("grouped rows are compared on a group column, and %q is not one", key),
			Hint: fmt.Sprintf("set key = %q", spec.Group[0])}
	}
	base := spec
	base.Sort, base.Limit = nil, 0
	c, err := query.Run(cur, base)
	if err != nil {
		return nil, err
	}
	if err := checkKey(c, key, cur.File); err != nil {
		return nil, err
	}
	var p *dataset.Table
	if prev != nil {
		p, err = query.Run(prev, base)
		if err != nil {
			return nil, fmt.Errorf("previous edition (%s): %w", prev.File, err)
		}
		if err := checkKey(p, key, prev.File); err != nil {
			return nil, err
		}
	}
	if !sortsOn(c, spec.Sort) {
		return byChange(c, p, spec, key)
	}
	ranked := len(spec.Sort) > 0
	var curRanks, prevRanks []int
	if ranked {
		if curRanks, err = query.Rank(c, spec.Sort); err != nil {
			return nil, err
		}
		if p != nil {
			if prevRanks, err = query.Rank(p, spec.Sort); err != nil {
				return nil, err
			}
		}
	}
	joined := join(c, p, key, curRanks, prevRanks)
	res := &Result{First: prev == nil}
	res.Table, err = query.Run(joined, query.Spec{Sort: spec.Sort, Limit: spec.Limit})
	if err != nil {
		return nil, err
	}
	if p != nil {
		res.Dropped, err = droppedRows(p, joined, res.Table, key, spec, prevRanks)
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// droppedRows lists the rows shown in the previous edition (its first Limit
// rows in the block's order, or all of them) whose key is not shown now: rows
// gone from the data, and rows that fell below the limit. They keep the
// previous edition's columns, in its order, with rank_prev, and rank (the
// current rank, null when the row is gone) when ranked.
func droppedRows(p, joined, shown *dataset.Table, key string, spec query.Spec, prevRanks []int) (*dataset.Table, error) {
	prevShown := p
	if prevRanks != nil {
		rp := dataset.NewColumn(RankPrev, dataset.Int, len(prevRanks))
		for _, r := range prevRanks {
			rp.Append(r)
		}
		prevShown = &dataset.Table{Name: p.Name, File: p.File, Columns: replace(append([]*dataset.Column(nil), p.Columns...), rp)}
	}
	prevShown, err := query.Run(prevShown, query.Spec{Sort: spec.Sort, Limit: spec.Limit})
	if err != nil {
		return nil, err
	}
	now := map[string]bool{}
	sk := shown.Column(key)
	for i := range sk.Len() {
		now[sk.Text(i)] = true
	}
	curRank := map[string]float64{}
	if jr := joined.Column(Rank); jr != nil {
		jk := joined.Column(key)
		for i := range jk.Len() {
			curRank[jk.Text(i)] = jr.Num[i]
		}
	}
	pk := prevShown.Column(key)
	var rows []int
	for i := range pk.Len() {
		if !now[pk.Text(i)] {
			rows = append(rows, i)
		}
	}
	out := &dataset.Table{Name: p.Name, File: p.File}
	for _, col := range prevShown.Columns {
		nc := dataset.NewColumn(col.Name, col.Type, len(rows))
		for _, i := range rows {
			nc.Append(col.Value(i))
		}
		out.Columns = append(out.Columns, nc)
	}
	if prevRanks != nil {
		rank := dataset.NewColumn(Rank, dataset.Int, len(rows))
		for _, i := range rows {
			if r, ok := curRank[pk.Text(i)]; ok {
				rank.Append(r)
			} else {
				rank.Append(nil)
			}
		}
		out.Columns = replace(out.Columns, rank)
	}
	return out, nil
}

// sortsOn reports whether every sort key is a column of t (and not one the
// comparison adds).
func sortsOn(t *dataset.Table, sort []string) bool {
	for _, k := range sort {
		if t.Column(strings.TrimPrefix(k, "-")) == nil {
			return false
		}
	}
	return true
}

// byChange compares rows that are sorted by what the comparison adds, such as
// "-followers_change" for the biggest movers. The rows are ranked in that
// order; there is no previous rank to move from, so rank_prev and rank_delta
// are null, and Dropped holds the rows gone from the data.
func byChange(c, p *dataset.Table, spec query.Spec, key string) (*Result, error) {
	joined := join(c, p, key, nil, nil)
	if _, err := query.Run(joined, query.Spec{Sort: spec.Sort}); err != nil {
		return nil, err
	}
	ranks, err := query.Rank(joined, spec.Sort)
	if err != nil {
		return nil, err
	}
	n := joined.Len()
	rank := dataset.NewColumn(Rank, dataset.Int, n)
	rankPrev := dataset.NewColumn(RankPrev, dataset.Int, n)
	rankDelta := dataset.NewColumn(RankDelta, dataset.Int, n)
	for i := range n {
		rank.Append(ranks[i])
		rankPrev.Append(nil)
		rankDelta.Append(nil)
	}
	joined.Columns = replace(joined.Columns, rank, rankPrev, rankDelta)
	res := &Result{First: p == nil}
	if res.Table, err = query.Run(joined, query.Spec{Sort: spec.Sort, Limit: spec.Limit}); err != nil {
		return nil, err
	}
	if p != nil {
		if res.Dropped, err = droppedRows(p, joined, joined, key, query.Spec{}, nil); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func checkKey(t *dataset.Table, key, file string) error {
	if key == "" {
		return &Error{Key: "compare", Msg: fmt.Sprintf("dataset %q has no key to join editions on", t.Name),
			Hint: fmt.Sprintf(`set key = "COLUMN" in the block, or declare [datasets.%s] key in site.toml`, t.Name)}
	}
	col := t.Column(key)
	if col == nil {
		e := &Error{Key: "key", Msg: fmt.Sprintf("dataset %q (%s) has no key column %q", t.Name, file, key)}
		e.Hint = diag.DidYouMean(key, t.Names())
		return e
	}
	seen := map[string]int{}
	var dups []string
	for i := range col.Len() {
		k := col.Text(i)
		if !col.Valid[i] {
			dups = append(dups, fmt.Sprintf("row %d has no %s", i+1, key))
			continue
		}
		if j, ok := seen[k]; ok {
			dups = append(dups, fmt.Sprintf("%q on rows %d and %d", k, j+1, i+1))
			continue
		}
		seen[k] = i
	}
	if len(dups) > 0 {
		if len(dups) > 5 {
			dups = append(dups[:5], fmt.Sprintf("and %d more", len(dups)-5))
		}
		return &Error{Key: "key", Msg: fmt.Sprintf("key %q of dataset %q (%s) is not unique: %s", key, t.Name, file, strings.Join(dups, "; ")),
			Hint: "each row needs its own key value to be compared across editions"}
	}
	return nil
}

// join adds the previous values and the changes to c.
func join(c, p *dataset.Table, key string, curRanks, prevRanks []int) *dataset.Table {
	n := c.Len()
	prevRow := make([]int, n)
	inCur := map[string]bool{}
	var prevIndex map[string]int
	if p != nil {
		prevIndex = make(map[string]int, p.Len())
		pk := p.Column(key)
		for i := range pk.Len() {
			prevIndex[pk.Text(i)] = i
		}
	}
	ck := c.Column(key)
	for i := range n {
		k := ck.Text(i)
		inCur[k] = true
		prevRow[i] = -1
		if j, ok := prevIndex[k]; ok {
			prevRow[i] = j
		}
	}
	out := &dataset.Table{Name: c.Name, File: c.File, Line: c.Line}
	out.Columns = append(out.Columns, c.Columns...)
	for _, col := range c.Columns {
		if !col.Type.Numeric() || col.Name == key {
			continue
		}
		var pc *dataset.Column
		if p != nil {
			pc = p.Column(col.Name)
			if pc != nil && !pc.Type.Numeric() {
				pc = nil
			}
		}
		prevCol := dataset.NewColumn(col.Name+SuffixPrev, col.Type, n)
		delta := dataset.NewColumn(col.Name+SuffixDelta, col.Type, n)
		change := dataset.NewColumn(col.Name+SuffixChange, dataset.Float, n)
		for i := range n {
			cur, okCur := col.Float(i)
			var prev float64
			okPrev := false
			if pc != nil && prevRow[i] >= 0 {
				prev, okPrev = pc.Float(prevRow[i])
			}
			if !okPrev {
				prevCol.Append(nil)
				delta.Append(nil)
				change.Append(nil)
				continue
			}
			prevCol.Append(prev)
			if !okCur {
				delta.Append(nil)
				change.Append(nil)
				continue
			}
			d, ch, ok := Change(cur, prev)
			delta.Append(d)
			if ok {
				change.Append(ch)
			} else {
				change.Append(nil)
			}
		}
		out.Columns = append(out.Columns, prevCol, delta, change)
	}
	isNew := dataset.NewColumn(IsNew, dataset.Bool, n)
	for i := range n {
		if p == nil {
			isNew.Append(nil)
		} else {
			isNew.Append(prevRow[i] < 0)
		}
	}
	out.Columns = append(out.Columns, isNew)
	if curRanks != nil {
		rank := dataset.NewColumn(Rank, dataset.Int, n)
		rankPrev := dataset.NewColumn(RankPrev, dataset.Int, n)
		rankDelta := dataset.NewColumn(RankDelta, dataset.Int, n)
		for i := range n {
			rank.Append(curRanks[i])
			if prevRanks == nil || prevRow[i] < 0 {
				rankPrev.Append(nil)
				rankDelta.Append(nil)
				continue
			}
			rp := prevRanks[prevRow[i]]
			rankPrev.Append(rp)
			rankDelta.Append(rp - curRanks[i]) // positive: moved up
		}
		out.Columns = replace(out.Columns, rank, rankPrev, rankDelta)
	}
	return out
}

// replace appends cols, replacing any column of the same name.
func replace(cols []*dataset.Column, add ...*dataset.Column) []*dataset.Column {
	for _, a := range add {
		found := false
		for i, c := range cols {
			if c.Name == a.Name {
				cols[i] = a
				found = true
			}
		}
		if !found {
			cols = append(cols, a)
		}
	}
	return cols
}
