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
	"fmt"
	"slices"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// family is what a chart type is drawn as.
type family int

const (
	cartesianChart family = iota + 1 // bar, line, area: categories or dates across, values up
	roundChart                       // pie, donut
	pointChart                       // scatter, bubble
	funnelChart
	waterfallChart
	heatmapChart
	treemapChart
	radarChart
)

// chartTypes is every chart type a spec may name, in the order the reference
// lists them, with its family: the one list of chart types.
var chartTypes = []struct {
	name string
	fam  family
}{
	{"bar", cartesianChart}, {"line", cartesianChart}, {"area", cartesianChart},
	{"pie", roundChart}, {"donut", roundChart},
	{"scatter", pointChart}, {"bubble", pointChart},
	{"funnel", funnelChart}, {"waterfall", waterfallChart}, {"heatmap", heatmapChart},
	{"treemap", treemapChart}, {"radar", radarChart},
}

// Types lists the chart types a spec may name.
var Types = func() []string {
	names := make([]string, len(chartTypes))
	for i, t := range chartTypes {
		names[i] = t.name
	}
	return names
}()

// familyOf returns the family of a chart type, or 0 for an unknown type.
func familyOf(typ string) family {
	for _, t := range chartTypes {
		if t.name == typ {
			return t.fam
		}
	}
	return 0
}

// NumbersOnX reports whether a chart type plots numbers across (scatter
// and bubble charts), so that x takes a number format as y does.
func NumbersOnX(typ string) bool { return familyOf(typ) == pointChart }

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
	// JSON is the ECharts option, with <, > and & escaped (\u003c …), safe to
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
	fam  family
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
	b := &builder{s: s, t: t, fam: familyOf(s.Type)}
	b.check()
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	o, desc, err := b.draw()
	if err != nil {
		return nil, err
	}
	o.Aria = aria(desc)
	b.applyColors(o)
	js, err := marshal(o)
	if err != nil {
		return nil, err
	}
	data := TableOf(t, b.plotted(), s.Names, s.Formats, s.Lang)
	return &Chart{JSON: js, Description: desc, Data: data, CSV: data.CSV(), Height: b.height}, nil
}

// draw builds the option of the spec's chart form and its description.
func (b *builder) draw() (*option, string, error) {
	switch b.fam {
	case cartesianChart:
		if b.s.Facet != "" {
			return b.facets()
		}
		return b.cartesian()
	case roundChart:
		return b.pie()
	case pointChart:
		return b.scatter()
	case funnelChart:
		return b.funnel()
	case waterfallChart:
		return b.waterfall()
	case heatmapChart:
		return b.heatmap()
	case treemapChart:
		return b.treemap()
	default:
		return b.radar()
	}
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
