package chart

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// namedValues returns the rows' (x, y) pairs with a value, refusing negative
// values: a slice of a pie, a stage of a funnel or a tile of a treemap
// cannot be below zero.
func (b *builder) namedValues() ([]item, error) {
	s := b.s
	y := s.Y[0]
	layout := dateLayoutOf(b.x)
	var items []item
	for i := range b.t.Len() {
		v, ok := b.ys[0].Float(i)
		if !ok {
			continue
		}
		name := categoryText(b.x, i, layout)
		if v < 0 {
			return nil, Errors{{Key: "y", Msg: fmt.Sprintf("a %s chart cannot show negative values, but %q is %s for %q", s.Type, y, numfmt.Format(v, b.format(y), s.Lang), name),
				Hint: "draw a bar chart, or filter the rows with where"}}
		}
		items = append(items, item{name: name, v: v})
	}
	if len(items) == 0 {
		return nil, Errors{{Key: "y", Msg: fmt.Sprintf("column %q has no values to draw", y), Hint: "check the where filter and the dataset"}}
	}
	return items, nil
}

// funnel builds a funnel: one stage per row, in row order, each labelled
// with its value and its share of the first stage.
func (b *builder) funnel() (*option, string, error) {
	items, err := b.namedValues()
	if err != nil {
		return nil, "", err
	}
	y := b.s.Y[0]
	data := make([]styledItem, len(items))
	for i, it := range items {
		data[i] = styledItem{Name: it.name, Value: it.v, ItemStyle: b.itemStyle(it.name, true)}
	}
	ratio := "bs:ratio:" + b.format(y) + ":" + strconv.FormatFloat(items[0].v, 'g', -1, 64)
	legend := b.legendShown(1)
	o := b.base(legend, "item")
	o.Tooltip.Formatter = fnStr(ratio)
	sr := newSeries("funnel", b.label(y), data)
	sr.Label = &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: ratio}
	sr.Sort, sr.Gap, sr.MinSize = "none", 2, "4%"
	sr.Left, sr.Width, sr.Top, sr.Bottom = "8%", "58%", 16, 8
	if legend {
		sr.Top = 44
	}
	o.Series = []*seriesOption{sr}
	return o, b.describeFunnel(items), nil
}

// describeFunnel names each stage with its value and, after the first, its
// share of the first.
func (b *builder) describeFunnel(items []item) string {
	w, fw := b.words(), b.forms()
	y := b.s.Y[0]
	return b.head() + w.colon + b.list(len(items), func(i int) string {
		it := items[i]
		text := it.name + " " + numfmt.Format(it.v, b.format(y), b.s.Lang)
		if i > 0 && items[0].v > 0 {
			text += w.open + fw.ofFirst + numfmt.Format(it.v/items[0].v, "percent", b.s.Lang) + w.close
		}
		return text
	}) + w.end
}
