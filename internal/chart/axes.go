package chart

import (
	"time"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// categoryAxis returns a category axis named by x_name: with more than six
// categories along the bottom, every label shows, tilted so that many fit
// side by side.
func (b *builder) categoryAxis(n int) axis {
	a := axis{XAxis: opts.XAxis{Type: "category", Name: b.s.XName}}
	if n > 6 && !b.s.Horizontal {
		a.AxisLabel = &axisLabel{AxisLabel: opts.AxisLabel{Rotate: 30}, Interval: new(0)}
	}
	return a
}

// valueAxis returns a value axis labelled in a format (compact when none),
// named by y_name or the single y column's name.
func (b *builder) valueAxis(format string) axis {
	return axis{
		XAxis:     opts.XAxis{Type: "value", Name: b.valueAxisName()},
		AxisLabel: formatted(axisFormat(format)),
	}
}

// formatted is an axis label written in a numfmt format.
func formatted(format string) *axisLabel {
	return &axisLabel{AxisLabel: opts.AxisLabel{Formatter: fnStr("bs:" + format)}}
}

// monthAxis makes a time axis of monthly dates read as months: ticks at
// least a month apart, labelled by the "bs:month" formatter (2024-04, or
// 2024年4月 in Chinese), the first and the last month always labelled and
// a label that would overlap another left out.
func monthAxis(a *axis) {
	a.MinInterval = float64(28 * 24 * time.Hour.Milliseconds())
	a.AxisLabel = &axisLabel{AxisLabel: opts.AxisLabel{Formatter: "bs:month", HideOverlap: opts.Bool(true)},
		ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true)}
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
