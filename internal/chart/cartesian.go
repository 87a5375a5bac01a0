package chart

import (
	"fmt"
	"sort"
	"time"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

// series is one drawn series before it becomes go-echarts data.
type series struct {
	name   string
	col    string // value column (for its format)
	values []any  // per category: float64 or nil; time axis: [date, value]
	rows   []int  // source row of each value (time axis and scatter)
}

// plot is what a bar, line or area chart draws.
type plot struct {
	cats     []string // the categories in row order; none on a time axis
	all      []series
	keys     []string // the series column's values, nil without one
	timeAxis bool
	layout   string // the date layout of x, or ""
}

// cartesian builds bar, line and area charts.
func (b *builder) cartesian() (*option, string, error) {
	p, err := b.plot()
	if err != nil {
		return nil, "", err
	}
	y2 := b.secondSeries(p.timeAxis)
	legend := b.legendShown(len(p.all) + len(y2) + b.targetColumns())
	o := b.base(legend, "axis")
	for _, sr := range p.all {
		o.Series = append(o.Series, b.cartesianSeries(sr))
	}
	b.cartesianAxes(o, p)
	o.Grid = oneOrMany[grid]{b.grid(legend)}
	b.addSecondAxis(o, y2)
	refs, err := b.addRefs(o, p.cats, p.timeAxis)
	if err != nil {
		return nil, "", err
	}
	desc := b.withRefs(b.describeCartesian(append(p.all, y2...), p.cats, p.timeAxis, p.keys != nil), refs)
	return o, desc, nil
}

// plot splits the rows into the series drawn: [date, value] pairs on a
// time axis (line and area charts over dates), else a value per category.
func (b *builder) plot() (*plot, error) {
	tables, keys, err := b.splitSeries()
	if err != nil {
		return nil, err
	}
	p := &plot{keys: keys, timeAxis: b.s.Type != "bar" && b.x.Type == dataset.Date, layout: dateLayoutOf(b.x)}
	if p.timeAxis {
		for gi, t := range tables {
			if err := b.twiceOnDate(p, t, gi); err != nil {
				return nil, err
			}
			for _, y := range b.s.Y {
				p.all = append(p.all, timeSeries(t, b.s.X, y, b.seriesName(keys, gi, y)))
			}
		}
		return p, nil
	}
	index := b.categories(p)
	for gi, t := range tables {
		for _, y := range b.s.Y {
			sr, err := b.categorySeries(p, index, t, gi, y)
			if err != nil {
				return nil, err
			}
			p.all = append(p.all, sr)
		}
	}
	return p, nil
}

// twiceOnDate reports a date that two rows of series gi (table t) fall on:
// the line would go back and forth there.
func (b *builder) twiceOnDate(p *plot, t *dataset.Table, gi int) error {
	xc := t.Column(b.s.X)
	seen := make(map[float64]bool, t.Len())
	for i := range t.Len() {
		if xc.IsNull(i) {
			continue
		}
		if seen[xc.Num[i]] {
			c := categoryText(xc, i, p.layout)
			msg := fmt.Sprintf("column %q has %q twice", b.s.X, c)
			if p.keys != nil {
				msg = fmt.Sprintf("series %q has %q twice in column %q", p.keys[gi], c, b.s.X)
			}
			return Errors{{Key: "x", Msg: msg, Hint: "a line needs one row per date: aggregate the rows with group, or filter them with where"}}
		}
		seen[xc.Num[i]] = true
	}
	return nil
}

// categories sets the plot's categories in the order rows come (the
// query's sort) and returns the index of each. Without a series column
// every row is a category of its own.
func (b *builder) categories(p *plot) map[string]int {
	index := map[string]int{}
	for i := range b.t.Len() {
		c := categoryText(b.x, i, p.layout)
		if _, ok := index[c]; !ok || p.keys == nil {
			index[c] = len(p.cats)
			p.cats = append(p.cats, c)
		}
	}
	return index
}

// categorySeries returns the values of column y in the rows of table t (the
// rows of series gi), one per category.
func (b *builder) categorySeries(p *plot, index map[string]int, t *dataset.Table, gi int, y string) (series, error) {
	yc := t.Column(y)
	sr := series{name: b.seriesName(p.keys, gi, y), col: y}
	if p.keys == nil {
		for i := range t.Len() {
			sr.values = append(sr.values, value(yc, i))
		}
		return sr, nil
	}
	xc := t.Column(b.s.X)
	sr.values = make([]any, len(p.cats))
	seen := make([]bool, len(p.cats))
	for i := range t.Len() {
		c := categoryText(xc, i, p.layout)
		k := index[c]
		if seen[k] {
			return sr, Errors{{Key: "x", Msg: fmt.Sprintf("series %q has %q twice in column %q", p.keys[gi], c, b.s.X),
				Hint: "each series needs one row per category: aggregate the rows with group, or filter them with where"}}
		}
		seen[k] = true
		sr.values[k] = value(yc, i)
	}
	return sr, nil
}

// cartesianSeries draws one series as bars, or as a line (an area is a
// filled line).
func (b *builder) cartesianSeries(sr series) *seriesOption {
	stack := ""
	if b.s.Stack {
		stack = "total"
	}
	var o *seriesOption
	if b.s.Type == "bar" {
		data := make([]opts.BarData, len(sr.values))
		for i, v := range sr.values {
			data[i] = opts.BarData{Value: v}
		}
		o = newSeries("bar", sr.name, data)
		o.BarMaxWidth = 48
	} else {
		o = b.lineSeries(sr)
		if b.s.Type == "area" {
			o.AreaStyle = &opts.AreaStyle{Opacity: opts.Float(0.25)}
		}
	}
	o.Stack = stack
	b.valueLabels(o, sr)
	return o
}

// lineSeries draws a series as a line, its points marked when there are
// few enough to tell apart.
func (b *builder) lineSeries(sr series) *seriesOption {
	data := make([]opts.LineData, len(sr.values))
	for i, v := range sr.values {
		data[i] = opts.LineData{Value: v}
	}
	o := newSeries("line", sr.name, data)
	o.ShowSymbol = opts.Bool(len(sr.values) <= 60)
	return o
}

// valueLabels gives a bar, line or area series its tooltip's format and,
// with labels, its value labels.
func (b *builder) valueLabels(o *seriesOption, sr series) {
	s := b.s
	format := "bs:" + b.format(sr.col)
	o.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{ValueFormatter: fnStr(format)}}
	if !s.Labels {
		return
	}
	pos := "top"
	switch {
	case s.Stack && s.Type == "bar":
		pos = "inside"
	case s.Horizontal:
		pos = "right"
	}
	o.Label = &opts.Label{Show: opts.Bool(true), Position: pos, Formatter: format}
}

// cartesianAxes sets the category (or time) axis and the value axis: the
// categories across, or down with the first on top for horizontal bars.
func (b *builder) cartesianAxes(o *option, p *plot) {
	s := b.s
	cat := b.categoryAxis(len(p.cats))
	switch {
	case p.timeAxis:
		cat.Type = "time"
		if p.layout == "2006-01" {
			monthAxis(&cat)
		}
	default:
		cat.Data = p.cats
	}
	val := b.valueAxis(b.format(s.Y[0]))
	if s.Type == "line" {
		val.Scale = opts.Bool(true) // a trend reads better without a forced zero; bars and areas keep theirs
	}
	o.XAxis, o.YAxis = []axis{cat}, []axis{val}
	if s.Horizontal {
		cat.Inverse = opts.Bool(true)
		o.XAxis, o.YAxis = []axis{val}, []axis{cat}
	}
	if s.Type == "bar" {
		o.Tooltip.AxisPointer = &opts.AxisPointer{Type: "shadow"}
	}
}

// seriesName names a series: the series key, else the y column's label.
func (b *builder) seriesName(keys []string, gi int, y string) string {
	if keys != nil {
		return keys[gi]
	}
	return b.label(y)
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

// timeSeries returns [date, value] pairs of one y column in date order.
func timeSeries(t *dataset.Table, x, y, name string) series {
	xc, yc := t.Column(x), t.Column(y)
	sr := series{name: name, col: y}
	for i := range t.Len() {
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

// dateLayoutOf is the layout dates of a column are written in, or "".
func dateLayoutOf(c *dataset.Column) string {
	if c.Type == dataset.Date {
		return dateLayout(c)
	}
	return ""
}

// legendShown decides whether the legend is drawn.
func (b *builder) legendShown(nseries int) bool {
	if b.s.Legend != nil {
		return *b.s.Legend
	}
	return nseries > 1 || b.fam == roundChart
}

// base returns the parts every chart starts from: the title (hidden: the
// page shows it), the legend and the tooltip's trigger.
func (b *builder) base(legend bool, trigger string) *option {
	return &option{
		Title:   oneOrMany[title]{{Title: opts.Title{Show: opts.Bool(false), Title: b.s.Title, Subtitle: b.s.Subtitle}}},
		Legend:  opts.Legend{Show: opts.Bool(legend), Type: "scroll", Top: "0"},
		Tooltip: tooltip{Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}, Confine: true},
	}
}

// grid leaves room for the legend and a value-axis name above the plot.
func (b *builder) grid(legend bool) grid {
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
	return grid{Grid: opts.Grid{ContainLabel: opts.Bool(true)}, Left: 8, Right: right, Top: float64(top), Bottom: 8}
}
