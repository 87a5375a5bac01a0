// Package compare joins a dataset of one edition with a baseline, the same
// dataset of an earlier edition or a plan, and adds what changed. Against
// the previous edition: for each numeric column c, c_prev, c_delta and
// c_change (a fraction); and, when rows are ranked, rank, rank_prev and
// rank_delta. Rows new this edition are marked in is_new; rows that dropped
// out are returned apart. Against the same edition a year earlier the same
// columns are named as in YearAgo, and against a plan as in Plan.
package compare

import (
	"cmp"
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

// Names are the columns one kind of comparison adds: for each numeric
// column c, c+Prev (the baseline's value), c+Delta (the difference) and
// c+Change; and, when rows are ranked, rank, RankPrev and RankDelta.
type Names struct {
	Prev, Delta, Change string // suffixes
	RankPrev, RankDelta string // "" when the baseline has no ranks
	IsNew               string // a row the baseline lacks
	// Ratio makes Change the ratio c / baseline (attainment of a plan)
	// instead of the relative change (c − baseline) / |baseline|.
	Ratio bool
}

// The comparisons: with the previous edition (环比), with the same edition a
// year earlier (同比), and with a plan or target dataset.
var (
	Previous = Names{Prev: SuffixPrev, Delta: SuffixDelta, Change: SuffixChange, RankPrev: RankPrev, RankDelta: RankDelta, IsNew: IsNew}
	YearAgo  = Names{Prev: "_year_ago", Delta: "_yoy_delta", Change: "_yoy_change", RankPrev: "rank_year_ago", RankDelta: "rank_yoy_delta", IsNew: "is_new_yoy"}
	Plan     = Names{Prev: "_plan", Delta: "_vs_plan", Change: "_attainment", IsNew: "not_in_plan", Ratio: true}
)

// Columns lists the columns a comparison may add to tables with the given
// columns.
func (n Names) Columns(known []string) []string {
	out := []string{Rank, n.IsNew}
	if n.RankPrev != "" {
		out = append(out, n.RankPrev, n.RankDelta)
	}
	for _, k := range known {
		out = append(out, k+n.Prev, k+n.Delta, k+n.Change)
	}
	return out
}

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

// With queries cur and prev with spec (filter, computed columns and groups
// the same way), ranks both under spec.Sort before any limit, joins them on
// key, then sorts and limits the joined table, adding the columns that
// names give; prev is nil when there is no baseline. Without
// rank names (a plan), rows are not ranked against the baseline and
// Dropped stays nil. key lists the columns whose values together
// identify a row.
func With(names Names, cur, prev *dataset.Table, spec query.Spec, key []string) (*Result, error) {
	for _, k := range key {
		if len(spec.Group) > 0 && !slices.Contains(spec.Group, k) {
			return nil, &Error{Key: "key", Msg: fmt.Sprintf("grouped rows are compared on a group column, and %q is not one", k),
				Hint: fmt.Sprintf("set key = %q", spec.Group[0])}
		}
	}
	base := spec
	base.Sort, base.Limit = nil, 0
	c, err := query.Run(cur, base)
	if err != nil {
		return nil, err
	}
	if err := checkKey(newRowNames(cur, c, base), key, cur.File); err != nil {
		return nil, err
	}
	var p *dataset.Table
	if prev != nil {
		p, err = query.Run(prev, base)
		if err != nil {
			return nil, fmt.Errorf("previous edition (%s): %w", prev.File, err)
		}
		if err := checkKey(newRowNames(prev, p, base), key, prev.File); err != nil {
			return nil, err
		}
	}
	if !sortsOn(c, spec.Sort) || names.RankPrev == "" {
		return byChange(names, c, p, spec, key)
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
	joined := join(names, c, p, key, curRanks, prevRanks)
	res := &Result{First: prev == nil}
	res.Table, err = query.Run(joined, query.Spec{Sort: spec.Sort, Limit: spec.Limit})
	if err != nil {
		return nil, err
	}
	if p != nil {
		res.Dropped, err = droppedRows(names, p, joined, res.Table, key, spec, prevRanks)
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
func droppedRows(names Names, p, joined, shown *dataset.Table, key []string, spec query.Spec, prevRanks []int) (*dataset.Table, error) {
	prevShown := p
	if prevRanks != nil {
		rp := dataset.NewColumn(names.RankPrev, dataset.Int, len(prevRanks))
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
	sk := keyText(shown, key)
	for i := range shown.Len() {
		now[sk(i)] = true
	}
	curRank := map[string]float64{}
	if jr := joined.Column(Rank); jr != nil {
		jk := keyText(joined, key)
		for i := range joined.Len() {
			curRank[jk(i)] = jr.Num[i]
		}
	}
	pk := keyText(prevShown, key)
	var rows []int
	for i := range prevShown.Len() {
		if !now[pk(i)] {
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
			if r, ok := curRank[pk(i)]; ok {
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
// are null, and Dropped holds the rows gone from the data. A comparison
// without rank names (a plan) comes here too and adds no rank columns.
func byChange(names Names, c, p *dataset.Table, spec query.Spec, key []string) (*Result, error) {
	joined := join(names, c, p, key, nil, nil)
	if names.RankPrev == "" {
		t, err := query.Run(joined, query.Spec{Sort: spec.Sort, Limit: spec.Limit})
		if err != nil {
			return nil, err
		}
		return &Result{Table: t, First: p == nil}, nil
	}
	if _, err := query.Run(joined, query.Spec{Sort: spec.Sort}); err != nil {
		return nil, err
	}
	ranks, err := query.Rank(joined, spec.Sort)
	if err != nil {
		return nil, err
	}
	n := joined.Len()
	rank := dataset.NewColumn(Rank, dataset.Int, n)
	rankPrev := dataset.NewColumn(names.RankPrev, dataset.Int, n)
	rankDelta := dataset.NewColumn(names.RankDelta, dataset.Int, n)
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
		if res.Dropped, err = droppedRows(names, p, joined, joined, key, query.Spec{}, nil); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// checkKey reports a key that is missing from the queried rows, or that
// does not tell them apart; rows names the rows in its message.
func checkKey(rows *rowNames, key []string, file string) error {
	t := rows.t
	if len(key) == 0 {
		return &Error{Key: "compare", Msg: fmt.Sprintf("dataset %q has no key to join editions on", t.Name),
			Hint: fmt.Sprintf(`set key = "COLUMN" in the block, or declare [datasets.%s] key in site.toml`, t.Name)}
	}
	for _, k := range key {
		if t.Column(k) == nil {
			e := &Error{Key: "key", Msg: fmt.Sprintf("dataset %q (%s) has no key column %q", t.Name, file, k)}
			e.Hint = diag.DidYouMean(k, t.Names())
			return e
		}
	}
	text := keyText(t, key)
	seen := map[string]int{}
	var dups []string
	twice, missing := false, ""
	for i := range t.Len() {
		k := text(i)
		if m := nullIn(t, key, i); m != "" {
			dups = append(dups, fmt.Sprintf("%s has no %s", rows.one(i), m))
			missing = cmp.Or(missing, m)
			continue
		}
		if len(key) > 1 {
			k = strings.ReplaceAll(k, "\x00", " · ")
		}
		if j, ok := seen[k]; ok {
			dups = append(dups, fmt.Sprintf("%q %s", k, rows.pair(j, i)))
			twice = true
			continue
		}
		seen[k] = i
	}
	if len(dups) > 0 {
		if len(dups) > 5 {
			dups = append(dups[:5], fmt.Sprintf("and %d more", len(dups)-5))
		}
		of := "dataset"
		if rows.grouped() {
			of = "the grouped rows of dataset"
		}
		return &Error{Key: "key", Msg: fmt.Sprintf("key %q of %s %q (%s) is not unique: %s", strings.Join(key, ", "), of, t.Name, file, strings.Join(dups, "; ")),
			Hint: rows.keyHint(twice, missing)}
	}
	return nil
}

// join adds the previous values and the changes to c.
func join(names Names, c, p *dataset.Table, key []string, curRanks, prevRanks []int) *dataset.Table {
	prevRow := matchRows(c, p, key)
	out := &dataset.Table{Name: c.Name, File: c.File, Line: c.Line}
	out.Columns = append(out.Columns, c.Columns...)
	for _, col := range c.Columns {
		if col.Type.Numeric() && !slices.Contains(key, col.Name) {
			out.Columns = append(out.Columns, changes(names, col, numericColumn(p, col.Name), prevRow)...)
		}
	}
	out.Columns = append(out.Columns, isNew(names, p != nil, prevRow))
	if curRanks != nil {
		out.Columns = replace(out.Columns, rankColumns(names, curRanks, prevRanks, prevRow)...)
	}
	return out
}

// matchRows gives each row of c the row of p with the same key, or -1.
func matchRows(c, p *dataset.Table, key []string) []int {
	prevRow := make([]int, c.Len())
	var prevIndex map[string]int
	if p != nil {
		prevIndex = make(map[string]int, p.Len())
		pk := keyText(p, key)
		for i := range p.Len() {
			prevIndex[pk(i)] = i
		}
	}
	ck := keyText(c, key)
	for i := range prevRow {
		prevRow[i] = -1
		if j, ok := prevIndex[ck(i)]; ok {
			prevRow[i] = j
		}
	}
	return prevRow
}

// numericColumn is p's column of that name when p has it and it holds
// numbers, else nil.
func numericColumn(p *dataset.Table, name string) *dataset.Column {
	if p == nil {
		return nil
	}
	if pc := p.Column(name); pc != nil && pc.Type.Numeric() {
		return pc
	}
	return nil
}

// changes are col's previous values (from pc through prevRow), its deltas
// and its changes.
func changes(names Names, col, pc *dataset.Column, prevRow []int) []*dataset.Column {
	n := col.Len()
	prevCol := dataset.NewColumn(col.Name+names.Prev, col.Type, n)
	prevCol.Format = col.Format
	delta := dataset.NewColumn(col.Name+names.Delta, col.Type, n)
	change := dataset.NewColumn(col.Name+names.Change, dataset.Float, n)
	for i := range n {
		var prev float64
		okPrev := false
		if pc != nil && prevRow[i] >= 0 {
			prev, okPrev = pc.Float(prevRow[i])
		}
		cur, okCur := col.Float(i)
		if okPrev {
			prevCol.Append(prev)
		} else {
			prevCol.Append(nil)
		}
		if !okPrev || !okCur {
			delta.Append(nil)
			change.Append(nil)
			continue
		}
		d, ch, ok := Change(cur, prev)
		delta.Append(d)
		switch {
		case ok && names.Ratio:
			change.Append(cur / prev)
		case ok:
			change.Append(ch)
		default:
			change.Append(nil)
		}
	}
	return []*dataset.Column{prevCol, delta, change}
}

// isNew marks the rows with no match in the baseline; with no baseline at
// all, nothing is known.
func isNew(names Names, hasBase bool, prevRow []int) *dataset.Column {
	col := dataset.NewColumn(names.IsNew, dataset.Bool, len(prevRow))
	for _, j := range prevRow {
		if hasBase {
			col.Append(j < 0)
		} else {
			col.Append(nil)
		}
	}
	return col
}

// rankColumns are the rank, the baseline's rank and the move between them
// (positive: moved up).
func rankColumns(names Names, curRanks, prevRanks, prevRow []int) []*dataset.Column {
	n := len(curRanks)
	rank := dataset.NewColumn(Rank, dataset.Int, n)
	rankPrev := dataset.NewColumn(names.RankPrev, dataset.Int, n)
	rankDelta := dataset.NewColumn(names.RankDelta, dataset.Int, n)
	for i := range n {
		rank.Append(curRanks[i])
		if prevRanks == nil || prevRow[i] < 0 {
			rankPrev.Append(nil)
			rankDelta.Append(nil)
			continue
		}
		rp := prevRanks[prevRow[i]]
		rankPrev.Append(rp)
		rankDelta.Append(rp - curRanks[i])
	}
	return []*dataset.Column{rank, rankPrev, rankDelta}
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

// keyText returns a function that gives row i's key in t: the text of the
// key columns, joined by a NUL byte.
func keyText(t *dataset.Table, key []string) func(int) string {
	cols := make([]*dataset.Column, len(key))
	for j, k := range key {
		cols[j] = t.Column(k)
	}
	if len(cols) == 1 {
		return cols[0].Text
	}
	return func(i int) string {
		parts := make([]string, len(cols))
		for j, c := range cols {
			parts[j] = c.Text(i)
		}
		return strings.Join(parts, "\x00")
	}
}

// nullIn returns the first key column that is null in row i, or "".
func nullIn(t *dataset.Table, key []string, i int) string {
	for _, k := range key {
		if t.Column(k).IsNull(i) {
			return k
		}
	}
	return ""
}
