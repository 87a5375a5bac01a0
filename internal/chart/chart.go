// Package chart turns a chart block's spec and its already-queried table into
// an ECharts option, built with go-echarts and emitted as pure JSON, plus the
// plotted data as a display table and CSV.
//
// The option never holds JavaScript. Number formats are named in formatter
// strings that start with "bs:" and assets/js/charts.js turns them into
// functions in the browser:
//
//	"bs:FMT"                value formatter (axis labels, value labels, tooltip valueFormatter)
//	"bs:pie:FMT"            pie label or tooltip: name, value and percent
//	"bs:point:FX,FY[,FS]"   scatter tooltip: point name, then each dimension with its format
//	"bs:named:FMT"          name and value: reference lines, treemap tiles
//	"bs:ratio:FMT:BASE"     funnel: name, value and its share of BASE (the first stage)
//	"bs:step:FMT"           waterfall: a step's signed change (the item's "step"), or a total
//	"bs:cell:FMT"           heatmap: the value of a cell (the last of [x, y, value])
//
// FMT is a numfmt format name; the empty name is the default format.
//
// go-echarts' Render and RenderSnippet are never used: they put option text
// into a page unescaped. The option is marshalled with encoding/json, which
// escapes <, > and & so that no dataset text can end a script element.
package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Types lists the chart types a spec may name.
var Types = []string{"bar", "line", "area", "pie", "donut", "scatter", "bubble",
	"funnel", "waterfall", "heatmap", "treemap", "radar"}

// Palette is the one set of series colours every chart uses, in order.
var Palette = []string{
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
	"#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
}

// Bubble symbol sizes in px: the largest value gets maxSymbol, and the area of
// a symbol is proportional to its value, but no symbol is smaller than minSymbol.
const (
	minSymbol = 8
	maxSymbol = 48
)

// describeMax is how many data points the generated description names.
const describeMax = 10

// Spec is what a chart block says about the drawing: its type, the columns it
// plots and how it is labelled. Selecting and shaping rows (where, sort, group,
// …) happens before Build, in the query package.
type Spec struct {
	// Type is one of Types.
	Type string
	// X is the column of categories (bar, line, area), slice names (pie,
	// donut) or horizontal values (scatter, bubble). A date column gives line
	// and area charts a time axis.
	X string
	// Y holds the value columns: one series each, unless Series is set.
	Y []string
	// Series names a column of long data whose values split the rows into
	// one series each; Y must then hold a single column.
	Series string
	// Size is the column that sizes bubbles (bubble; makes a scatter a bubble chart).
	Size string
	// Name is the column that names scatter and bubble points.
	Name string
	// Horizontal draws bars sideways with the first row on top (rankings).
	Horizontal bool
	// Stack stacks the series of a bar, line or area chart.
	Stack bool
	// Labels writes each value next to its bar, point or slice.
	Labels bool
	// Legend forces the legend on or off; nil shows it when there are several
	// series, and for pie and donut charts.
	Legend *bool
	// Title, Subtitle and Caption describe the chart (shown by the page around
	// the drawing; also kept in the option, hidden).
	Title, Subtitle, Caption string
	// XName and YName name the axes: XName the axis of X, YName the value axis
	// (the vertical one, or the horizontal one of horizontal bars).
	XName, YName string
	// Names maps columns to the names readers see (legend, tooltips, data table).
	Names map[string]string
	// Formats maps columns to numfmt formats.
	Formats map[string]string
	// Lang is the site language ("zh-CN", "zh-TW", "en-GB", …): number words,
	// the colours of rises and falls, and the description.
	Lang string

	// Y2 holds value columns drawn as lines on a second value axis, on the
	// right (bar, line and area charts); Y2Name names that axis.
	Y2     []string
	Y2Name string
	// Value is the heatmap's column of numbers (X and Y[0] are its two
	// columns of categories).
	Value string
	// Refs are reference lines and bands drawn across a bar, line or area chart.
	Refs []Ref
	// Start is the level a waterfall starts from: a number, or the sum of a
	// column (StartColumn). StartName and EndName name its first and last bars.
	Start       *float64
	StartColumn string
	StartName   string
	EndName     string
	// Facet splits a bar, line or area chart into small multiples: one chart
	// per value of this column, sharing their axes.
	Facet string
	// Colors gives what is drawn for a category or series name a colour of
	// its own, in every chart ("招商银行" → "#c8102e").
	Colors Colors
}

// Chart is a built chart.
type Chart struct {
	// Option is the ECharts option as a JSON object.
	Option map[string]any
	// JSON is Option marshalled, with <, > and & escaped (\u003c …), safe to
	// place inside <script type="application/json">.
	JSON []byte
	// Description is the generated sentence that sums the chart up for screen
	// readers (also in the option as aria.label.description).
	Description string
	// Data is the plotted data as a display table.
	Data *Table
	// CSV is Data as CSV bytes (see Table.CSV).
	CSV []byte
	// Height is the height in px the drawing needs (small multiples: a row
	// of charts each), or 0 for the block's height.
	Height int
}

// Error is a problem with a chart spec or with the fit between the chart and
// its data. Key names the spec key it concerns ("type", "x", "y", "series",
// "size", "name", "horizontal", "stack", "data" for a lack of rows), so that
// the caller can point at its line.
type Error = diag.KeyError

// Errors is every problem Build found.
type Errors = diag.KeyErrors

// addf appends a problem with a formatted message.
func addf(es *Errors, key, hint, format string, args ...any) {
	es.Add(key, hint, fmt.Sprintf(format, args...))
}

// builder carries one Build.
type builder struct {
	s    *Spec
	t    *dataset.Table
	errs Errors
	x    *dataset.Column
	ys   []*dataset.Column
	size *dataset.Column
	name *dataset.Column
	// height is the drawing's height in px when the chart needs its own
	// (small multiples), else 0.
	height int
}

// Build checks that the spec fits the table and builds the chart. The error,
// when not nil, is an Errors listing every problem found.
func Build(s *Spec, t *dataset.Table) (*Chart, error) {
	b := &builder{s: s, t: t}
	b.check()
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	var (
		option map[string]any
		desc   string
		err    error
	)
	switch s.Type {
	case "bar", "line", "area":
		if s.Facet != "" {
			option, desc, err = b.facets()
		} else {
			option, desc, err = b.cartesian()
		}
	case "pie", "donut":
		option, desc, err = b.pie()
	case "scatter", "bubble":
		option, desc, err = b.scatter()
	case "funnel":
		option, desc, err = b.funnel()
	case "waterfall":
		option, desc, err = b.waterfall()
	case "heatmap":
		option, desc, err = b.heatmap()
	case "treemap":
		option, desc, err = b.treemap()
	case "radar":
		option, desc, err = b.radar()
	}
	if err != nil {
		return nil, err
	}
	b.applyColors(option)
	js, err := marshal(option)
	if err != nil {
		return nil, err
	}
	data := TableOf(t, b.plotted(), s.Names, s.Formats, s.Lang)
	return &Chart{Option: option, JSON: js, Description: desc, Data: data, CSV: data.CSV(), Height: b.height}, nil
}

// plotted lists the columns the chart draws, in reading order.
func (b *builder) plotted() []string {
	var cols []string
	add := func(name string) {
		if name != "" && !slices.Contains(cols, name) {
			cols = append(cols, name)
		}
	}
	add(b.s.Facet)
	add(b.s.Name)
	add(b.s.X)
	add(b.s.Series)
	for _, y := range b.s.Y {
		add(y)
	}
	for _, y := range b.s.Y2 {
		add(y)
	}
	add(b.s.Value)
	add(b.s.StartColumn)
	for _, r := range b.s.Refs {
		add(r.Column)
	}
	add(b.s.Size)
	return cols
}

// TypeError returns the problem with a chart type that is not one of
// Types, or nil: it needs no data, so a block reports it beside the rest.
func TypeError(t string) *Error {
	if slices.Contains(Types, t) {
		return nil
	}
	hint := "use one of " + strings.Join(Types, ", ")
	if t == "" {
		return &Error{Key: "type", Hint: hint, Msg: "missing chart type"}
	}
	if c := diag.Closest(t, Types); c != "" {
		hint = fmt.Sprintf("did you mean %q?", c)
	}
	return &Error{Key: "type", Hint: hint, Msg: fmt.Sprintf("unknown chart type %q", t)}
}

// check validates the spec against the table: required keys, columns that
// exist, types that fit the chart.
func (b *builder) check() {
	s := b.s
	if e := TypeError(s.Type); e != nil {
		b.errs = append(b.errs, e)
		return
	}
	b.x = b.column("x", s.X)
	for _, y := range s.Y {
		if y == "" {
			addf(&b.errs, "y", "", "y names an empty column")
		}
		b.ys = append(b.ys, b.column("y", y))
	}
	var series *dataset.Column
	if s.Series != "" {
		series = b.column("series", s.Series)
	}
	if s.Size != "" {
		b.size = b.column("size", s.Size)
	}
	if s.Name != "" {
		b.name = b.column("name", s.Name)
	}
	if s.X == "" {
		addf(&b.errs, "x", "", "a %s chart needs x (%s)", s.Type, xRole(s.Type))
	}
	if len(s.Y) == 0 {
		addf(&b.errs, "y", "", "a %s chart needs y (the column of values)", s.Type)
	}
	for i, c := range b.ys {
		if c != nil && !c.Type.Numeric() && s.Type != "heatmap" {
			addf(&b.errs, "y", "pick a column of numbers for y", "y column %q holds %s, not numbers", s.Y[i], typeWord(c.Type))
		}
	}
	if b.size != nil && !b.size.Type.Numeric() {
		addf(&b.errs, "size", "pick a column of numbers for size", "size column %q holds %s, not numbers", s.Size, typeWord(b.size.Type))
	}
	if series != nil && len(s.Y) > 1 {
		addf(&b.errs, "series", "use either several y columns or series, not both", "series splits one y column, but y names %d columns", len(s.Y))
	}
	pie := s.Type == "pie" || s.Type == "donut"
	scatter := s.Type == "scatter" || s.Type == "bubble"
	switch {
	case pie:
		if len(s.Y) > 1 {
			addf(&b.errs, "y", "draw a bar chart to compare several values, or pick one y", "a %s chart shows one value column, but y names %d (%s)", s.Type, len(s.Y), quoteList(s.Y))
		}
		if s.Series != "" {
			addf(&b.errs, "series", "draw a bar chart with series, or filter the rows with where", "a %s chart cannot split into series", s.Type)
		}
		if s.Stack {
			addf(&b.errs, "stack", "", "a %s chart cannot be stacked", s.Type)
		}
	case scatter:
		if b.x != nil && !b.x.Type.Numeric() {
			addf(&b.errs, "x", "draw a bar chart for categories", "a %s chart needs numbers on x, but %q holds %s", s.Type, s.X, typeWord(b.x.Type))
		}
		if s.Type == "bubble" && s.Size == "" {
			addf(&b.errs, "size", "", "a bubble chart needs size (the column that sizes each bubble)")
		}
		if s.Stack {
			addf(&b.errs, "stack", "", "a %s chart cannot be stacked", s.Type)
		}
	}
	if s.Size != "" && !scatter {
		addf(&b.errs, "size", "size sizes the points of scatter and bubble charts", "a %s chart has no use for size", s.Type)
	}
	if s.Name != "" && !scatter {
		addf(&b.errs, "name", "name labels the points of scatter and bubble charts; x names the categories", "a %s chart has no use for name", s.Type)
	}
	if s.Horizontal && s.Type != "bar" {
		addf(&b.errs, "horizontal", "", "only bar charts can be horizontal, not %s charts", s.Type)
	}
	b.checkForm()
	if len(b.errs) == 0 && b.t.Len() == 0 {
		addf(&b.errs, "data", "check the where filter and the dataset", "no rows to draw")
	}
}

// column returns the named column or records an error under key.
func (b *builder) column(key, name string) *dataset.Column {
	if name == "" {
		return nil
	}
	c := b.t.Column(name)
	if c == nil {
		addf(&b.errs, key, diag.ColumnHint(name, b.t.Names()), "dataset %q has no column %q", b.t.Name, name)
	}
	return c
}

func xRole(typ string) string {
	switch typ {
	case "pie", "donut":
		return "the column that names the slices"
	case "scatter", "bubble":
		return "the column of horizontal values"
	}
	return "the column of categories"
}

func typeWord(t dataset.Type) string {
	switch t {
	case dataset.String:
		return "text"
	case dataset.Date:
		return "dates"
	case dataset.Bool:
		return "true/false values"
	}
	return "numbers"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// format returns the numfmt format of a column.
func (b *builder) format(col string) string { return b.s.Formats[col] }

// label returns the reader's name of a column.
func (b *builder) label(col string) string { return header(col, b.s.Names) }

// xLabel names the x values: x_name, else the x column's label.
func (b *builder) xLabel() string {
	if b.s.XName != "" {
		return b.s.XName
	}
	return b.label(b.s.X)
}

// yLabel names the values of a y column: y_name when there is one value
// column, else the column's label.
func (b *builder) yLabel(y string) string {
	if b.s.YName != "" && len(b.s.Y) == 1 {
		return b.s.YName
	}
	return b.label(y)
}

// series is one drawn series before it becomes go-echarts data.
type series struct {
	name   string
	col    string // value column (for its format)
	values []any  // per category: float64 or nil; time axis: [date, value]
	rows   []int  // source row of each value (time axis and scatter)
}

// splitSeries returns the series of a cartesian or scatter chart: one per y
// column, or one per value of the series column.
func (b *builder) splitSeries() ([]*dataset.Table, []string, error) {
	if b.s.Series == "" {
		return []*dataset.Table{b.t}, nil, nil
	}
	groups, err := query.Split(b.t, b.s.Series)
	if err != nil {
		return nil, nil, Errors{{Key: "series", Msg: err.Error()}}
	}
	tables := make([]*dataset.Table, len(groups))
	keys := make([]string, len(groups))
	for i, g := range groups {
		tables[i], keys[i] = g.Table, g.Key
	}
	return tables, keys, nil
}

// cartesian builds bar, line and area charts.
func (b *builder) cartesian() (map[string]any, string, error) {
	s := b.s
	timeAxis := s.Type != "bar" && b.x.Type == dataset.Date
	tables, keys, err := b.splitSeries()
	if err != nil {
		return nil, "", err
	}
	layout := ""
	if b.x.Type == dataset.Date {
		layout = dateLayout(b.x)
	}
	var cats []string
	var all []series
	if timeAxis {
		for gi, t := range tables {
			for _, y := range s.Y {
				all = append(all, timeSeries(t, s.X, y, b.seriesName(keys, gi, y)))
			}
		}
	} else {
		// Categories in the order rows come (the query's sort).
		index := map[string]int{}
		for i := 0; i < b.t.Len(); i++ {
			c := categoryText(b.x, i, layout)
			if _, ok := index[c]; !ok || keys == nil {
				index[c] = len(cats)
				cats = append(cats, c)
			}
		}
		for gi, t := range tables {
			xc := t.Column(s.X)
			for _, y := range s.Y {
				yc := t.Column(y)
				sr := series{name: b.seriesName(keys, gi, y), col: y}
				if keys == nil {
					for i := 0; i < t.Len(); i++ {
						sr.values = append(sr.values, value(yc, i))
					}
				} else {
					sr.values = make([]any, len(cats))
					seen := make([]bool, len(cats))
					for i := 0; i < t.Len(); i++ {
						c := categoryText(xc, i, layout)
						k := index[c]
						if seen[k] {
							return nil, "", Errors{{Key: "x", Msg: fmt.Sprintf("series %q has %q twice in column %q", keys[gi], c, s.X),
								Hint: "each series needs one row per category: aggregate the rows with group, or filter them with where"}}
						}
						seen[k] = true
						sr.values[k] = value(yc, i)
					}
				}
				all = append(all, sr)
			}
		}
	}

	y2 := b.secondSeries(timeAxis)
	yFormat := b.format(s.Y[0])
	legend := b.legendShown(len(all) + len(y2) + b.targetColumns())
	var c interface {
		SetGlobalOptions(...charts.GlobalOpts) *charts.RectChart
		JSON() map[string]any
	}
	stack := ""
	if s.Stack {
		stack = "total"
	}
	switch s.Type {
	case "bar":
		bar := charts.NewBar()
		bar.SetXAxis(cats)
		if s.Horizontal {
			bar.XYReversal()
		}
		for _, sr := range all {
			data := make([]opts.BarData, len(sr.values))
			for i, v := range sr.values {
				data[i] = opts.BarData{Value: v}
			}
			o := append(b.seriesOpts(sr), charts.WithBarChartOpts(opts.BarChart{Stack: stack}))
			bar.AddSeries(sr.name, data, o...)
		}
		bar.Validate()
		c = bar
	default:
		line := charts.NewLine()
		if !timeAxis {
			line.SetXAxis(cats)
		}
		for _, sr := range all {
			data := make([]opts.LineData, len(sr.values))
			for i, v := range sr.values {
				data[i] = opts.LineData{Value: v}
			}
			o := append(b.seriesOpts(sr), charts.WithLineChartOpts(opts.LineChart{Stack: stack, ShowSymbol: opts.Bool(len(sr.values) <= 60)}))
			if s.Type == "area" {
				o = append(o, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}))
			}
			line.AddSeries(sr.name, data, o...)
		}
		line.Validate()
		c = line
	}

	catAxis := b.categoryAxis(len(cats))
	if timeAxis {
		catAxis["type"] = "time"
		if layout == "2006-01" {
			monthAxis(catAxis)
		}
	}
	valAxis := b.valueAxis(yFormat)
	if s.Type == "line" {
		valAxis["scale"] = true // a trend reads better without a forced zero; bars and areas keep theirs
	}
	c.SetGlobalOptions(b.common(legend, "axis")...)
	option, err := normalize(c.JSON())
	if err != nil {
		return nil, "", err
	}
	xa, ya := catAxis, valAxis
	if s.Horizontal {
		xa, ya = valAxis, catAxis
		ya["inverse"] = true
	}
	mergeAxis(option, "xAxis", xa)
	mergeAxis(option, "yAxis", ya)
	if s.Type == "bar" {
		setPath(option, []string{"tooltip", "axisPointer"}, map[string]any{"type": "shadow"})
		for _, sr := range option["series"].([]any) {
			sr.(map[string]any)["barMaxWidth"] = 48
		}
	}
	option["grid"] = b.grid(legend)
	if err := b.addSecondAxis(option, y2); err != nil {
		return nil, "", err
	}
	refs, err := b.addRefs(option, cats, timeAxis)
	if err != nil {
		return nil, "", err
	}

	desc := b.withRefs(b.describeCartesian(append(all, y2...), cats, timeAxis, keys != nil), refs)
	setAria(option, desc)
	return option, desc, nil
}

// seriesOpts returns the options of one bar, line or area series: its
// tooltip's format and, with labels, its value labels.
func (b *builder) seriesOpts(sr series) []charts.SeriesOpts {
	s := b.s
	o := []charts.SeriesOpts{
		charts.WithSeriesTooltipOpts(opts.SeriesTooltip{ValueFormatter: fnStr("bs:" + b.format(sr.col))}),
	}
	if s.Labels {
		pos := "top"
		switch {
		case s.Stack && s.Type == "bar":
			pos = "inside"
		case s.Horizontal:
			pos = "right"
		}
		o = append(o, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: pos, Formatter: "bs:" + b.format(sr.col)}))
	}
	return o
}

// seriesName names a series: the series key, else the y column's label.
func (b *builder) seriesName(keys []string, gi int, y string) string {
	if keys != nil {
		return keys[gi]
	}
	return b.label(y)
}

// timeSeries returns [date, value] pairs of one y column in date order.
func timeSeries(t *dataset.Table, x, y, name string) series {
	xc, yc := t.Column(x), t.Column(y)
	sr := series{name: name, col: y}
	for i := 0; i < t.Len(); i++ {
		if xc.IsNull(i) {
			continue
		}
		sr.rows = append(sr.rows, i)
	}
	sort.SliceStable(sr.rows, func(a, b int) bool { return xc.Num[sr.rows[a]] < xc.Num[sr.rows[b]] })
	for _, i := range sr.rows {
		sr.values = append(sr.values, []any{xc.Text(i), value(yc, i)})
	}
	return sr
}

// value returns row i of a numeric column as float64, or nil for a null.
func value(c *dataset.Column, i int) any {
	if v, ok := c.Float(i); ok {
		return v
	}
	return nil
}

// categoryText is the axis label of row i of the x column.
func categoryText(c *dataset.Column, i int, layout string) string {
	if c.IsNull(i) {
		return ""
	}
	if c.Type == dataset.Date {
		return time.UnixMilli(int64(c.Num[i])).UTC().Format(layout)
	}
	return c.Text(i)
}

// axisFormat is the format of value-axis labels: the values' format, else
// compact (round tick values read best as 50万 / 500K).
func axisFormat(f string) string {
	if f == "" {
		return "compact"
	}
	return f
}

// valueAxisName names the value axis: y_name, else the label of a single y
// column when the spec gives it one.
func (b *builder) valueAxisName() string {
	if b.s.YName != "" {
		return b.s.YName
	}
	if len(b.s.Y) == 1 && b.s.Names[b.s.Y[0]] != "" && b.s.Series == "" {
		return b.s.Names[b.s.Y[0]]
	}
	return ""
}

// legendShown decides whether the legend is drawn.
func (b *builder) legendShown(nseries int) bool {
	if b.s.Legend != nil {
		return *b.s.Legend
	}
	return nseries > 1 || b.s.Type == "pie" || b.s.Type == "donut"
}

// common returns the options every chart shares: palette, hidden title,
// legend, tooltip trigger.
func (b *builder) common(legend bool, trigger string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithColorsOpts(Palette),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: b.s.Title, Subtitle: b.s.Subtitle}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Type: "scroll", Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
	}
}

// grid leaves room for the legend and a value-axis name above the plot.
func (b *builder) grid(legend bool) map[string]any {
	top := 16
	if legend {
		top += 28
	}
	if b.valueAxisName() != "" && !b.s.Horizontal {
		top += 20
	}
	right := 24
	if b.s.Horizontal && b.s.Labels {
		right = 56
	}
	return map[string]any{"left": 8, "right": right, "top": top, "bottom": 8, "containLabel": true}
}

// pie builds pie and donut charts.
func (b *builder) pie() (map[string]any, string, error) {
	s := b.s
	y := s.Y[0]
	yc := b.ys[0]
	layout := ""
	if b.x.Type == dataset.Date {
		layout = dateLayout(b.x)
	}
	var data []opts.PieData
	var items []item
	for i := 0; i < b.t.Len(); i++ {
		v, ok := yc.Float(i)
		if !ok {
			continue
		}
		name := categoryText(b.x, i, layout)
		if v < 0 {
			return nil, "", Errors{{Key: "y", Msg: fmt.Sprintf("a %s chart cannot show negative values, but %q is %s for %q", s.Type, y, numfmt.Format(v, b.format(y), s.Lang), name),
				Hint: "draw a bar chart, or filter the rows with where"}}
		}
		data = append(data, opts.PieData{Name: name, Value: v})
		items = append(items, item{name: name, v: v})
	}
	if len(data) == 0 {
		return nil, "", Errors{{Key: "y", Msg: fmt.Sprintf("column %q has no values to draw", y), Hint: "check the where filter and the dataset"}}
	}
	p := charts.NewPie()
	var radius any = "62%"
	if s.Type == "donut" {
		radius = []string{"38%", "62%"}
	}
	label := opts.Label{Show: opts.Bool(true), Formatter: "{b}"}
	if s.Labels {
		label.Formatter = "bs:pie:" + b.format(y)
	}
	legend := b.legendShown(1)
	center := []string{"50%", "50%"}
	if legend {
		center = []string{"50%", "56%"}
	}
	p.AddSeries(b.label(y), data,
		charts.WithPieChartOpts(opts.PieChart{Radius: radius, Center: center}),
		charts.WithLabelOpts(label),
	)
	p.SetGlobalOptions(b.common(legend, "item")...)
	p.Validate()
	option, err := normalize(p.JSON())
	if err != nil {
		return nil, "", err
	}
	setPath(option, []string{"tooltip", "formatter"}, "bs:pie:"+b.format(y))
	desc := b.describePie(items)
	setAria(option, desc)
	return option, desc, nil
}

// scatter builds scatter and bubble charts.
func (b *builder) scatter() (map[string]any, string, error) {
	s := b.s
	tables, keys, err := b.splitSeries()
	if err != nil {
		return nil, "", err
	}
	// Bubble sizes are scaled over the whole chart, not per series.
	maxSize := 0.0
	if b.size != nil {
		for i := 0; i < b.t.Len(); i++ {
			if v, ok := b.size.Float(i); ok && v > maxSize {
				maxSize = v
			}
		}
	}
	dims := []string{b.xLabel(), b.yLabel(s.Y[0])}
	formats := []string{b.format(s.X), b.format(s.Y[0])}
	if s.Size != "" {
		dims = append(dims, b.label(s.Size))
		formats = append(formats, b.format(s.Size))
	}
	sc := charts.NewScatter()
	var all []series
	var points [][]item
	for gi, t := range tables {
		xc := t.Column(s.X)
		var nc, zc *dataset.Column
		if s.Name != "" {
			nc = t.Column(s.Name)
		}
		if s.Size != "" {
			zc = t.Column(s.Size)
		}
		for _, y := range s.Y {
			yc := t.Column(y)
			sr := series{name: b.seriesName(keys, gi, y), col: y}
			var data []opts.ScatterData
			var its []item
			for i := 0; i < t.Len(); i++ {
				xv, okx := xc.Float(i)
				yv, oky := yc.Float(i)
				if !okx || !oky {
					continue
				}
				d := opts.ScatterData{Value: []any{xv, yv}}
				it := item{x: xv, v: yv}
				if nc != nil {
					d.Name = categoryText(nc, i, dateLayoutOf(nc))
					it.name = d.Name
				}
				if zc != nil {
					zv, ok := zc.Float(i)
					var zval any
					if ok {
						zval = zv
						it.size, it.hasSize = zv, true
					}
					d.Value = []any{xv, yv, zval}
					d.SymbolSize = symbolSize(zv, ok, maxSize)
				}
				data = append(data, d)
				its = append(its, it)
			}
			var o []charts.SeriesOpts
			if s.Labels {
				o = append(o, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{b}"}))
			}
			sc.AddSeries(sr.name, data, o...)
			all = append(all, sr)
			points = append(points, its)
		}
	}
	legend := b.legendShown(len(all))
	sc.SetGlobalOptions(b.common(legend, "item")...)
	sc.Validate()
	option, err := normalize(sc.JSON())
	if err != nil {
		return nil, "", err
	}
	// Dimension names let the tooltip name each value; they must be unique.
	for i, sr := range option["series"].([]any) {
		m := sr.(map[string]any)
		d := uniqueNames(dims)
		if len(s.Y) > 1 {
			d[1] = b.yLabel(s.Y[i%len(s.Y)])
			d = uniqueNames(d)
		}
		m["dimensions"] = d
		fs := slices.Clone(formats)
		if len(s.Y) > 1 {
			fs[1] = b.format(s.Y[i%len(s.Y)])
		}
		m["tooltip"] = map[string]any{"formatter": "bs:point:" + strings.Join(fs, ",")}
	}
	xa := map[string]any{"type": "value", "scale": true, "axisLabel": map[string]any{"formatter": "bs:" + axisFormat(b.format(s.X))}}
	xName := s.XName
	if xName == "" {
		xName = s.Names[s.X]
	}
	if xName != "" {
		xa["name"], xa["nameLocation"], xa["nameGap"] = xName, "middle", 28
	}
	ya := map[string]any{"type": "value", "scale": true, "axisLabel": map[string]any{"formatter": "bs:" + axisFormat(b.format(s.Y[0]))}}
	if n := b.valueAxisName(); n != "" {
		ya["name"] = n
	}
	mergeAxis(option, "xAxis", xa)
	mergeAxis(option, "yAxis", ya)
	g := b.grid(legend)
	if xa["name"] != nil {
		g["bottom"] = 32
	}
	option["grid"] = g
	desc := b.describeScatter(all, points)
	setAria(option, desc)
	return option, desc, nil
}

func dateLayoutOf(c *dataset.Column) string {
	if c.Type == dataset.Date {
		return dateLayout(c)
	}
	return ""
}

// symbolSize scales a bubble: area proportional to the value, the largest at
// maxSymbol px, none below minSymbol.
func symbolSize(v float64, ok bool, max float64) int {
	if !ok || v <= 0 || max <= 0 {
		return minSymbol
	}
	px := int(math.Round(maxSymbol * math.Sqrt(v/max)))
	if px < minSymbol {
		return minSymbol
	}
	return px
}

// uniqueNames makes names distinct by numbering repeats.
func uniqueNames(names []string) []string {
	out := make([]string, len(names))
	seen := map[string]int{}
	for i, n := range names {
		seen[n]++
		if seen[n] > 1 {
			n = fmt.Sprintf("%s (%d)", n, seen[n])
		}
		out[i] = n
	}
	return out
}

// fnStr wraps a "bs:" formatter name for go-echarts fields typed as
// JavaScript: the text stays a plain JSON string (it has no __f__ marker).
func fnStr(s string) types.FuncStr { return types.FuncStr(s) }

// normalize turns a go-echarts option into plain JSON values (maps, slices,
// strings, json.Number …), dropping empty components and null fields so that
// the caller can patch what go-echarts has no field for.
func normalize(o map[string]any) (map[string]any, error) {
	raw, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("chart: encoding option: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("chart: decoding option: %w", err)
	}
	delete(m, "toolbox")
	dropNulls(m)
	setPath(m, []string{"tooltip", "confine"}, true)
	return m, nil
}

// dropNulls removes null fields from objects (null array items stay: they
// are gaps in the data).
func dropNulls(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			dropNulls(e)
		}
	case []any:
		for _, e := range x {
			dropNulls(e)
		}
	}
}

// setPath sets a value inside nested objects, creating them as needed.
func setPath(m map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

// mergeAxis merges fields into the first axis of the given kind.
func mergeAxis(option map[string]any, kind string, fields map[string]any) {
	list, _ := option[kind].([]any)
	if len(list) == 0 {
		list = []any{map[string]any{}}
		option[kind] = list
	}
	axis := list[0].(map[string]any)
	for k, v := range fields {
		if sub, ok := v.(map[string]any); ok {
			if have, ok := axis[k].(map[string]any); ok {
				for sk, sv := range sub {
					have[sk] = sv
				}
				continue
			}
		}
		axis[k] = v
	}
}

// setAria switches ECharts' aria support on with the generated description.
func setAria(option map[string]any, desc string) {
	option["aria"] = map[string]any{"enabled": true, "label": map[string]any{"description": desc}}
}

// marshal encodes the option with <, >, & and U+2028/2029 escaped.
func marshal(option map[string]any) ([]byte, error) {
	js, err := json.Marshal(option)
	if err != nil {
		return nil, fmt.Errorf("chart: encoding option: %w", err)
	}
	return js, nil
}
