package chart

import (
	"github.com/go-echarts/go-echarts/v2/opts"
)

// pie builds pie and donut charts: a slice per row with a value.
func (b *builder) pie() (*option, string, error) {
	s := b.s
	y := s.Y[0]
	items, err := b.namedValues()
	if err != nil {
		return nil, "", err
	}
	data := make([]opts.PieData, len(items))
	for i, it := range items {
		data[i] = opts.PieData{Name: it.name, Value: it.v, ItemStyle: b.itemStyle(it.name, true)}
	}
	legend := b.legendShown(1)
	o := b.base(legend, "item")
	o.Tooltip.Formatter = fnStr("bs:pie:" + b.format(y))
	sr := newSeries("pie", b.label(y), data)
	sr.Radius = "62%"
	if s.Type == "donut" {
		sr.Radius = []string{"38%", "62%"}
	}
	sr.Center = []string{"50%", "50%"}
	if legend {
		sr.Center = []string{"50%", "56%"}
	}
	sr.Label = &opts.Label{Show: opts.Bool(true), Formatter: "{b}"}
	if s.Labels {
		sr.Label.Formatter = "bs:pie:" + b.format(y)
	}
	o.Series = []*seriesOption{sr}
	return o, b.describePie(items), nil
}
