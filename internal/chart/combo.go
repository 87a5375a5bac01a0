package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
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
		for i := 0; i < b.t.Len(); i++ {
			sr.values = append(sr.values, value(yc, i))
		}
		out = append(out, sr)
	}
	return out
}

// addSecondAxis draws the y2 series as lines on a second value axis, on the
// right, labelled in the first y2 column's format.
func (b *builder) addSecondAxis(option map[string]any, y2 []series) error {
	if len(y2) == 0 {
		return nil
	}
	line := charts.NewLine()
	for _, sr := range y2 {
		data := make([]opts.LineData, len(sr.values))
		for i, v := range sr.values {
			data[i] = opts.LineData{Value: v}
		}
		o := append(b.seriesOpts(sr), charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, ShowSymbol: opts.Bool(len(sr.values) <= 60)}))
		line.AddSeries(sr.name, data, o...)
	}
	line.Validate()
	lo, err := normalize(line.JSON())
	if err != nil {
		return err
	}
	list, _ := option["series"].([]any)
	option["series"] = append(list, lo["series"].([]any)...)
	axis := map[string]any{"type": "value", "scale": true, "position": "right",
		"axisLabel": map[string]any{"formatter": "bs:" + axisFormat(b.format(b.s.Y2[0]))},
		"splitLine": map[string]any{"show": false}}
	name := b.s.Y2Name
	if name == "" && len(b.s.Y2) == 1 {
		name = b.s.Names[b.s.Y2[0]]
	}
	if name != "" {
		axis["name"] = name
	}
	axes, _ := option["yAxis"].([]any)
	option["yAxis"] = append(axes, axis)
	return nil
}
