package query

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// aggFuncs are the aggregate functions, in the order hints list them.
var aggFuncs = []string{"sum", "avg", "count", "min", "max", "median"}

const aggHint = "use one of sum, avg, count, min, max, median"

// planGroup checks group and aggregate and returns the schema they produce.
func (p *plan) planGroup(sc schema, errs *Errors) schema {
	s := p.spec
	if len(s.Group) == 0 && len(s.Aggregate) == 0 {
		return sc
	}
	out := p.planGroupColumns(sc, errs)
	for _, col := range aggregateOrder(sc, s.Aggregate) {
		if f, ok := p.planAggregate(sc, col, errs); ok {
			out = append(out, f)
		}
	}
	return out
}

// planGroupColumns checks the group columns and returns their fields.
func (p *plan) planGroupColumns(sc schema, errs *Errors) schema {
	var out schema
	for _, g := range p.spec.Group {
		switch i := sc.index(g); {
		case g == "":
			errs.Add("group", "", "group: empty column name")
		case i < 0:
			errs.Add("group", diag.DidYouMean(g, sc.names()), fmt.Sprintf("group: no column %q", g))
		case slices.Contains(p.group, g):
			errs.Add("group", "", fmt.Sprintf("group: %q is listed twice", g))
		default:
			p.group = append(p.group, g)
			out = append(out, sc[i])
		}
	}
	return out
}

// aggregateOrder lists the aggregated columns in table order, and the
// names the table does not have after them, sorted.
func aggregateOrder(sc schema, agg map[string]string) []string {
	cols := slices.Sorted(maps.Keys(agg))
	slices.SortStableFunc(cols, func(a, b string) int {
		ia, ib := sc.index(a), sc.index(b)
		if ia < 0 {
			ia = len(sc)
		}
		if ib < 0 {
			ib = len(sc)
		}
		return ia - ib
	})
	return cols
}

// planAggregate checks the aggregate of one column and returns the field
// it produces.
func (p *plan) planAggregate(sc schema, col string, errs *Errors) (field, bool) {
	key := "aggregate." + col
	fn, ok := aggFunc(p.spec.Aggregate[col])
	if !ok {
		*errs = append(*errs, AggregateError(key, p.spec.Aggregate[col]))
	}
	i := sc.index(col)
	switch {
	case i < 0:
		errs.Add(key, diag.DidYouMean(col, sc.names()), fmt.Sprintf("%s: no column %q", key, col))
		return field{}, false
	case slices.Contains(p.group, col):
		errs.Add(key, "count another column to count the rows of each group", fmt.Sprintf("%s: %q is a group column", key, col))
		return field{}, false
	case !ok:
		return field{}, false
	}
	f := sc[i]
	if f.known {
		if err := checkAgg(key, fn, col, f.typ); err != nil {
			errs.Add(err.Key, err.Hint, err.Msg)
			return field{}, false
		}
	}
	p.aggs = append(p.aggs, aggStep{col: col, fn: fn})
	return field{name: col, typ: aggType(fn, f.typ), known: f.known || fn == "count" || fn == "avg" || fn == "median"}, true
}

// aggFunc normalises an aggregate function name.
func aggFunc(name string) (string, bool) {
	fn := strings.ToLower(strings.TrimSpace(name))
	return fn, slices.Contains(aggFuncs, fn)
}

// checkAgg reports whether fn can aggregate a column of type t.
func checkAgg(key, fn, col string, t dataset.Type) *Error {
	switch fn {
	case "count":
		return nil
	case "min", "max":
		if t != dataset.String {
			return nil
		}
		return &Error{Key: key, Msg: fmt.Sprintf("%s: %s needs a number or date column; %q is %s", key, fn, col, t),
			Hint: "count it, or group by it"}
	}
	if t.Numeric() || t == dataset.Bool {
		return nil
	}
	hint := "count it, or group by it"
	if t == dataset.Date {
		hint = "min and max work on dates"
	}
	return &Error{Key: key, Msg: fmt.Sprintf("%s: %s needs a number column; %q is %s", key, fn, col, t), Hint: hint}
}

// aggType is the type of the column fn makes from a column of type t.
func aggType(fn string, t dataset.Type) dataset.Type {
	switch fn {
	case "count":
		return dataset.Int
	case "sum":
		if t == dataset.Int || t == dataset.Bool {
			return dataset.Int
		}
		return dataset.Float
	case "min", "max":
		return t
	}
	return dataset.Float
}

// runGroup groups t and aggregates each group into one row.
func (p *plan) runGroup(t *dataset.Table) (*dataset.Table, *Error) {
	keys := make([]*dataset.Column, len(p.group))
	for i, g := range p.group {
		keys[i] = t.Column(g)
	}
	var ids []int32
	ng := 1
	out := &dataset.Table{Name: t.Name, File: t.File}
	if len(keys) > 0 {
		var first []int
		ids, first = groupIDs(keys, t.Len())
		ng = len(first)
		for _, k := range keys {
			out.Columns = append(out.Columns, gatherColumn(k, first))
		}
	}
	for _, a := range p.aggs {
		col := t.Column(a.col)
		key := "aggregate." + a.col
		if err := checkAgg(key, a.fn, a.col, col.Type); err != nil {
			return nil, err
		}
		out.Columns = append(out.Columns, reduce(col, a.fn, ids, ng))
	}
	return out, nil
}

// groupIDs numbers the distinct combinations of the key columns in order of
// first appearance. It returns each row's group and each group's first row.
// Nulls form a group of their own.
func groupIDs(keys []*dataset.Column, n int) (ids []int32, first []int) {
	switch k := keys[0]; {
	case len(keys) > 1:
		return groupComposite(keys, n)
	case k.Type == dataset.String:
		return groupBy(k.Str, k.Valid, n, func(string) bool { return false })
	default:
		return groupBy(k.Num, k.Valid, n, func(v float64) bool { return v != v })
	}
}

// groups hands out group numbers in order of first appearance.
type groups[K comparable] struct {
	m     map[K]int32
	first []int
	null  int32
}

func newGroups[K comparable]() *groups[K] { return &groups[K]{m: make(map[K]int32), null: -1} }

// id is the group of key k, first seen at row i.
func (g *groups[K]) id(k K, i int) int32 {
	id, ok := g.m[k]
	if !ok {
		id = int32(len(g.first))
		g.m[k] = id
		g.first = append(g.first, i)
	}
	return id
}

// nullID is the group of the rows with no key, first seen at row i.
func (g *groups[K]) nullID(i int) int32 {
	if g.null < 0 {
		g.null = int32(len(g.first))
		g.first = append(g.first, i)
	}
	return g.null
}

// groupBy groups the rows of one key column.
func groupBy[K comparable](vals []K, valid []bool, n int, isNull func(K) bool) ([]int32, []int) {
	ids := make([]int32, n)
	g := newGroups[K]()
	for i := range n {
		if !valid[i] || isNull(vals[i]) {
			ids[i] = g.nullID(i)
		} else {
			ids[i] = g.id(vals[i], i)
		}
	}
	return ids, g.first
}

// groupComposite groups the rows of several key columns by an encoding of
// each row's keys.
func groupComposite(keys []*dataset.Column, n int) ([]int32, []int) {
	ids := make([]int32, n)
	g := newGroups[string]()
	var buf []byte
	for i := range n {
		buf = appendKey(buf[:0], keys, i)
		if id, ok := g.m[string(buf)]; ok { // no copy of buf for a key already seen
			ids[i] = id
			continue
		}
		ids[i] = g.id(string(buf), i)
	}
	return ids, g.first
}

// appendKey appends an unambiguous encoding of row i's keys: a null marker,
// or a length-prefixed string, or a number's bits.
func appendKey(buf []byte, keys []*dataset.Column, i int) []byte {
	for _, k := range keys {
		switch {
		case !k.Valid[i] || (k.Type != dataset.String && k.Num[i] != k.Num[i]):
			buf = append(buf, 0)
		case k.Type == dataset.String:
			buf = append(buf, 1)
			buf = binary.AppendUvarint(buf, uint64(len(k.Str[i])))
			buf = append(buf, k.Str[i]...)
		default:
			v := k.Num[i]
			if v == 0 {
				v = 0 // one key for -0 and +0
			}
			buf = append(buf, 1)
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
	}
	return buf
}

// reduce aggregates col into one value per group; ids gives each row's group
// (nil: every row is in group 0) and ng the number of groups.
func reduce(col *dataset.Column, fn string, ids []int32, ng int) *dataset.Column {
	out := &dataset.Column{Name: col.Name, Type: aggType(fn, col.Type), Num: make([]float64, ng), Valid: make([]bool, ng)}
	if fn == "count" {
		for g, c := range countValid(col, ids, ng) {
			out.Num[g], out.Valid[g] = float64(c), true
		}
		return out
	}
	out.Format = col.Format // a sum, mean or extreme of shares is a share
	counts := accumulate(col, fn, ids, out.Num)
	if fn == "median" {
		medians(col, ids, counts, out.Num)
	}
	for g, c := range counts {
		if c == 0 {
			out.Num[g] = 0
			continue
		}
		out.Valid[g] = true
		if fn == "avg" {
			out.Num[g] /= float64(c)
		}
	}
	return out
}

// groupOf is row i's group: ids[i], or 0 when there are no groups.
func groupOf(ids []int32, i int) int {
	if ids == nil {
		return 0
	}
	return int(ids[i])
}

// countValid counts each group's values that are present (NaN is absent).
func countValid(col *dataset.Column, ids []int32, ng int) []int {
	counts := make([]int, ng)
	for i := range col.Len() {
		if col.Valid[i] && (col.Type == dataset.String || col.Num[i] == col.Num[i]) {
			counts[groupOf(ids, i)]++
		}
	}
	return counts
}

// accumulate folds each group's present values into acc (the sum for sum and
// avg, the least for min, the greatest for max; median is left to medians)
// and returns how many values each group had.
func accumulate(col *dataset.Column, fn string, ids []int32, acc []float64) []int {
	const (
		opNone = iota
		opAdd
		opMin
		opMax
	)
	op := opNone // chosen once, not compared by name on every row
	switch fn {
	case "sum", "avg":
		op = opAdd
	case "min":
		op = opMin
	case "max":
		op = opMax
	}
	counts := make([]int, len(acc))
	for i := range col.Len() {
		v := col.Num[i]
		if !col.Valid[i] || v != v {
			continue
		}
		g := groupOf(ids, i)
		switch {
		case op == opAdd:
			acc[g] += v
		case op == opMin && (counts[g] == 0 || v < acc[g]):
			acc[g] = v
		case op == opMax && (counts[g] == 0 || v > acc[g]):
			acc[g] = v
		}
		counts[g]++
	}
	return counts
}

// medians fills acc with the median of each group; the median of an even
// number of values is the mean of the two middle ones.
func medians(col *dataset.Column, ids []int32, counts []int, acc []float64) {
	start := make([]int, len(counts)+1)
	for g, c := range counts {
		start[g+1] = start[g] + c
	}
	vals := make([]float64, start[len(counts)])
	next := slices.Clone(start[:len(counts)])
	for i := range col.Len() {
		v := col.Num[i]
		if !col.Valid[i] || v != v {
			continue
		}
		g := 0
		if ids != nil {
			g = int(ids[i])
		}
		vals[next[g]] = v
		next[g]++
	}
	for g, c := range counts {
		if c == 0 {
			continue
		}
		s := vals[start[g]:start[g+1]]
		slices.Sort(s)
		if c%2 == 1 {
			acc[g] = s[c/2]
		} else {
			acc[g] = (s[c/2-1] + s[c/2]) / 2
		}
	}
}

// AggregateError returns the problem with a function name that aggregate
// does not know, under key ("aggregate", "aggregate.likes"), or nil: it
// needs no data, so a block reports it beside its other problems.
func AggregateError(key, fn string) *Error {
	if _, ok := aggFunc(fn); ok {
		return nil
	}
	return &Error{Key: key, Msg: fmt.Sprintf("%s: unknown function %q", key, fn), Hint: aggHint}
}

// Aggregate reduces a whole column to one value with sum, avg, count, min,
// max or median, for KPI cards. Dates give Unix milliseconds. The bool is
// false when the column has no non-null value (count always has one: the
// number of non-null values). A problem is an *Error under the key
// "aggregate".
func Aggregate(col *dataset.Column, fn string) (float64, bool, error) {
	f, ok := aggFunc(fn)
	if !ok {
		return 0, false, AggregateError("aggregate", fn)
	}
	if err := checkAgg("aggregate", f, col.Name, col.Type); err != nil {
		return 0, false, err
	}
	r := reduce(col, f, nil, 1)
	return r.Num[0], r.Valid[0], nil
}
