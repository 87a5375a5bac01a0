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
	var out schema
	seen := make(map[string]bool)
	for _, g := range s.Group {
		switch i := sc.index(g); {
		case g == "":
			errs.Add("group", "", "group: empty column name")
		case i < 0:
			errs.Add("group", diag.DidYouMean(g, sc.names()), fmt.Sprintf("group: no column %q", g))
		case seen[g]:
			errs.Add("group", "", fmt.Sprintf("group: %q is listed twice", g))
		default:
			seen[g] = true
			p.group = append(p.group, g)
			out = append(out, sc[i])
		}
	}

	// Aggregated columns come out in table order; unknown names are
	// reported in sorted order.
	cols := slices.Sorted(maps.Keys(s.Aggregate))
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
	for _, col := range cols {
		key := "aggregate." + col
		fn, ok := aggFunc(s.Aggregate[col])
		if !ok {
			errs.Add(key, aggHint, fmt.Sprintf("%s: unknown function %q", key, s.Aggregate[col]))
		}
		i := sc.index(col)
		if i < 0 {
			errs.Add(key, diag.DidYouMean(col, sc.names()), fmt.Sprintf("%s: no column %q", key, col))
			continue
		}
		if seen[col] {
			errs.Add(key, "count another column to count the rows of each group",
				fmt.Sprintf("%s: %q is a group column", key, col))
			continue
		}
		if !ok {
			continue
		}
		f := sc[i]
		if f.known {
			if err := checkAgg(key, fn, col, f.typ); err != nil {
				errs.Add(err.Key, err.Hint, err.Msg)
				continue
			}
		}
		p.aggs = append(p.aggs, aggStep{col: col, fn: fn})
		out = append(out, field{name: col, typ: aggType(fn, f.typ), known: f.known || fn == "count" || fn == "avg" || fn == "median"})
	}
	return out
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
	ids = make([]int32, n)
	if len(keys) == 1 {
		k := keys[0]
		null := int32(-1)
		if k.Type == dataset.String {
			m := make(map[string]int32)
			for i := range n {
				if !k.Valid[i] {
					if null < 0 {
						null = int32(len(first))
						first = append(first, i)
					}
					ids[i] = null
					continue
				}
				g, ok := m[k.Str[i]]
				if !ok {
					g = int32(len(first))
					m[k.Str[i]] = g
					first = append(first, i)
				}
				ids[i] = g
			}
			return ids, first
		}
		m := make(map[float64]int32)
		for i := range n {
			v := k.Num[i]
			if !k.Valid[i] || v != v {
				if null < 0 {
					null = int32(len(first))
					first = append(first, i)
				}
				ids[i] = null
				continue
			}
			g, ok := m[v]
			if !ok {
				g = int32(len(first))
				m[v] = g
				first = append(first, i)
			}
			ids[i] = g
		}
		return ids, first
	}
	m := make(map[string]int32)
	var buf []byte
	for i := range n {
		buf = buf[:0]
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
		g, ok := m[string(buf)]
		if !ok {
			g = int32(len(first))
			m[string(buf)] = g
			first = append(first, i)
		}
		ids[i] = g
	}
	return ids, first
}

// reduce aggregates col into one value per group; ids gives each row's group
// (nil: every row is in group 0) and ng the number of groups.
func reduce(col *dataset.Column, fn string, ids []int32, ng int) *dataset.Column {
	n := col.Len()
	out := &dataset.Column{Name: col.Name, Type: aggType(fn, col.Type), Num: make([]float64, ng), Valid: make([]bool, ng)}
	if fn != "count" {
		out.Format = col.Format // a sum, mean or extreme of shares is a share
	}
	counts := make([]int, ng)
	if fn == "count" {
		for i := range n {
			if col.Valid[i] && (col.Type == dataset.String || col.Num[i] == col.Num[i]) {
				if ids == nil {
					counts[0]++
				} else {
					counts[ids[i]]++
				}
			}
		}
		for g, c := range counts {
			out.Num[g], out.Valid[g] = float64(c), true
		}
		return out
	}
	const (
		opAdd = iota
		opMin
		opMax
		opNone
	)
	op := opNone
	switch fn {
	case "sum", "avg":
		op = opAdd
	case "min":
		op = opMin
	case "max":
		op = opMax
	}
	acc := out.Num
	for i := range n {
		v := col.Num[i]
		if !col.Valid[i] || v != v {
			continue
		}
		g := 0
		if ids != nil {
			g = int(ids[i])
		}
		switch op {
		case opAdd:
			acc[g] += v
		case opMin:
			if counts[g] == 0 || v < acc[g] {
				acc[g] = v
			}
		case opMax:
			if counts[g] == 0 || v > acc[g] {
				acc[g] = v
			}
		}
		counts[g]++
	}
	if fn == "median" {
		medians(col, ids, counts, acc)
	}
	for g, c := range counts {
		if c == 0 {
			acc[g] = 0
			continue
		}
		out.Valid[g] = true
		if fn == "avg" {
			acc[g] /= float64(c)
		}
	}
	return out
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

// Aggregate reduces a whole column to one value with sum, avg, count, min,
// max or median, for KPI cards. Dates give Unix milliseconds. The bool is
// false when the column has no non-null value (count always has one: the
// number of non-null values). A problem is an *Error under the key
// "aggregate".
func Aggregate(col *dataset.Column, fn string) (float64, bool, error) {
	f, ok := aggFunc(fn)
	if !ok {
		return 0, false, &Error{Key: "aggregate", Msg: fmt.Sprintf("aggregate: unknown function %q", fn), Hint: aggHint}
	}
	if err := checkAgg("aggregate", f, col.Name, col.Type); err != nil {
		return 0, false, err
	}
	r := reduce(col, f, nil, 1)
	return r.Num[0], r.Valid[0], nil
}
