// Package datacheck runs the expectations declared for a dataset (not-null
// columns, a unique key, ranges, an expression per row, the largest
// plausible change against the previous edition) over one copy of it. Each
// failing row is a warning at its file and line, so that a wrong export is
// named before it reaches readers; a strict build fails on them.
package datacheck

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// MaxRows is how many failing rows one check lists in one file; the rest are
// counted.
const MaxRows = 20

// Input is one copy of a dataset to check.
type Input struct {
	// Name is the dataset's name, as declared in site.toml.
	Name  string
	Table *dataset.Table
	// Prev is the previous edition's copy, nil when there is none (or the
	// copy is not an edition's).
	Prev *dataset.Table
	// PrevEdition names the previous edition, for messages.
	PrevEdition string
	// Key is the dataset's declared key (one column or several), which
	// max_change joins on.
	Key []string
	// Checks are the expectations; Config places them in site.toml.
	Checks *config.Checks
	Config *config.Config
}

// run collects one check's failures in one file.
type run struct {
	in    *Input
	check string
	errs  diag.List
	fails int
}

// Run checks one copy of a dataset. Problems with the checks themselves (a
// column the file lacks) are errors at site.toml; failing rows are warnings
// at the rows' lines.
func Run(in *Input) diag.List {
	c := in.Checks
	var out diag.List
	for _, step := range []struct {
		name string
		fn   func(*run)
		on   bool
	}{
		{"not_null", notNull, len(c.NotNull) > 0},
		{"unique", unique, len(c.Unique) > 0},
		{"range", ranges, len(c.Range) > 0},
		{"rows", rows, len(c.Rows) > 0},
		{"max_change", maxChange, len(c.MaxChange) > 0},
	} {
		if !step.on {
			continue
		}
		r := &run{in: in, check: step.name}
		step.fn(r)
		if r.fails > MaxRows {
			r.errs = append(r.errs, &diag.Error{Pos: diag.Pos{File: in.Table.File}, Warning: true,
				Msg: fmt.Sprintf("check %s of dataset %q: %d more rows fail", step.name, in.Name, r.fails-MaxRows)})
		}
		out = append(out, r.errs...)
	}
	return out
}

// fail records a failing row.
func (r *run) fail(row int, hint, format string, args ...any) {
	r.fails++
	if r.fails > MaxRows {
		return
	}
	t := r.in.Table
	pos := diag.Pos{File: t.File}
	if row < len(t.Line) {
		pos.Line = t.Line[row]
	}
	msg := fmt.Sprintf("check %s of dataset %q: row %d: ", r.check, r.in.Name, row+1) + fmt.Sprintf(format, args...)
	r.errs = append(r.errs, &diag.Error{Pos: pos, Msg: msg, Hint: hint, Warning: true})
}

// bad reports a check that names what the file does not have, at its line
// of site.toml.
func (r *run) bad(hint, format string, args ...any) {
	pos := diag.Pos{File: config.File}
	if r.in.Config != nil {
		pos.Line = r.in.Config.CheckLine(r.in.Name, r.check)
	}
	r.errs = append(r.errs, &diag.Error{Pos: pos, Hint: hint,
		Msg: fmt.Sprintf("check %s of dataset %q: ", r.check, r.in.Name) + fmt.Sprintf(format, args...)})
}

// column returns a named column, reporting one the file lacks.
func (r *run) column(name string) *dataset.Column {
	c := r.in.Table.Column(name)
	if c == nil {
		r.bad(diag.DidYouMean(name, r.in.Table.Names()), "%s has no column %q", r.in.Table.File, name)
	}
	return c
}

func notNull(r *run) {
	for _, name := range r.in.Checks.NotNull {
		c := r.column(name)
		if c == nil {
			continue
		}
		for i := range c.Len() {
			if c.IsNull(i) {
				r.fail(i, "fill it in, or export the data again", "%q is empty", name)
			}
		}
	}
}

func unique(r *run) {
	var cols []*dataset.Column
	for _, name := range r.in.Checks.Unique {
		c := r.column(name)
		if c == nil {
			return
		}
		cols = append(cols, c)
	}
	seen := map[string]int{}
	for i := range r.in.Table.Len() {
		k := rowKey(cols, i)
		if j, ok := seen[k]; ok {
			r.fail(i, "each row needs its own "+strings.Join(r.in.Checks.Unique, " and "), "repeats %s of row %d", describe(cols, i), j+1)
			continue
		}
		seen[k] = i
	}
}

// rowKey joins the values of cols in row i.
func rowKey(cols []*dataset.Column, i int) string {
	parts := make([]string, len(cols))
	for j, c := range cols {
		parts[j] = c.Text(i)
	}
	return strings.Join(parts, "\x00")
}

// describe writes the values of cols in row i: bank "A", month "2022-03".
func describe(cols []*dataset.Column, i int) string {
	parts := make([]string, len(cols))
	for j, c := range cols {
		parts[j] = fmt.Sprintf("%s %q", c.Name, c.Text(i))
	}
	return strings.Join(parts, ", ")
}

func ranges(r *run) {
	for _, name := range slices.Sorted(maps.Keys(r.in.Checks.Range)) {
		lim := r.in.Checks.Range[name]
		if len(lim) != 2 || lim[0] > lim[1] {
			r.bad(fmt.Sprintf("write %s = [0, 1000000]", name), "the range of %q must be [smallest, largest]", name)
			continue
		}
		c := r.column(name)
		if c == nil {
			continue
		}
		if !c.Type.Numeric() {
			r.bad("check ranges of number columns only", "column %q is %s, not numbers", name, c.Type)
			continue
		}
		for i := range c.Len() {
			if v, ok := c.Float(i); ok && (v < lim[0] || v > lim[1]) {
				r.fail(i, "check the export: the value is outside the declared range", "%s = %s is outside [%s, %s]",
					name, c.Text(i), plain(lim[0]), plain(lim[1]))
			}
		}
	}
}

func plain(v float64) string {
	return numfmt.Format(v, "", "en")
}

// rowCol is the column added to number the rows an expression fails.
const rowCol = "\x00row"

func rows(r *run) {
	t := r.in.Table
	num := dataset.NewColumn(rowCol, dataset.Int, t.Len())
	for i := range t.Len() {
		num.Append(i)
	}
	numbered := &dataset.Table{Name: t.Name, File: t.File, Line: t.Line, Columns: append(slices.Clone(t.Columns), num)}
	for _, expr := range r.in.Checks.Rows {
		// A row passes only when the expression is true: a comparison with
		// a missing value is false, so such a row fails too.
		_, err := query.Run(t, query.Spec{Where: expr})
		var failed *dataset.Table
		if err == nil {
			failed, err = query.Run(numbered, query.Spec{Where: "(" + expr + ") == false"})
		}
		if err != nil {
			msg := err.Error()
			if qe, ok := err.(query.Errors); ok && len(qe) > 0 {
				msg = strings.TrimPrefix(qe[0].Msg, "where: ")
			}
			r.bad("write an expression as in where, e.g. \"likes <= followers\"", "%q: %s", expr, msg)
			continue
		}
		idx := failed.Column(rowCol)
		for i := range failed.Len() {
			r.fail(int(idx.Num[i]), "check the export, or the expression", "fails %q", expr)
		}
	}
}

func maxChange(r *run) {
	in := r.in
	if in.Prev == nil {
		return
	}
	if len(in.Key) == 0 {
		r.bad(fmt.Sprintf("declare the key: [datasets.%s] key = \"COLUMN\"", in.Name), "max_change compares rows with the previous edition's by the dataset's key, and it has none")
		return
	}
	var key, prevKey []*dataset.Column
	for _, k := range in.Key {
		c, pc := r.column(k), in.Prev.Column(k)
		if c == nil || pc == nil {
			return
		}
		key, prevKey = append(key, c), append(prevKey, pc)
	}
	prevRow := make(map[string]int, in.Prev.Len())
	for i := range in.Prev.Len() {
		prevRow[rowKey(prevKey, i)] = i
	}
	for _, name := range slices.Sorted(maps.Keys(in.Checks.MaxChange)) {
		limit := in.Checks.MaxChange[name]
		c, pc := r.column(name), in.Prev.Column(name)
		if c == nil || pc == nil || !c.Type.Numeric() || !pc.Type.Numeric() {
			continue
		}
		for i := range c.Len() {
			j, ok := prevRow[rowKey(key, i)]
			if !ok {
				continue
			}
			cur, okCur := c.Float(i)
			prev, okPrev := pc.Float(j)
			if !okCur || !okPrev || prev == 0 {
				continue
			}
			if change := (cur - prev) / math.Abs(prev); math.Abs(change) > limit {
				r.fail(i, "check the export; raise max_change if the move is real",
					"%s of %s moved from %s to %s since %s (%s), more than the plausible ±%s",
					name, describe(key, i), pc.Text(j), c.Text(i), in.PrevEdition,
					numfmt.Format(change, "signed-percent", "en"), numfmt.Format(limit, "percent", "en"))
			}
		}
	}
}
