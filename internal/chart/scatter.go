package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// scatter builds scatter and bubble charts: a series per y column, or per
// value of the series column, of points named by the name column.
func (b *builder) scatter() (*option, string, error) {
	tables, keys, err := b.splitSeries()
	if err != nil {
		return nil, "", err
	}
	maxSize := b.maxSize()
	o := b.base(false, "item")
	var all []series
	var points [][]item
	for gi, t := range tables {
		for yi, y := range b.s.Y {
			data, its := b.points(t, y, maxSize)
			sr := series{name: b.seriesName(keys, gi, y), col: y}
			o.Series = append(o.Series, b.pointSeries(sr.name, yi, data))
			all = append(all, sr)
			points = append(points, its)
		}
	}
	legend := b.legendShown(len(all))
	o.Legend.Show = opts.Bool(legend)
	b.scatterAxes(o, legend)
	return o, b.describeScatter(all, points), nil
}

// maxSize is the largest value of the size column: bubble sizes are scaled
// over the whole chart, not per series.
func (b *builder) maxSize() float64 {
	m := 0.0
	if b.size == nil {
		return m
	}
	for i := range b.t.Len() {
		if v, ok := b.size.Float(i); ok && v > m {
			m = v
		}
	}
	return m
}

// points returns the points of column y in table t (rows with both an x
// and a y value), as go-echarts data and as described items.
func (b *builder) points(t *dataset.Table, y string, maxSize float64) ([]opts.ScatterData, []item) {
	s := b.s
	xc, yc := t.Column(s.X), t.Column(y)
	var nc, zc *dataset.Column
	if s.Name != "" {
		nc = t.Column(s.Name)
	}
	if s.Size != "" {
		zc = t.Column(s.Size)
	}
	var data []opts.ScatterData
	var its []item
	for i := range t.Len() {
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
	return data, its
}

// pointSeries is the series of the yi-th y column's points: its dimension
// names (unique) and formats let the tooltip name and write each value.
func (b *builder) pointSeries(name string, yi int, data []opts.ScatterData) *seriesOption {
	s := b.s
	dims := []string{b.xLabel(), b.yLabel(s.Y[yi])}
	formats := []string{b.format(s.X), b.format(s.Y[yi])}
	if s.Size != "" {
		dims = append(dims, b.label(s.Size))
		formats = append(formats, b.format(s.Size))
	}
	sr := newSeries("scatter", name, data)
	sr.Dimensions = uniqueNames(dims)
	sr.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{Formatter: fnStr("bs:point:" + strings.Join(formats, ","))}}
	if s.Labels {
		// A label that would overlap another is left out; ECharts keeps
		// those of the larger symbols, so the largest bubbles stay named.
		sr.Label = &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{b}"}
		sr.LabelLayout = &opts.LabelLayout{HideOverlap: opts.Bool(true)}
	}
	return sr
}

// scatterAxes sets two value axes that fit the data (no forced zero), named
// by x_name (or x's label) below and the value axis's name on the left.
func (b *builder) scatterAxes(o *option, legend bool) {
	s := b.s
	xName := s.XName
	if xName == "" {
		xName = s.Names[s.X]
	}
	xa := axis{XAxis: opts.XAxis{Type: "value", Scale: opts.Bool(true)}, AxisLabel: formatted(axisFormat(b.format(s.X)))}
	if xName != "" {
		xa.Name, xa.NameLocation, xa.NameGap = xName, "middle", 28
	}
	ya := axis{XAxis: opts.XAxis{Type: "value", Scale: opts.Bool(true), Name: b.valueAxisName()}, AxisLabel: formatted(axisFormat(b.format(s.Y[0])))}
	o.XAxis, o.YAxis = []axis{xa}, []axis{ya}
	g := b.grid(legend)
	if xName != "" {
		g.Bottom = 32
	}
	o.Grid = oneOrMany[grid]{g}
}

// symbolSize scales a bubble: area proportional to the value, the largest at
// maxSymbol px, none below minSymbol.
func symbolSize(v float64, ok bool, largest float64) int {
	if !ok || v <= 0 || largest <= 0 {
		return minSymbol
	}
	return max(minSymbol, int(math.Round(maxSymbol*math.Sqrt(v/largest))))
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
