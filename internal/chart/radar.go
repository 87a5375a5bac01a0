package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// radar builds a radar chart: one axis per y column, one shape per row
// (named by x). Each axis runs from zero (or its lowest value, when below
// zero) to a round number at or above its highest value.
func (b *builder) radar() (*option, string, error) {
	s := b.s
	indicators := make([]indicator, len(s.Y))
	for j, y := range s.Y {
		lo, hi := b.span(j)
		indicators[j] = indicator{Indicator: opts.Indicator{Name: b.label(y)}, Min: lo, Max: hi}
	}
	layout := dateLayoutOf(b.x)
	var data []styledItem
	var names []string
	var rows [][]any
	for i := range b.t.Len() {
		vals := make([]any, len(s.Y))
		for j := range s.Y {
			vals[j] = value(b.ys[j], i)
		}
		name := categoryText(b.x, i, layout)
		item := styledItem{Name: name, Value: vals}
		if col := b.colorOf(name, true); col != "" {
			item.ItemStyle, item.LineStyle, item.AreaStyle = &opts.ItemStyle{Color: col}, &opts.LineStyle{Color: col}, &opts.AreaStyle{Color: col}
		}
		data = append(data, item)
		names = append(names, name)
		rows = append(rows, vals)
	}
	o := b.base(b.legendShown(len(data)), "item")
	o.Legend.Data = names // a shape per row, named in the legend
	o.Radar = &radar{RadarComponent: opts.RadarComponent{Center: []string{"50%", "55%"}}, Indicator: indicators, Radius: "62%"}
	sr := newSeries("radar", b.label(s.X), data)
	sr.AreaStyle = &opts.AreaStyle{Opacity: opts.Float(0.12)}
	sr.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{ValueFormatter: fnStr("bs:" + b.format(s.Y[0]))}}
	o.Series = []*seriesOption{sr}
	return o, b.describeRadar(names, rows), nil
}

// span returns the range of the radar axis of y column j.
func (b *builder) span(j int) (float64, float64) {
	lo, hi := 0.0, 0.0
	c := b.ys[j]
	for i := range b.t.Len() {
		if v, ok := c.Float(i); ok {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi <= 0 {
		return lo, 0
	}
	return lo, niceCeil(hi)
}

// niceCeil rounds v > 0 up to a round number: 1, 1.2, 1.5, 2, 2.5, 3, 4,
// 5, 6 or 8 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if n := m * p; n >= v*(1-1e-12) {
			return n
		}
	}
	return 10 * p
}

// describeRadar names the axes, then each shape's values.
func (b *builder) describeRadar(names []string, rows [][]any) string {
	w, fw := b.words(), b.forms()
	s := b.s
	labels := make([]string, len(s.Y))
	for i, y := range s.Y {
		labels[i] = b.label(y)
	}
	text := b.head() + w.comma + fw.indicators + w.colon + joinWith(labels, w.itemJoin)
	shapes := b.list(len(rows), func(i int) string {
		parts := make([]string, len(s.Y))
		for j, y := range s.Y {
			parts[j] = labels[j] + " " + b.num(rows[i][j], y)
		}
		return names[i] + w.open + joinWith(parts, w.itemJoin) + w.close
	})
	return text + w.semi + shapes + w.end
}
