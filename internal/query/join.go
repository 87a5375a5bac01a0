package query

import (
	"fmt"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// Join adds to every row of left the columns of the row of right whose on
// columns hold the same values (a left join: a row without a match gets
// nulls). right must have at most one row per value of on. A right column
// whose name left already has is added as NAME_RIGHTNAME. Problems are
// Errors under the keys "on" and "join".
func Join(left, right *dataset.Table, on []string) (*dataset.Table, error) {
	var errs Errors
	if len(on) == 0 {
		errs.Add("join", `add on = ["region"]: the columns both datasets share`, "join needs on, the columns to match rows by")
		return nil, errs
	}
	for _, k := range on {
		for _, t := range []*dataset.Table{left, right} {
			if t.Column(k) == nil {
				errs.Add("on", diag.DidYouMean(k, t.Names()), fmt.Sprintf("on: dataset %q has no column %q", t.Name, k))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	index := make(map[string]int, right.Len())
	rk := rowText(right, on)
	for i := range right.Len() {
		k := rk(i)
		if j, dup := index[k]; dup {
			errs.Add("on", "join a dataset with one row per "+strings.Join(on, " and ")+", or group it first in sql",
				fmt.Sprintf("on: dataset %q has more than one row for %s (rows %d and %d)", right.Name, strings.ReplaceAll(k, "\x00", ", "), j+1, i+1))
			return nil, errs
		}
		index[k] = i
	}
	match := make([]int, left.Len())
	lk := rowText(left, on)
	for i := range match {
		j, ok := index[lk(i)]
		if !ok {
			j = -1
		}
		match[i] = j
	}
	out := &dataset.Table{Name: left.Name, File: left.File, Line: left.Line, Columns: append([]*dataset.Column(nil), left.Columns...)}
	for _, c := range right.Columns {
		if containsName(on, c.Name) {
			continue
		}
		name := c.Name
		if left.Column(name) != nil {
			name += "_" + right.Name
		}
		nc := dataset.NewColumn(name, c.Type, len(match))
		for _, j := range match {
			if j < 0 {
				nc.Append(nil)
			} else {
				nc.Append(c.Value(j))
			}
		}
		out.Columns = append(out.Columns, nc)
	}
	return out, nil
}

// rowText gives row i's values of cols, joined by a NUL byte.
func rowText(t *dataset.Table, cols []string) func(int) string {
	cs := make([]*dataset.Column, len(cols))
	for j, n := range cols {
		cs[j] = t.Column(n)
	}
	return func(i int) string {
		parts := make([]string, len(cs))
		for j, c := range cs {
			parts[j] = c.Text(i)
		}
		return strings.Join(parts, "\x00")
	}
}

func containsName(names []string, n string) bool {
	return slices.Contains(names, n)
}
