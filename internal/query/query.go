// Package query filters, derives, groups, aggregates, sorts and limits
// dataset tables for the chart, table and KPI blocks. Its functions are pure:
// they never change the table they are given, and they report every problem
// of a spec at once, each under the spec key it concerns.
//
// Expressions (where, compute) use the expr language
// (https://expr-lang.org): columns are variables, written bare when the name
// is a plain word (followers, 粉丝) and as $env["bank name"] otherwise. Strings
// compare with ==, conditions combine with && and ||. A null cell is nil: a
// comparison with a null is false, arithmetic with a null is null, division
// by zero is null, and `x ?? 0` gives 0 for a null x. Dates are time.Time
// values in UTC, so `date >= date("2022-01-01")` works.
package query

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// Spec is the query part of a chart, table or KPI block.
type Spec struct {
	// Where is a true/false expression over the row's columns; rows for which
	// it is false or null are dropped.
	Where string
	// Compute adds derived columns: name -> expression, e.g. avg_likes =
	// "likes / posts". An expression may use columns computed by others; they
	// are evaluated in dependency order. A name that is already a column
	// replaces it (its own expression then sees the original column).
	Compute map[string]string
	// Group lists the group-by columns.
	Group []string
	// Aggregate maps a column to sum, avg, count, min, max or median. The
	// result has the group columns, then one column per aggregated column (in
	// table order) under the same name. count counts the non-null values of
	// any column. Without Group the whole table is one group.
	Aggregate map[string]string
	// AfterGroup adds columns computed over the grouped rows, like
	// Compute but after group and aggregate: a ratio of sums (margin =
	// "gross / revenue"), or a share of the total with total(column), the
	// column's sum over every grouped row (share = "revenue /
	// total(revenue)").
	AfterGroup map[string]string
	// Sort lists the sort keys; a "-" prefix sorts descending. Nulls sort
	// last either way.
	Sort []string
	// Limit keeps the first Limit rows after sorting; 0 keeps all.
	Limit int
	// Series names the column that splits long data into series (see Split).
	// Run only checks that the result has it.
	Series string
}

// Run applies the spec to t in the order where, compute, group/aggregate,
// sort, limit, and returns a new table. The result may share column storage
// with t when a step keeps every row; neither may be changed afterwards.
// On failure the error is an Errors holding every problem found.
func Run(t *dataset.Table, s Spec) (*dataset.Table, error) {
	if len(s.AfterGroup) > 0 {
		return runAfterGroup(t, s)
	}
	var errs Errors
	p := newPlan(t, s, &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	out, err := p.exec(t)
	if err != nil {
		return nil, Errors{err}
	}
	return out, nil
}

// computeStep is one derived column, in evaluation order.
type computeStep struct {
	name string
	c    *compiled
	// retype is set when a column it uses had no known type at planning, so
	// it is compiled again against the real types before it runs.
	retype bool
}

// aggStep aggregates one column.
type aggStep struct {
	col string
	fn  string
}

// plan is a checked spec, ready to run.
type plan struct {
	spec    Spec
	where   *compiled
	compute []computeStep
	group   []string
	aggs    []aggStep
	sort    []sortKey
}

func newPlan(t *dataset.Table, s Spec, errs *Errors) *plan {
	p := &plan{spec: s}
	sc := schemaOf(t)
	if strings.TrimSpace(s.Where) != "" {
		later := slices.Sorted(maps.Keys(s.Compute))
		c, err := compileExpr("where", s.Where, sc, later)
		if err != nil {
			errs.Add(err.Key, err.Hint, err.Msg)
		} else if c.out != nil && c.out.Kind() != reflect.Bool {
			errs.Add("where", "", fmt.Sprintf("where: %q gives %s, not a true/false value", s.Where, typeName(c.out)))
		} else {
			p.where = c
		}
	}
	sc = p.planCompute(sc, errs)
	sc = p.planGroup(sc, errs)
	p.sort = parseSort("sort", s.Sort, sc, errs)
	if s.Limit < 0 {
		errs.Add("limit", "use 0 for no limit", fmt.Sprintf("limit: must not be negative, got %d", s.Limit))
	}
	if s.Series != "" && sc.index(s.Series) < 0 {
		errs.Add("series", diag.DidYouMean(s.Series, sc.names()), fmt.Sprintf("series: no column %q", s.Series))
	}
	return p
}

func (p *plan) exec(t *dataset.Table) (*dataset.Table, *Error) {
	out := &dataset.Table{Name: t.Name, File: t.File, Columns: t.Columns, Line: t.Line}
	if p.where != nil {
		rows, err := filter(out, p.where)
		if err != nil {
			return nil, err
		}
		if len(rows) < out.Len() {
			out = gather(out, rows)
		}
	}
	if err := p.runCompute(out); err != nil {
		return nil, err
	}
	if len(p.group) > 0 || len(p.aggs) > 0 {
		var err *Error
		if out, err = p.runGroup(out); err != nil {
			return nil, err
		}
	}
	if len(p.sort) > 0 || (p.spec.Limit > 0 && p.spec.Limit < out.Len()) {
		rows := order(out, p.sort, p.spec.Limit)
		if !identity(rows, out.Len()) {
			out = gather(out, rows)
		}
	}
	return out, nil
}

// filter returns the rows for which the where expression is true.
func filter(t *dataset.Table, c *compiled) ([]int, *Error) {
	n := t.Len()
	rows := make([]int, 0, n)
	e := newEvaluator(c, t)
	for i := range n {
		v, err := e.eval(i)
		if err != nil {
			return nil, err
		}
		switch b := v.(type) {
		case nil:
		case bool:
			if b {
				rows = append(rows, i)
			}
		default:
			return nil, &Error{Key: "where", Msg: fmt.Sprintf("where: %q gives %s, not a true/false value",
				c.src, typeName(reflect.TypeOf(v)))}
		}
	}
	return rows, nil
}

func identity(rows []int, n int) bool {
	if len(rows) != n {
		return false
	}
	for i, r := range rows {
		if r != i {
			return false
		}
	}
	return true
}

// gather returns a new table holding the given rows of t, in that order.
func gather(t *dataset.Table, rows []int) *dataset.Table {
	out := &dataset.Table{Name: t.Name, File: t.File, Columns: make([]*dataset.Column, len(t.Columns))}
	for i, c := range t.Columns {
		out.Columns[i] = gatherColumn(c, rows)
	}
	if t.Line != nil {
		out.Line = make([]int, len(rows))
		for i, r := range rows {
			if r < len(t.Line) {
				out.Line[i] = t.Line[r]
			}
		}
	}
	return out
}

func gatherColumn(c *dataset.Column, rows []int) *dataset.Column {
	out := &dataset.Column{Name: c.Name, Type: c.Type, Valid: make([]bool, len(rows)), Format: c.Format}
	if c.Str != nil {
		out.Str = make([]string, len(rows))
		for i, r := range rows {
			out.Str[i] = c.Str[r]
		}
	}
	if c.Num != nil {
		out.Num = make([]float64, len(rows))
		for i, r := range rows {
			out.Num[i] = c.Num[r]
		}
	}
	for i, r := range rows {
		out.Valid[i] = c.Valid[r]
	}
	return out
}
