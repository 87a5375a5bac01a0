package query

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// planCompute orders the computed columns by their dependencies, checks each
// expression and returns the schema with the computed columns added.
func (p *plan) planCompute(sc schema, errs *Errors) schema {
	if len(p.spec.Compute) == 0 {
		return sc
	}
	names := slices.Sorted(maps.Keys(p.spec.Compute))
	deps := computeDeps(p.spec.Compute, names, sc)
	ordered, stuck := orderByDeps(names, deps)
	reportCycles(stuck, deps, errs)
	for _, name := range ordered {
		sc = p.addCompute(name, sc, errs)
	}
	return p.checkStuck(stuck, sc, errs)
}

// computeDeps lists, for each computed column, the other computed columns
// its expression reads.
func computeDeps(exprs map[string]string, names []string, sc schema) map[string][]string {
	deps := make(map[string][]string, len(names))
	for _, name := range names {
		refs, _ := parseNames(exprs[name])
		for _, other := range names {
			if !refs[other] || (other == name && sc.index(name) >= 0) {
				// A column replacing a source column sees the original.
				continue
			}
			deps[name] = append(deps[name], other)
		}
	}
	return deps
}

// orderByDeps sorts names so that each comes after the names it depends on
// (Kahn's algorithm, taking the first ready name in sorted order so that the
// order does not depend on map iteration). Names caught in a cycle are
// returned as stuck.
func orderByDeps(names []string, deps map[string][]string) (ordered, stuck []string) {
	done := make(map[string]bool, len(names))
	ready := func(name string) bool {
		return !done[name] && !slices.ContainsFunc(deps[name], func(d string) bool { return !done[d] })
	}
	for len(ordered) < len(names) {
		i := slices.IndexFunc(names, ready)
		if i < 0 {
			break
		}
		done[names[i]] = true
		ordered = append(ordered, names[i])
	}
	for _, name := range names {
		if !done[name] {
			stuck = append(stuck, name)
		}
	}
	return ordered, stuck
}

// addCompute compiles one computed column against the schema so far and
// returns the schema with it added.
func (p *plan) addCompute(name string, sc schema, errs *Errors) schema {
	st := computeStep{name: name}
	refs, _ := parseNames(p.spec.Compute[name])
	for _, f := range sc {
		if refs[f.name] && !f.known {
			st.retype = true
		}
	}
	c, err := compileExpr("compute."+name, p.spec.Compute[name], sc, nil)
	if err != nil {
		errs.Add(err.Key, err.Hint, err.Msg)
		return sc.set(field{name: name})
	}
	st.c = c
	p.compute = append(p.compute, st)
	f := field{name: name}
	f.typ, f.known = staticType(c.out)
	return sc.set(f)
}

// checkStuck still checks the columns caught in a cycle, so that their other
// mistakes are reported too.
func (p *plan) checkStuck(stuck []string, sc schema, errs *Errors) schema {
	for _, name := range stuck {
		sc = sc.set(field{name: name})
	}
	for _, name := range stuck {
		if _, err := compileExpr("compute."+name, p.spec.Compute[name], sc, nil); err != nil {
			errs.Add(err.Key, err.Hint, err.Msg)
		}
	}
	return sc
}

// reportCycles reports each cycle among the stuck columns once, under the
// first of its columns in sorted order.
func reportCycles(stuck []string, deps map[string][]string, errs *Errors) {
	isStuck := make(map[string]bool, len(stuck))
	for _, s := range stuck {
		isStuck[s] = true
	}
	reported := make(map[string]bool)
	for _, start := range stuck {
		if reported[start] {
			continue
		}
		path := findCycle(start, deps, isStuck)
		if path == nil {
			continue // depends on a cycle without being part of one
		}
		for _, n := range path {
			reported[n] = true
		}
		errs.Add("compute."+start, "a computed column cannot depend on itself",
			fmt.Sprintf("compute.%s: circular definition %s", start, strings.Join(append(path, start), " -> ")))
	}
}

// findCycle returns the path of a cycle from start back to start (without
// repeating start at the end), or nil when start is on no cycle.
func findCycle(start string, deps map[string][]string, allowed map[string]bool) []string {
	var path []string
	seen := make(map[string]bool)
	var walk func(n string) bool
	walk = func(n string) bool {
		path = append(path, n)
		seen[n] = true
		for _, d := range deps[n] {
			if !allowed[d] {
				continue
			}
			if d == start {
				return true
			}
			if !seen[d] && walk(d) {
				return true
			}
		}
		path = path[:len(path)-1]
		return false
	}
	if walk(start) {
		return path
	}
	return nil
}

// staticType maps the checked result type of an expression to a column type.
func staticType(t reflect.Type) (dataset.Type, bool) {
	if t == nil {
		return dataset.String, false
	}
	if t == timeType {
		return dataset.Date, true
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return dataset.Int, true
	case reflect.Float32, reflect.Float64:
		return dataset.Float, true
	case reflect.Bool:
		return dataset.Bool, true
	case reflect.String:
		return dataset.String, true
	}
	return dataset.String, false
}

// runCompute adds the computed columns to t, in plan order.
func (p *plan) runCompute(t *dataset.Table) *Error {
	for _, st := range p.compute {
		c := st.c
		if st.retype {
			var err *Error
			if c, err = compileExpr(c.key, c.src, schemaOf(t), nil); err != nil {
				return err
			}
		}
		col, err := evalColumn(t, st.name, c)
		if err != nil {
			return err
		}
		cols := slices.Clone(t.Columns)
		if i := slices.IndexFunc(cols, func(c *dataset.Column) bool { return c.Name == st.name }); i >= 0 {
			cols[i] = col
		} else {
			cols = append(cols, col)
		}
		t.Columns = cols
	}
	return nil
}

// evalColumn evaluates c over every row of t into a new column.
func evalColumn(t *dataset.Table, name string, c *compiled) (*dataset.Column, *Error) {
	n := t.Len()
	vals := make([]any, n)
	e := newEvaluator(c, t)
	for i := range n {
		v, err := e.eval(i)
		if err != nil {
			return nil, err
		}
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			v = nil
		}
		vals[i] = v
	}
	return buildColumn(name, vals, c.out), nil
}

// buildColumn types a computed column by its values: int when every value is
// an integer, float when every value is a number, bool, date, and string
// otherwise. A column of nulls takes the expression's checked type.
func buildColumn(name string, vals []any, static reflect.Type) *dataset.Column {
	allInt, allNum, allBool, allDate, any := true, true, true, true, false
	for _, v := range vals {
		if v == nil {
			continue
		}
		any = true
		switch kindOf(v) {
		case kInt:
			allBool, allDate = false, false
		case kFloat:
			allInt, allBool, allDate = false, false, false
		case kBool:
			allInt, allNum, allDate = false, false, false
		case kDate:
			allInt, allNum, allBool = false, false, false
		default:
			allInt, allNum, allBool, allDate = false, false, false, false
		}
	}
	typ := dataset.String
	switch {
	case !any:
		typ, _ = staticType(static)
	case allInt:
		typ = dataset.Int
	case allNum:
		typ = dataset.Float
	case allBool:
		typ = dataset.Bool
	case allDate:
		typ = dataset.Date
	}
	col := dataset.NewColumn(name, typ, len(vals))
	for _, v := range vals {
		switch {
		case v == nil:
			col.Append(nil)
		case typ == dataset.String:
			col.Append(text(v))
		case typ == dataset.Int || typ == dataset.Float:
			col.Append(toFloat(v))
		default:
			col.Append(v)
		}
	}
	return col
}

type kind int

const (
	kOther kind = iota
	kInt
	kFloat
	kBool
	kDate
)

func kindOf(v any) kind {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return kInt
	case float32, float64:
		return kFloat
	case bool:
		return kBool
	case time.Time:
		return kDate
	}
	return kOther
}

func toFloat(v any) float64 {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint())
	}
	return rv.Float()
}

// text formats a value of a mixed column.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.DateTime)
	}
	switch kindOf(v) {
	case kFloat:
		return strconv.FormatFloat(toFloat(v), 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
