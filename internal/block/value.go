package block

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/compare"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Value is an inline value resolved for a sentence.
type Value struct {
	// Text is the value as the reader sees it (plain text, to be escaped).
	Text string
	// Num is the number before formatting; Numeric says there is one (not
	// text, not an empty cell).
	Num     float64
	Numeric bool
}

// Values resolves the inline values of one page: {{ … }} in its markdown,
// title and summary. Inline values are blocks written into a sentence: the
// same dataset lookup, query, comparison with the previous edition and
// number formats as tables and KPI cards.
type Values struct {
	env  *Env
	defs map[string]Def
	// memo holds the rows of each selection resolved so far: the values of
	// a page mostly share a few (one dataset compared in one order).
	memo map[string]*dataset.Table
}

// NewValues returns the resolver of a page's values; defs are its named
// values (the page's own first: a later definition of a name is ignored).
func NewValues(env *Env, defs []Def) *Values {
	v := &Values{env: env, defs: map[string]Def{}, memo: map[string]*dataset.Table{}}
	for _, d := range defs {
		if _, ok := v.defs[d.Name]; !ok {
			v.defs[d.Name] = d
		}
	}
	return v
}

// Resolve resolves the expression of {{ expr }} written at pos (its first
// character). abs drops the sign: words such as {上升|下降} say it. On error
// the list holds every problem, positioned in the markdown (or at the named
// value's definition); otherwise it holds any warnings (a previous edition
// without the dataset).
func (v *Values) Resolve(expr string, pos diag.Pos, abs bool) (Value, diag.List) {
	e, perr := parseValue(expr, pos)
	if perr != nil {
		return Value{}, diag.List{perr}
	}
	if err := v.expand(e, nil); err != nil {
		return Value{}, diag.List{err}
	}
	d := &doc{env: v.env, kind: "value", start: pos, spots: map[string]diag.Pos{}, memo: v.memo}
	for k, p := range map[string]part{"data": e.source, "where": e.where, "sort": e.by, "compare": e.column, "key": e.row, "aggregate": e.agg, "value": e.column, "compute": e.column, "plan": e.plan} {
		if p.pos.Line != 0 {
			d.spots[k] = p.pos
		}
	}
	out := d.inlineValue(e, abs)
	if len(d.errs) > 0 {
		if e.def != "" {
			for _, err := range d.errs {
				if err.Pos != pos {
					err.Msg += fmt.Sprintf(" (in {{ %s }} at %s)", expr, pos)
				}
			}
		}
		return Value{}, d.errs.Sort()
	}
	for _, w := range d.warns {
		w.Msg = strings.Replace(w.Msg, "value: ", "value: "+expr+": ", 1)
	}
	return out, d.warns.Sort()
}

// expand replaces a named value in the source position by its definition,
// merged with what the use adds (a column, a condition, filters).
func (v *Values) expand(e *valueExpr, seen []string) *diag.Error {
	def, ok := v.defs[e.source.text]
	if !ok {
		return nil
	}
	if slices.Contains(seen, def.Name) {
		return &diag.Error{Pos: def.Pos, Msg: fmt.Sprintf("value: %s is defined by itself (%s)", def.Name, strings.Join(append(seen, def.Name), " → ")),
			Hint: "define each named value from a dataset"}
	}
	d, err := parseValue(def.Expr, def.Pos)
	if err != nil {
		return err
	}
	if err := v.expand(d, append(seen, def.Name)); err != nil {
		return err
	}
	clash := func(p part, what string) *diag.Error {
		return &diag.Error{Pos: p.pos, Msg: fmt.Sprintf("value: %s already has %s (defined at %s)", def.Name, what, def.Pos),
			Hint: fmt.Sprintf("write {{ %s }} alone, or define it without %s", def.Name, what)}
	}
	switch {
	case e.agg.text != "" && d.agg.text != "":
		return clash(e.agg, "an aggregate")
	case e.row.text != "" && d.row.text != "":
		return clash(e.row, "a row")
	case e.column.text != "" && d.column.text != "":
		return clash(e.column, "a column")
	case e.by.text != "" && d.by.text != "":
		return clash(e.by, "an order (by)")
	}
	if e.agg.text == "" {
		e.agg = d.agg
	}
	if e.row.text == "" {
		e.row = d.row
	}
	if e.column.text == "" {
		e.column = d.column
	}
	if e.by.text == "" {
		e.by = d.by
	}
	if e.plan.text == "" {
		e.plan = d.plan
	}
	switch {
	case d.where.text != "" && e.where.text != "":
		e.where = part{"(" + d.where.text + ") && (" + e.where.text + ")", e.where.pos}
	case d.where.text != "":
		e.where = d.where
	}
	e.filters = append(slices.Clone(d.filters), e.filters...)
	e.source = d.source
	e.def = def.Name
	return nil
}

// computedColumn names the column computed by an expression in
// parentheses.
const computedColumn = "value_"

// spot returns the position of the part of an inline value that a key path
// names.
func (d *doc) spot(path []string) diag.Pos {
	if len(path) > 0 {
		if p, ok := d.spots[path[len(path)-1]]; ok {
			return p
		}
	}
	return d.start
}

// comparison is a kind of comparison an inline value can ask for by the
// column it names.
type comparison struct {
	// compare is the block's compare value that runs it.
	compare string
	// suffixes and columns are the names it adds.
	suffixes []string
	columns  []string
}

// comparisons lists the comparisons inline values know: with the previous
// edition, with the edition a year earlier and with a plan dataset (named by
// against), each asked for by the columns it adds.
var comparisons = []comparison{
	comparisonFor(againstPrevious, compare.Previous),
	comparisonFor(againstYear, compare.YearAgo),
	comparisonFor(againstPlan, compare.Plan),
}

func comparisonFor(against string, n compare.Names) comparison {
	c := comparison{compare: against, suffixes: []string{n.Prev, n.Delta, n.Change}}
	for _, col := range []string{n.RankPrev, n.RankDelta, n.IsNew} {
		if col != "" {
			c.columns = append(c.columns, col)
		}
	}
	return c
}

// comparisonOf returns the comparison a column asks for and the column it
// compares ("" for a rank or is_new), or ok false for a plain column. The
// longest suffix wins: followers_yoy_delta is a year-ago delta, not a
// previous-edition delta of followers_yoy.
func comparisonOf(col string) (c comparison, base, suffix string, ok bool) {
	for _, cand := range comparisons {
		if slices.Contains(cand.columns, col) {
			return cand, "", "", true
		}
		for _, s := range cand.suffixes {
			if b, found := strings.CutSuffix(col, s); found && b != "" && len(s) > len(suffix) {
				c, base, suffix, ok = cand, b, s, true
			}
		}
	}
	return c, base, suffix, ok
}

// names returns the columns the comparison adds.
func (c comparison) names() compare.Names {
	switch c.compare {
	case againstYear:
		return compare.YearAgo
	case againstPlan:
		return compare.Plan
	}
	return compare.Previous
}

// what says what the comparison compares with, for messages.
func (c comparison) what() string {
	switch c.compare {
	case againstYear:
		return "the edition a year earlier"
	case againstPlan:
		return "the plan"
	}
	return "the previous edition"
}

// filters are the inline value's filters read: a number format (the last
// one named wins), and the words and ordinals.
type filters struct {
	format  string
	set     bool
	abs     bool
	ordinal bool
	trend   bool
}

// valueFilters lists the filters that are not number formats.
var valueFilters = []string{"abs", "ordinal", "trend"}

func (d *doc) filters(e *valueExpr) filters {
	var f filters
	for _, p := range e.filters {
		switch p.text {
		case "abs":
			f.abs = true
		case "ordinal":
			f.ordinal = true
		case "trend":
			f.trend = true
		default:
			if err := numfmt.Validate(p.text); err != nil {
				hint := diag.DidYouMean(p.text, append(slices.Clone(numfmt.Formats), valueFilters...))
				if hint == "" {
					hint = "formats: " + strings.Join(numfmt.Formats, ", ") + "; and abs, ordinal, trend"
				}
				d.errs = append(d.errs, &diag.Error{Pos: p.pos, Msg: fmt.Sprintf("value: unknown format %q", p.text), Hint: hint})
				continue
			}
			f.format, f.set = p.text, true
		}
	}
	return f
}

// inlineValue resolves a parsed expression.
func (d *doc) inlineValue(e *valueExpr, abs bool) Value {
	s := &selection{data: e.source.text}
	f := d.filters(e)
	f.abs = f.abs || abs
	col := e.column.text
	if expr, ok := strings.CutPrefix(col, "("); ok {
		// A column computed for the value: accounts[网商银行].(likes / posts).
		s.q.Compute = map[string]string{computedColumn: strings.TrimSuffix(expr, ")")}
		col = computedColumn
	}
	cmp, base, suffix, compared := comparisonOf(col)
	if e.agg.text != "" && compared && base == "" {
		d.errorf([]string{"value"}, "an aggregate compares a column: sum accounts.followers_change", "%s cannot be aggregated", col)
		return Value{}
	}
	s.q.Where = e.where.text
	if e.by.text != "" {
		s.q.Sort = strings.FieldsFunc(e.by.text, func(r rune) bool { return r == ',' || r == ' ' })
	}
	switch {
	case compared && cmp.compare == againstPlan && e.plan.text == "":
		d.errorf([]string{"value"}, fmt.Sprintf("name the plan dataset: {{ %s … against targets }}", e.source.text),
			"%s compares with a plan, and the value names none", col)
	case e.plan.text != "" && (!compared || cmp.compare != againstPlan):
		d.errorf([]string{"plan"}, "name a plan column: revenue_plan, revenue_vs_plan or revenue_attainment",
			"against %s names a plan, but %s is not a plan column", e.plan.text, col)
	case compared && cmp.compare != againstPlan && d.env.Previous == nil:
		d.errorf([]string{"value"}, "move the sentence into an edition, or name a column without "+strings.TrimPrefix(col, base),
			"%s compares with %s, on edition pages only", col, cmp.what())
	}
	s.plan = e.plan.text
	if len(d.errs) > 0 {
		return Value{}
	}
	var num float64
	var ok bool
	var text string
	if e.agg.text != "" {
		num, ok, text = d.aggregateValue(e, s, col, base, suffix, cmp, compared)
	} else {
		if compared {
			s.compare, s.against, s.names = true, cmp.compare, cmp.names()
		}
		text, num, ok = d.cell(e, s, col)
	}
	if len(d.errs) > 0 {
		return Value{}
	}
	if !ok {
		if text == "" {
			text = "—" // nothing to compare with, or no value to aggregate
		}
		return Value{Text: text}
	}
	if !f.set && s.format != "" {
		f.format = s.format
	}
	return Value{Text: d.formatValue(num, col, suffix, cmp.names(), f), Num: num, Numeric: true}
}

// formatValue writes a number with the value's filters; a change reads
// signed by default, as in tables.
func (d *doc) formatValue(v float64, col, suffix string, n compare.Names, f filters) string {
	lang := d.env.Lang
	switch {
	case f.trend:
		return trendWord(v, lang)
	case f.ordinal:
		return locale.Of(lang).Ordinal(int(math.Round(v)))
	}
	format := f.format
	if !f.set {
		switch {
		case suffix != "" && suffix == n.Change && n.Ratio:
			format = "percent" // attainment: a share of the plan, not a move
		case suffix != "" && suffix == n.Change:
			format = "signed-percent"
		case suffix != "" && suffix == n.Delta || col == n.RankDelta:
			format = "signed"
		}
	}
	if f.abs {
		v = math.Abs(v)
		format = strings.TrimPrefix(format, "signed-")
		if format == "signed" {
			format = ""
		}
	}
	return numfmt.Format(v, format, lang)
}

// cell picks one cell: the row by key, position or condition, then the
// column. ok is false for text (returned as text) or an empty cell.
func (d *doc) cell(e *valueExpr, s *selection, col string) (text string, num float64, ok bool) {
	if col == "" {
		d.errorf([]string{"data"}, fmt.Sprintf("write %s[key].column", e.source.text), "no column named")
		return "", 0, false
	}
	rank := col == compare.Rank || col == s.names.RankPrev && s.compare || col == s.names.RankDelta && s.compare
	if rank && len(s.q.Sort) == 0 {
		d.errorf([]string{"value"}, "add the order it ranks by: by -followers", "%s needs an order", col)
		return "", 0, false
	}
	refs := []ref{{col, []string{"value"}}}
	if col == compare.Rank && !s.compare {
		refs = nil
	}
	t := d.loadMemo(s, refs)
	if t == nil {
		return "", 0, false
	}
	var ranks []int
	if col == compare.Rank && !s.compare {
		var err error
		if ranks, err = query.Rank(t, s.q.Sort); err != nil {
			d.queryErrors(s, t.Names(), err)
			return "", 0, false
		}
	}
	row := d.pickRow(e, s, t)
	if row < 0 {
		return "", 0, false
	}
	if ranks != nil {
		return "", float64(ranks[row]), true
	}
	c := t.Column(col)
	if c.IsNull(row) {
		return "—", 0, false
	}
	if c.Type.Numeric() {
		s.format = ownFormat(c, "")
		return "", c.Num[row], true
	}
	return c.Text(row), 0, false
}

// loadMemo is load, remembering the rows of a selection for the page's
// other values. A remembered table serves a value whose columns it has.
func (d *doc) loadMemo(s *selection, refs []ref) *dataset.Table {
	key := fmt.Sprintf("%s\x00%s\x00%q\x00%q\x00%s\x00%s", s.data, s.q.Where, s.q.Sort, s.q.Compute, s.against, s.plan)
	if t, ok := d.memo[key]; ok && !slices.ContainsFunc(refs, func(r ref) bool { return t.Column(r.col) == nil }) {
		return t
	}
	t := d.load(s, refs)
	if t != nil && len(d.errs) == 0 && len(d.warns) == 0 {
		d.memo[key] = t
	}
	return t
}

// pickRow finds the one row a value names.
func (d *doc) pickRow(e *valueExpr, s *selection, t *dataset.Table) int {
	sorted := len(s.q.Sort) > 0
	if n, isPos := strings.CutPrefix(e.row.text, "#"); isPos {
		i, err := strconv.Atoi(n)
		switch {
		case err != nil || i < 1:
			d.errorf([]string{"key"}, "write #1 for the first row", "%q is not a row number", e.row.text)
		case !sorted:
			d.errorf([]string{"key"}, "add the order: by -followers", "row %s needs an order", e.row.text)
		case i > t.Len():
			d.errorf([]string{"key"}, "", "%s has only %d rows", s.data, t.Len())
		default:
			return i - 1
		}
		return -1
	}
	if e.row.text != "" {
		return d.rowByKey(e, s, t)
	}
	switch {
	case t.Len() == 0:
		d.errorf([]string{"where"}, "check the condition against the data", "no row of %s matches where %s", s.data, s.q.Where)
	case t.Len() == 1 || sorted:
		return 0
	case s.q.Where != "":
		d.errorf([]string{"where"}, "narrow the condition, or add by … to take the first row in that order",
			"where %s matches %d rows of %s, not one", s.q.Where, t.Len(), s.data)
	default:
		d.errorf([]string{"data"}, fmt.Sprintf("name the row: %s[key], where …, or by … for the first in an order", s.data),
			"%s has %d rows; which one?", s.data, t.Len())
	}
	return -1
}

// rowByKey finds the row whose key is the value's [row]: one column's
// value, or for a key of several columns their values in order, separated
// by commas (sales[N, 冰箱]).
func (d *doc) rowByKey(e *valueExpr, s *selection, t *dataset.Table) int {
	var key []string
	if d.env.Key != nil {
		key = d.env.Key(s.data)
	}
	if len(key) == 0 {
		d.errorf([]string{"key"}, fmt.Sprintf("declare key = \"…\" under [datasets.%s] in site.toml, or pick the row with where", s.data),
			"dataset %q has no key column to find %q in", s.data, e.row.text)
		return -1
	}
	want := []string{e.row.text}
	if len(key) > 1 {
		want = keyParts(e.row.text)
		if len(want) != len(key) {
			d.errorf([]string{"key"}, fmt.Sprintf("write %s[%s], a value for each key column, separated by commas", s.data, strings.Join(key, ", ")),
				"the key of %s is %d columns (%s); %q gives %d", s.data, len(key), strings.Join(key, ", "), e.row.text, len(want))
			return -1
		}
	}
	cols := make([]*dataset.Column, len(key))
	for j, k := range key {
		if cols[j] = t.Column(k); cols[j] == nil {
			d.errorf([]string{"key"}, "", "the rows have no key column %q", k)
			return -1
		}
	}
	keys := make([]string, t.Len())
	for i := range t.Len() {
		match := true
		parts := make([]string, len(cols))
		for j, c := range cols {
			parts[j] = c.Text(i)
			match = match && parts[j] == want[j]
		}
		if match {
			return i
		}
		keys[i] = strings.Join(parts, ", ")
		if len(parts) > 1 {
			keys[i] = "[" + keys[i] + "]"
		}
	}
	where := ""
	if s.q.Where != "" {
		where = " where " + s.q.Where
	}
	hint := diag.DidYouMean(strings.Join(want, ", "), keys)
	switch {
	case hint != "":
	case len(keys) > 0:
		hint = "keys: " + list(keys, 8)
	case where != "":
		hint = "no row is left after where: check the condition against the data"
	default:
		hint = "the dataset has no rows yet: fill in its file"
	}
	d.errorf([]string{"key"}, hint, "%s has no row with %s %q%s", s.data, strings.Join(key, ", "), e.row.text, where)
	return -1
}

// keyParts splits the values of a key of several columns at commas outside
// quotes, each trimmed and unquoted: N, "a, b" is N and a, b.
func keyParts(text string) []string {
	var out []string
	for _, p := range splitTop(text, ',') {
		v := strings.TrimSpace(p.text)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		out = append(out, v)
	}
	return out
}

// aggregateValue reduces a column over the chosen rows; with a comparison
// suffix it compares the aggregate with the same aggregate over the previous
// edition's data, as a KPI card does.
// A date's minimum, maximum or median is written as a date (text).
func (d *doc) aggregateValue(e *valueExpr, s *selection, col, base, suffix string, cmp comparison, compared bool) (float64, bool, string) {
	if compared {
		col = base
	}
	if col == "" && e.agg.text != "count" {
		d.errorf([]string{"aggregate"}, fmt.Sprintf("write %s %s.column", e.agg.text, e.source.text), "%s needs a column", e.agg.text)
		return 0, false, ""
	}
	t := d.loadMemo(s, []ref{{col, []string{"value"}}})
	if t == nil {
		return 0, false, ""
	}
	cur, ok := d.reduce(t, col, e.agg.text)
	if c := t.Column(col); ok && c != nil && c.Type == dataset.Date && e.agg.text != "count" {
		if compared {
			d.errorf([]string{"value"}, "compare a number column", "%s is a date: it has no %s", col, strings.TrimPrefix(suffix, "_"))
			return 0, false, ""
		}
		return 0, false, time.UnixMilli(int64(cur)).UTC().Format("2006-01-02")
	}
	if !ok || !compared {
		s.format = ownFormat(t.Column(col), e.agg.text)
		return cur, ok, ""
	}
	s.against = cmp.compare
	prevData, _, found := d.baseline(s)
	if !found || prevData == nil {
		return 0, false, ""
	}
	pt, err := query.Run(prevData, s.q)
	if err != nil {
		d.errorf([]string{"data"}, "", "%s's %s: %v", cmp.what(), s.data, err)
		return 0, false, ""
	}
	before, ok := d.reduce(pt, col, e.agg.text)
	if !ok {
		return 0, false, ""
	}
	delta, change, okChange := compare.Change(cur, before)
	if cmp.names().Ratio {
		change, okChange = cur/before, before != 0
	}
	switch suffix {
	case cmp.names().Prev:
		return before, true, ""
	case cmp.names().Delta:
		return delta, true, ""
	}
	return change, okChange, ""
}

// reduce applies an aggregate to a column; count without a column counts
// rows.
func (d *doc) reduce(t *dataset.Table, col, fn string) (float64, bool) {
	if col == "" {
		return float64(t.Len()), true
	}
	v, ok, err := query.Aggregate(t.Column(col), fn)
	if err != nil {
		var qe *query.Error
		if errors.As(err, &qe) {
			d.errorf([]string{"aggregate"}, qe.Hint, "%s", qe.Msg)
		} else {
			d.errorf([]string{"aggregate"}, "", "%v", err)
		}
		return 0, false
	}
	return v, ok
}

// list shows the first n names of a list, and how many more there are.
func list(names []string, n int) string {
	return diag.Names(names, n)
}

// trendWord says which way a number went, in the site language.
func trendWord(v float64, lang string) string {
	switch {
	case v > 0:
		return word(lang, locale.Rose)
	case v < 0:
		return word(lang, locale.Fell)
	}
	return word(lang, locale.WasUnchanged)
}
