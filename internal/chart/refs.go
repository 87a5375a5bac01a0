package chart

import (
	"fmt"
	"slices"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Ref is a reference drawn across a bar, line or area chart: a line at a
// constant or at an aggregate of the first y column, a target per category
// from a column, or a band between two values. Exactly one of Value, Stat,
// Column and From/To is set.
type Ref struct {
	// Key is the spec entry the reference came from ("ref#0"): errors
	// about it are reported under Key + "." + the field's key.
	Key string
	// Label names the reference in the chart, its description and tooltip.
	Label string
	// Value draws a line at a constant.
	Value *float64
	// Stat draws a line at "avg", "median", "min" or "max" of the first y column.
	Stat string
	// Column draws one target mark per category from a column of numbers.
	Column string
	// From and To bound a band.
	From, To *float64
}

// Stats lists the aggregates a reference line can be drawn at.
var Stats = []string{"avg", "median", "min", "max"}

// refColor is the neutral grey of reference lines and bands, readable on a
// light and a dark background.
const refColor = "#8c8c8c"

// Check reports what is wrong with the reference on its own: not exactly
// one kind, an unknown stat, half a band.
func (r Ref) Check() Errors {
	var es Errors
	n := 0
	for _, set := range []bool{r.Value != nil, r.Stat != "", r.Column != "", r.From != nil || r.To != nil} {
		if set {
			n++
		}
	}
	switch {
	case n != 1:
		addf(&es, r.Key, `write value = 100, stat = "avg", column = "target", or from = 1 and to = 2`, "a reference needs exactly one of value, stat, column, or from and to")
	case (r.From == nil) != (r.To == nil):
		addf(&es, r.Key, "a band runs between two values", "a band needs both from and to")
	case r.Stat != "" && !slices.Contains(Stats, r.Stat):
		hint := "use one of " + joinWith(Stats, ", ")
		if r.Stat == "mean" || r.Stat == "average" {
			hint = `write stat = "avg"`
		} else if c := diag.Closest(r.Stat, Stats); c != "" {
			hint = fmt.Sprintf("did you mean %q?", c)
		}
		addf(&es, r.Key+".stat", hint, "unknown reference stat %q", r.Stat)
	}
	return es
}

// checkRefs validates the references against the chart and the table.
func (b *builder) checkRefs() {
	s := b.s
	for _, r := range s.Refs {
		if b.fam != cartesianChart {
			addf(&b.errs, r.Key, "reference lines are drawn on bar, line and area charts", "a %s chart cannot draw a reference", s.Type)
			continue
		}
		if es := r.Check(); len(es) > 0 {
			b.errs = append(b.errs, es...)
			continue
		}
		if r.Column == "" {
			continue
		}
		c := b.column(r.Key+".column", r.Column)
		if c != nil && !c.Type.Numeric() {
			addf(&b.errs, r.Key+".column", "pick a column of numbers", "target column %q holds %s, not numbers", r.Column, typeWord(c.Type))
		}
		if s.Series != "" {
			addf(&b.errs, r.Key+".column", "targets need one row per category: draw them without series", "a column of targets cannot be split into series")
		}
	}
}

// addRefs draws the spec's references on the first series and returns the
// phrases that describe them.
func (b *builder) addRefs(o *option, cats []string, timeAxis bool) ([]string, error) {
	if len(b.s.Refs) == 0 {
		return nil, nil
	}
	first := o.Series[0]
	axis := "yAxis"
	if b.s.Horizontal {
		axis = "xAxis"
	}
	format := b.format(b.s.Y[0])
	var lines, bands []any
	var said []string
	for _, r := range b.s.Refs {
		switch {
		case r.Column != "":
			sr, text := b.targets(r, cats, timeAxis)
			o.Series = append(o.Series, sr)
			said = append(said, text)
		case r.From != nil:
			lo, hi := *r.From, *r.To
			bands = append(bands, bandItem(axis, r.Label, lo, hi))
			said = append(said, r.Label+" "+numfmt.Format(lo, format, b.s.Lang)+"–"+numfmt.Format(hi, format, b.s.Lang))
		default:
			v, label, err := b.refLevel(r)
			if err != nil {
				return nil, err
			}
			lines = append(lines, lineItem(axis, label, v))
			said = append(said, joinName(label, numfmt.Format(v, format, b.s.Lang)))
		}
	}
	if len(lines) > 0 {
		first.MarkLines = &opts.MarkLines{Data: lines, MarkLineStyle: opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "bs:named:" + format},
			LineStyle: &opts.LineStyle{Type: "dashed", Color: refColor, Width: 1.5},
		}}
	}
	if len(bands) > 0 {
		first.MarkAreas = &opts.MarkAreas{Data: bands, MarkAreaStyle: opts.MarkAreaStyle{
			Label:     &opts.Label{Show: opts.Bool(true), Position: "insideTopLeft", Color: refColor},
			ItemStyle: &opts.ItemStyle{Color: refColor, Opacity: opts.Float(0.15)},
		}}
	}
	return said, nil
}

// refLevel returns the value of a line reference and its label.
func (b *builder) refLevel(r Ref) (float64, string, error) {
	if r.Value != nil {
		return *r.Value, r.Label, nil
	}
	v, ok, err := query.Aggregate(b.ys[0], r.Stat)
	if err != nil {
		return 0, "", Errors{{Key: r.Key + ".stat", Msg: err.Error()}}
	}
	if !ok {
		return 0, "", Errors{{Key: r.Key + ".stat", Msg: fmt.Sprintf("column %q has no values to take the %s of", b.s.Y[0], r.Stat)}}
	}
	label := r.Label
	if label == "" {
		label = b.forms().stats[r.Stat]
	}
	return v, label, nil
}

// lineItem is one reference line at v on the value axis.
func lineItem(axis, name string, v float64) any {
	if axis == "xAxis" {
		return opts.MarkLineNameXAxisItem{Name: name, XAxis: v}
	}
	return opts.MarkLineNameYAxisItem{Name: name, YAxis: v}
}

// bandItem is one band between lo and hi on the value axis: a pair of
// corners, as ECharts' markArea wants.
func bandItem(axis, name string, lo, hi float64) any {
	if axis == "xAxis" {
		return []opts.MarkAreaNameXAxisItem{{Name: name, XAxis: lo}, {XAxis: hi}}
	}
	return []opts.MarkAreaNameYAxisItem{{Name: name, YAxis: lo}, {YAxis: hi}}
}

// targets draws a column of targets: a short mark across each bar, or a
// dashed line on line and area charts.
func (b *builder) targets(r Ref, cats []string, timeAxis bool) (*seriesOption, string) {
	name := r.Label
	if name == "" {
		name = b.label(r.Column)
	}
	format := b.format(b.s.Y[0])
	if f := b.format(r.Column); f != "" {
		format = f
	}
	var sr series
	if timeAxis {
		sr = timeSeries(b.t, b.s.X, r.Column, name)
	} else {
		c := b.t.Column(r.Column)
		sr = series{name: name, col: r.Column}
		for i := range b.t.Len() {
			sr.values = append(sr.values, value(c, i))
		}
	}
	m := newSeries("line", name, sr.values)
	m.Z = 5
	m.ItemStyle = &opts.ItemStyle{Color: refColor}
	m.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{ValueFormatter: fnStr("bs:" + format)}}
	if b.s.Type == "bar" {
		size := []int{28, 3}
		if b.s.Horizontal {
			size = []int{3, 20}
		}
		m.Type, m.Symbol, m.SymbolSize = "scatter", "rect", size
	} else {
		m.Symbol = "none"
		m.LineStyle = &opts.LineStyle{Type: "dashed", Color: refColor}
	}
	text := name + b.words().colon + b.list(len(sr.values), func(i int) string {
		if timeAxis {
			pair := sr.values[i].([]any)
			return pair[0].(string) + " " + b.numIn(pair[1], format)
		}
		return cats[i] + " " + b.numIn(sr.values[i], format)
	})
	return m, text
}

// numIn writes a value or a gap in a format.
func (b *builder) numIn(v any, format string) string {
	f, ok := v.(float64)
	if !ok {
		return b.words().noData
	}
	return numfmt.Format(f, format, b.s.Lang)
}

// joinName writes "name value", or the value alone.
func joinName(name, v string) string {
	if name == "" {
		return v
	}
	return name + " " + v
}

// withRefs adds the references to a description.
func (b *builder) withRefs(desc string, refs []string) string {
	if len(refs) == 0 {
		return desc
	}
	w := b.words()
	return desc[:len(desc)-len(w.end)] + w.semi + b.forms().refs + w.colon + joinWith(refs, w.comma) + w.end
}

// targetColumns counts the references drawn from a column of targets: each
// is a series of its own, named in the legend.
func (b *builder) targetColumns() int {
	n := 0
	for _, r := range b.s.Refs {
		if r.Column != "" {
			n++
		}
	}
	return n
}
