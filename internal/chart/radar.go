package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// radar builds a radar chart: one axis per y column, one shape per row
// (named by x). Each axis runs from zero (or its lowest value, when below
// zero) to a round number at or above its highest value.
func (b *builder) radar() (map[string]any, string, error) {
	s := b.s
	format := b.format(s.Y[0])
	indicators := make([]*opts.Indicator, len(s.Y))
	for i, y := range s.Y {
		indicators[i] = &opts.Indicator{Name: b.label(y)}
	}
	layout := dateLayoutOf(b.x)
	var data []opts.RadarData
	var names []string
	var rows [][]any
	for i := 0; i < b.t.Len(); i++ {
		vals := make([]any, len(s.Y))
		for j := range s.Y {
			vals[j] = value(b.ys[j], i)
		}
		name := categoryText(b.x, i, layout)
		data = append(data, opts.RadarData{Name: name, Value: vals})
		names = append(names, name)
		rows = append(rows, vals)
	}
	r := charts.NewRadar()
	r.AddSeries(b.label(s.X), data, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.12)}))
	legend := b.legendShown(len(data))
	r.SetGlobalOptions(append(b.common(legend, "item"),
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: indicators, Center: []string{"50%", "55%"}}))...)
	r.Validate()
	option, err := normalize(r.JSON())
	if err != nil {
		return nil, "", err
	}
	radar := option["radar"]
	if l, ok := radar.([]any); ok && len(l) > 0 {
		radar = l[0]
	}
	rm := radar.(map[string]any)
	for j, ind := range rm["indicator"].([]any) {
		lo, hi := b.span(j)
		im := ind.(map[string]any)
		im["min"], im["max"] = lo, hi
	}
	rm["radius"] = "62%"
	option["radar"] = rm
	sr := option["series"].([]any)[0].(map[string]any)
	sr["tooltip"] = map[string]any{"valueFormatter": "bs:" + format}
	setPath(option, []string{"legend", "data"}, names) // a shape per row, named in the legend
	desc := b.describeRadar(names, rows)
	setAria(option, desc)
	return option, desc, nil
}

// span returns the range of the radar axis of y column j.
func (b *builder) span(j int) (float64, float64) {
	lo, hi := 0.0, 0.0
	c := b.ys[j]
	for i := 0; i < b.t.Len(); i++ {
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
