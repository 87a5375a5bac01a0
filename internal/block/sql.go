package block

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Periods a block's SQL runs over: the page's datasets, or those of an
// earlier edition for a comparison.
const (
	PeriodNow      = ""
	PeriodPrevious = "previous"
	PeriodYear     = "year"
)

// SQLFunc runs a block's SQL over the datasets of a period (PeriodNow,
// PeriodPrevious or PeriodYear). For an earlier edition that does not
// exist it returns nil and no error. An error that is a *diag.Error without
// a file is positioned inside the SQL (line and column from 1).
type SQLFunc func(period, src string) (*dataset.Table, error)

// source names where a selection's rows come from, for messages.
func (s *selection) source() string {
	if s.sql != "" {
		return "the sql result"
	}
	return fmt.Sprintf("dataset %q", s.data)
}

// sqlExclusive reports the query keys that sql replaces.
func (d *doc) sqlExclusive(f *selectFields, s *selection) {
	if s.sql == "" {
		return
	}
	for _, k := range []struct {
		name string
		set  bool
	}{{"data", f.Data != nil}, {"join", f.Join != nil}, {"on", f.On != nil}, {"where", f.Where != nil}, {"compute", f.Compute != nil}, {"group", f.Group != nil}, {"aggregate", f.Aggregate != nil}, {"after_group", f.After != nil}} {
		if k.set {
			d.errorf(s.at(k.name), "write it in the SQL, or remove sql and use the keys",
				"%s cannot be combined with sql: sql chooses and shapes the rows itself", k.name)
		}
	}
}

// runSQL runs the selection's SQL over a period's datasets, reporting any
// problem at the line of the SQL it concerns. ok is false after a problem.
func (d *doc) runSQL(s *selection, period string) (t *dataset.Table, ok bool) {
	if d.env.SQL == nil {
		d.errorf(s.at("sql"), "", "sql is not available in this build")
		return nil, false
	}
	t, err := d.env.SQL(period, s.sql)
	if err != nil {
		d.sqlError(s, period, err)
		return nil, false
	}
	return t, true
}

// sqlError reports an engine error at the markdown line of the SQL it
// points at, with the column inside that line.
func (d *doc) sqlError(s *selection, period string, err error) {
	var e *diag.Error
	if !errors.As(err, &e) || e.Pos.File != "" {
		d.lookupErrorAt(s.at("sql"), err)
		return
	}
	p := d.pos(s.at("sql")...)
	if e.Pos.Line > 0 && p.Line > 0 {
		p.Line += e.Pos.Line - 1 + d.sqlOffset(s)
	}
	where := "sql"
	if e.Pos.Col > 0 {
		where = fmt.Sprintf("sql, column %d", e.Pos.Col)
	}
	msg := e.Msg
	switch period {
	case PeriodPrevious:
		msg = "over the previous edition: " + msg
	case PeriodYear:
		msg = "over the edition a year earlier: " + msg
	}
	d.errs = append(d.errs, &diag.Error{Pos: p, Msg: d.kind + ": " + where + ": " + msg, Hint: e.Hint})
}

var multiOpen = regexp.MustCompile(`=\s*("""|''')\s*$`)

// sqlOffset is 1 when the SQL starts on the line after its key (sql = """
// then a newline, which TOML drops), else 0.
func (d *doc) sqlOffset(s *selection) int {
	n := d.lines().Line(s.at("sql")...)
	lines := strings.Split(d.src, "\n")
	if n > 0 && n <= len(lines) && multiOpen.MatchString(lines[n-1]) {
		return 1
	}
	return 0
}

// loadSQL runs the selection's SQL and shapes its result like a dataset's.
func (d *doc) loadSQL(s *selection, refs []ref) *dataset.Table {
	src, ok := d.runSQL(s, PeriodNow)
	if !ok {
		return nil
	}
	return d.shape(s, src, refs)
}

// joined adds the join dataset's columns to src. It returns nil after
// reporting a problem.
func (d *doc) joined(s *selection, src *dataset.Table) *dataset.Table {
	other, err := d.env.Lookup(s.join)
	if err != nil {
		d.lookupErrorAt(s.at("join"), err)
		return nil
	}
	out, err := query.Join(src, other, s.on)
	if err != nil {
		d.queryErrors(s, src.Names(), err)
		return nil
	}
	s.other = other
	return out
}
