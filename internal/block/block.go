// Package block renders one fenced chart, table or kpi block of a markdown
// page: it decodes the block's TOML strictly, resolves its dataset, runs the
// query, and writes the block's HTML (and any files to publish beside the
// page, such as a chart's CSV).
//
// Every problem is a diag.Error at the line, inside the markdown file, of the
// key it concerns, and Render reports all of a block's problems at once.
package block

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/chart"
	"github.com/broadsheet/broadsheet/internal/compare"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Kinds lists the info strings of the fenced blocks this package renders.
var Kinds = []string{"chart", "table", "kpi"}

// Env is what a block needs from the page and the site.
type Env struct {
	// Lang is the site language ("zh-CN", "zh-TW", "en", …): UI strings
	// (Chinese or English) and number formats.
	Lang string
	// Page is the markdown file, a slash path relative to the site (for
	// messages when the start position has no file).
	Page string
	// Lookup resolves a dataset name (the bundle's file stem, else
	// site-wide). Its error already carries a message and a hint; an error
	// positioned in a file (a broken dataset) is reported as it is.
	Lookup func(name string) (*dataset.Table, error)
	// Height is the default chart height in px.
	Height int
	// Renderer is the ECharts renderer, "canvas" or "svg".
	Renderer string
	// Previous resolves a dataset name in the previous edition, for
	// compare = "previous". It returns nil and no error when there is no
	// previous edition (or it lacks the dataset), and an error when the page
	// is not an edition. Nil means the page has no editions to compare.
	Previous func(name string) (*dataset.Table, error)
	// YearAgo resolves a dataset name in the edition of the same period a
	// year earlier, for compare = "year", as Previous does.
	YearAgo func(name string) (*dataset.Table, error)
	// Key returns a dataset's declared key columns (one or several), or
	// none.
	Key func(name string) []string
	// SQL runs a block's sql; nil when the build has no SQL engine.
	SQL SQLFunc
	// Colors are the site's chart colours: palette, fixed colours per
	// category, and the colours of rises and falls.
	Colors chart.Colors
	// Link returns the address of the page about a value of a dataset's
	// column (an entity page), or "". Nil means no links.
	Link func(data, column, value string) string
}

// Output is a rendered block.
type Output struct {
	// ID is the block's id: the caller's, or the block's own id key.
	ID string
	// HTML is the block's markup, every text in it escaped.
	HTML template.HTML
	// Files are to be published beside the page, by name (e.g. "chart-1.csv").
	Files map[string][]byte
	// Charts counts the ECharts figures in HTML: a page with any needs the
	// chart scripts.
	Charts int
}

// Render renders one block. kind is "chart", "table" or "kpi"; src is the
// block's TOML; start is the position of its first content line (Col: the
// column its lines begin at, for syntax errors); id is the
// caller's stable id for it (e.g. "chart-2"), which `id = "…"` in the block
// overrides. On any error the output holds only the block's id (when the
// block could be read that far, so that a clash of ids is reported with the
// other problems) and the list holds every problem found, sorted.
func Render(env *Env, kind, src string, start diag.Pos, id string) (Output, diag.List) {
	d := &doc{env: env, kind: kind, start: start, src: src}
	var out Output
	switch kind {
	case "chart":
		out = d.chart(src, id)
	case "table":
		out = d.table(src, id)
	case "kpi":
		out = d.kpi(src, id)
	default:
		d.errs.Addf(d.pos(), "unknown block kind %q (use %s)", kind, strings.Join(Kinds, ", "))
	}
	if len(d.errs) > 0 {
		return Output{ID: d.id}, d.errs.Sort()
	}
	return out, d.warns.Sort()
}

var idRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// blockID returns the block's id: the spec's `id`, checked, else the caller's.
// It is kept as d.id.
func (d *doc) blockID(p *toml.Primitive, fallback string) string {
	d.id = fallback
	id := d.str(p, "id")
	if id == "" {
		return fallback
	}
	if !idRe.MatchString(id) || len(id) > 64 {
		d.errorf([]string{"id"}, `use letters, digits, "-" and "_", starting with a letter, e.g. "top-banks"`, "id %q is not a valid id", id)
		return fallback
	}
	d.id = id
	return id
}

// selectFields are the keys that choose and shape a block's rows, and join
// them with the previous edition's.
type selectFields struct {
	Data      *toml.Primitive `toml:"data"`
	Join      *toml.Primitive `toml:"join"`
	On        *toml.Primitive `toml:"on"`
	Where     *toml.Primitive `toml:"where"`
	Compute   *toml.Primitive `toml:"compute"`
	Group     *toml.Primitive `toml:"group"`
	Aggregate *toml.Primitive `toml:"aggregate"`
	After     *toml.Primitive `toml:"after_group"`
	Sort      *toml.Primitive `toml:"sort"`
	Limit     *toml.Primitive `toml:"limit"`
	Compare   *toml.Primitive `toml:"compare"`
	Key       *toml.Primitive `toml:"key"`
	SQL       *toml.Primitive `toml:"sql"`
	Plan      *toml.Primitive `toml:"plan"`
}

// selection is a decoded selectFields: a dataset name and a query.
type selection struct {
	path []string // key path prefix: nil at the top, ["card#1"] in a card
	data string
	sql  string // replaces data and the query keys but sort and limit
	// join names a dataset whose columns are added to each row, matched
	// on the on columns; other is that dataset once loaded.
	join  string
	on    []string
	other *dataset.Table
	q     query.Spec
	// compare is set by compare = "previous", "year" or "plan"; against
	// is that value and names the columns it adds; plan is the plan
	// dataset; key is the block's key.
	compare bool
	against string
	names   compare.Names
	plan    string
	key     []string
	// cmp is the comparison's result once loaded; missing is set when the
	// previous edition lacks the dataset.
	cmp     *compare.Result
	missing bool
	// format is the number format the value a selection picks is known to
	// read in (a share's percent), once its rows are loaded.
	format string
}

// at prefixes a key with the selection's section.
func (s *selection) at(key ...string) []string {
	return append(slices.Clone(s.path), key...)
}

// selection decodes the row-selecting keys. defaultData is used when the
// section writes no data key (a KPI card under a block-level data).
func (d *doc) selection(f *selectFields, path []string, defaultData string) *selection {
	s := &selection{path: path}
	s.data = d.str(f.Data, s.at("data")...)
	if f.Data == nil {
		s.data = defaultData
	}
	s.join = d.str(f.Join, s.at("join")...)
	s.on = d.strs(f.On, s.at("on")...)
	if f.On != nil && f.Join == nil {
		d.errorf(s.at("on"), `add join = "dataset"`, "on names the columns to join on, so it needs join")
	}
	s.q.Where = d.str(f.Where, s.at("where")...)
	s.q.Compute = d.strMap(f.Compute, `compute = { avg_likes = "likes / posts" }`, s.at("compute")...)
	s.q.Group = d.strs(f.Group, s.at("group")...)
	s.q.Aggregate = d.strMap(f.Aggregate, `aggregate = { followers = "sum" }`, s.at("aggregate")...)
	for _, col := range slices.Sorted(maps.Keys(s.q.Aggregate)) {
		if e := query.AggregateError("aggregate."+col, s.q.Aggregate[col]); e != nil {
			d.errorf(s.at("aggregate", col), e.Hint, "%s", e.Msg) // the query says it again when it runs: one is kept
		}
	}
	s.q.AfterGroup = d.strMap(f.After, `after_group = { margin = "gross / revenue" }`, s.at("after_group")...)
	s.q.Sort = d.strs(f.Sort, s.at("sort")...)
	s.q.Limit, _ = d.integer(f.Limit, s.at("limit")...)
	if f.Compare != nil {
		d.against(s, d.str(f.Compare, s.at("compare")...))
	}
	s.plan = d.str(f.Plan, s.at("plan")...)
	d.checkPlan(f, s)
	s.key = d.strs(f.Key, s.at("key")...)
	s.sql = strings.TrimSpace(d.str(f.SQL, s.at("sql")...))
	if f.SQL != nil && s.sql == "" && !slices.Contains(d.failed, d.metaKey(s.at("sql"))) {
		d.errorf(s.at("sql"), `write sql = "SELECT … FROM dataset"`, "sql is empty")
	}
	if s.sql != "" {
		s.data = ""
	}
	d.sqlExclusive(f, s)
	if f.Key != nil && !s.compare {
		d.errorf(s.at("key"), `add compare = "previous", or remove key`, "key is used only to compare")
	}
	return s
}

// ref is a column a block names, with the key that names it.
type ref struct {
	col  string
	path []string
}

// load resolves the selection's dataset, checks the columns the block names
// (refs) and runs the query. It returns nil after recording any problem.
func (d *doc) load(s *selection, refs []ref) *dataset.Table {
	if s.sql != "" {
		return d.loadSQL(s, refs)
	}
	if s.data == "" {
		d.errorf(s.at("data"), `name the dataset: data = "accounts"`, "missing data (the dataset to draw from)")
		return nil
	}
	if d.env.Lookup == nil {
		d.errorf(s.at("data"), "", "unknown dataset %q", s.data)
		return nil
	}
	src, err := d.env.Lookup(s.data)
	if err != nil {
		d.lookupError(s, err)
		return nil
	}
	if s.join != "" {
		if src = d.joined(s, src); src == nil {
			return nil
		}
	}
	return d.shape(s, src, refs)
}

// shape checks the columns the block names (refs) against the selection's
// source table and runs the query and any comparison. It returns nil after
// recording any problem.
func (d *doc) shape(s *selection, src *dataset.Table, refs []ref) *dataset.Table {
	// Columns the block may name before the query: the dataset's and the
	// computed ones.
	known := src.Names()
	for _, k := range append(slices.Sorted(maps.Keys(s.q.Compute)), slices.Sorted(maps.Keys(s.q.AfterGroup))...) {
		if !slices.Contains(known, k) {
			known = append(known, k)
		}
	}
	if s.compare {
		known = append(known, s.names.Columns(known)...)
	}
	ok := true
	for _, r := range refs {
		if r.col == "" || slices.Contains(known, r.col) {
			continue
		}
		hint := diag.ColumnHint(r.col, slices.DeleteFunc(slices.Clone(known), func(c string) bool { return c == computedColumn }))
		d.errorf(r.path, hint, "%s has no column %q", s.source(), r.col)
		ok = false
	}
	var (
		out *dataset.Table
		err error
	)
	if s.compare {
		out, err = d.compareRun(s, src)
	} else {
		out, err = query.Run(src, s.q)
	}
	if err != nil {
		d.queryErrors(s, known, err)
		return nil
	}
	if out == nil {
		return nil
	}
	if !ok {
		return nil
	}
	// Grouping keeps only the group and aggregated columns.
	for _, r := range refs {
		if r.col == "" || out.Column(r.col) != nil {
			continue
		}
		d.errorf(r.path, fmt.Sprintf("group by it, or aggregate it: aggregate = { %s = \"sum\" }", r.col),
			"column %q is not in the grouped rows", r.col)
		ok = false
	}
	if !ok {
		return nil
	}
	return out
}

// lookupError reports a failed dataset lookup: a problem inside a dataset
// file as it is, anything else at the data key.
func (d *doc) lookupError(s *selection, err error) {
	var list diag.List
	if errors.As(err, &list) && len(list) > 0 && list[0].Pos.File != "" {
		d.errs = append(d.errs, list...)
		return
	}
	var e *diag.Error
	if errors.As(err, &e) {
		if e.Pos.File != "" {
			d.errs = append(d.errs, e)
			return
		}
		d.errorf(s.at("data"), e.Hint, "%s", e.Msg)
		return
	}
	d.errorf(s.at("data"), "", "%v", err)
}

// queryErrors reports the query's problems at the lines of their keys. A
// column the query cannot find reads like the block's own column errors.
func (d *doc) queryErrors(s *selection, known []string, err error) {
	var qe query.Errors
	if !errors.As(err, &qe) {
		var one *query.Error
		if !errors.As(err, &one) {
			d.errorf(s.at(), "", "%v", err)
			return
		}
		qe = query.Errors{one}
	}
	for _, e := range qe {
		path := s.at(strings.SplitN(e.Key, ".", 2)...)
		msg, hint := e.Msg, e.Hint
		if rest, ok := strings.CutPrefix(msg, e.Key+": no column "); ok {
			if name, err := strconv.Unquote(rest); err == nil {
				_, computed := s.q.Compute[name]
				switch {
				case e.Key == "where" && computed:
					msg = fmt.Sprintf("where cannot use %q: compute adds it after where has chosen the rows", name)
					hint = fmt.Sprintf("write its expression into where itself: (%s)", s.q.Compute[name])
				case e.Key == "where" && s.compare && s.isCompareColumn(name):
					msg = fmt.Sprintf("where cannot use %q: the comparison adds it after where has chosen the rows", name)
					hint = "sort by it instead, e.g. sort = \"-" + name + "\", with a limit"
				case s.compare && s.isCompareColumn(name):
					step, _, _ := strings.Cut(e.Key, ".")
					msg = fmt.Sprintf("%s cannot use %q: the comparison adds it after %s has run", step, name, step)
					hint = "name it in columns, y or sort, which come after the comparison"
				case slices.Contains(known, name):
					msg = fmt.Sprintf("column %q is not in the grouped rows", name)
					if hint == "" {
						hint = "sort and name only group and aggregated columns after group"
					}
				default:
					msg = fmt.Sprintf("%s has no column %q", s.source(), name)
					if hint == "" {
						hint = diag.ColumnHint(name, slices.DeleteFunc(slices.Clone(known), func(c string) bool { return c == computedColumn }))
					}
				}
			}
		}
		if hint == "" && d.spots != nil && strings.HasPrefix(msg, "dataset ") {
			hint = "its columns: " + list(slices.DeleteFunc(slices.Clone(known), func(c string) bool { return c == computedColumn }), 12)
		}
		d.errorf(path, hint, "%s", msg)
	}
}
