package chart

import (
	"github.com/go-echarts/go-echarts/v2/opts"
)

// secondSeries returns the series of the y2 columns: one per column, a value
// per row (or [date, value] pairs on a time axis).
func (b *builder) secondSeries(timeAxis bool) []series {
	var out []series
	for _, y := range b.s.Y2 {
		if timeAxis {
			out = append(out, timeSeries(b.t, b.s.X, y, b.label(y)))
			continue
		}
		yc := b.t.Column(y)
		sr := series{name: b.label(y), col: y}
		for i := range b.t.Len() {
			sr.values = append(sr.values, value(yc, i))
		}
		out = append(out, sr)
	}
	return out
}

// addSecondAxis draws the y2 series as lines on a second value axis, on the
// right, labelled in the first y2 column's format.
func (b *builder) addSecondAxis(o *option, y2 []series) {
	if len(y2) == 0 {
		return
	}
	for _, sr := range y2 {
		line := b.lineSeries(sr)
		line.YAxisIndex = new(1)
		b.valueLabels(line, sr)
		o.Series = append(o.Series, line)
	}
	name := b.s.Y2Name
	if name == "" && len(b.s.Y2) == 1 {
		name = b.s.Names[b.s.Y2[0]]
	}
	o.YAxis = append(o.YAxis, axis{
		XAxis: opts.XAxis{Type: "value", Scale: opts.Bool(true), Position: "right", Name: name,
			SplitLine: &opts.SplitLine{Show: opts.Bool(false)}},
		AxisLabel: formatted(axisFormat(b.format(b.s.Y2[0]))),
	})
}
