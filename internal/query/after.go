package query

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// totalCall is total(column) in an after_group expression.
var totalCall = regexp.MustCompile(`\btotal\(\s*([^()\s]+)\s*\)`)

// totalPrefix names the hidden column that holds a column's total.
const totalPrefix = "\x00total:"

// runAfterGroup runs the spec in two steps: where, compute, group and
// aggregate first; then the after_group columns over the grouped rows, then
// sort and limit. total(c) becomes a hidden column holding c's sum, dropped
// from the result.
func runAfterGroup(t *dataset.Table, s Spec) (*dataset.Table, error) {
	first := s
	first.AfterGroup, first.Sort, first.Limit, first.Series = nil, nil, 0, ""
	grouped, err := Run(t, first)
	if err != nil {
		return nil, err
	}
	compute := make(map[string]string, len(s.AfterGroup))
	var errs Errors
	added := map[string]bool{}
	work := &dataset.Table{Name: grouped.Name, File: grouped.File, Line: grouped.Line, Columns: slices.Clone(grouped.Columns)}
	for _, name := range slices.Sorted(maps.Keys(s.AfterGroup)) {
		src := s.AfterGroup[name]
		compute[name] = totalCall.ReplaceAllStringFunc(src, func(call string) string {
			col := totalCall.FindStringSubmatch(call)[1]
			hidden := totalPrefix + col
			if !added[hidden] {
				c := grouped.Column(col)
				if c == nil || !c.Type.Numeric() {
					errs.Add("after_group."+name, "total() sums a number column of the grouped rows",
						fmt.Sprintf("after_group.%s: total(%s) names no number column of the grouped rows", name, col))
					return call
				}
				work.Columns = append(work.Columns, totalColumn(hidden, c))
				added[hidden] = true
			}
			return fmt.Sprintf("$env[%q]", hidden)
		})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	out, err := Run(work, Spec{Compute: compute, Sort: s.Sort, Limit: s.Limit, Series: s.Series})
	if err != nil {
		if qe, ok := err.(Errors); ok {
			for _, e := range qe {
				if rest, ok := strings.CutPrefix(e.Key, "compute."); ok {
					e.Key = "after_group." + rest
					e.Msg = "after_group." + strings.TrimPrefix(e.Msg, "compute.")
				}
				e.Msg = strings.ReplaceAll(e.Msg, "$env[\""+totalPrefix, "total(")
			}
		}
		return nil, err
	}
	if len(added) > 0 {
		kept := out.Columns[:0:0]
		for _, c := range out.Columns {
			if !strings.HasPrefix(c.Name, totalPrefix) {
				kept = append(kept, c)
			}
		}
		out = &dataset.Table{Name: out.Name, File: out.File, Line: out.Line, Columns: kept}
	}
	markShares(out, s.AfterGroup)
	return out, nil
}

// shareOf is an after_group expression that is a column's share of its
// total: "revenue / total(revenue)".
var shareOf = regexp.MustCompile(`^\s*([^()\s/]+)\s*/\s*total\(\s*([^()\s]+)\s*\)\s*$`)

// markShares gives the columns that are shares of a total the percent
// format: they read 21.0%, not 0.21, unless a block names a format.
func markShares(t *dataset.Table, exprs map[string]string) {
	t.Columns = slices.Clone(t.Columns)
	for i, c := range t.Columns {
		m := shareOf.FindStringSubmatch(exprs[c.Name])
		if m == nil || m[1] != m[2] || !c.Type.Numeric() {
			continue
		}
		share := *c
		share.Format = "0.0%"
		t.Columns[i] = &share
	}
}

// totalColumn is a column holding c's sum (nulls skipped) in every row.
func totalColumn(name string, c *dataset.Column) *dataset.Column {
	sum := 0.0
	for i := range c.Len() {
		if v, ok := c.Float(i); ok {
			sum += v
		}
	}
	out := dataset.NewColumn(name, dataset.Float, c.Len())
	for range c.Len() {
		out.Append(sum)
	}
	return out
}
