package chart

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// heatScale is the heatmap's colour scale, from the lowest value to the
// highest: light to dark, readable on both colour schemes.
var heatScale = []string{"#e8f1fa", "#9ecae1", "#4292c6", "#08519c"}

// cell is one heatmap cell.
type cell struct {
	x, y int
	v    float64
}

// heatmap builds a heatmap: x categories across, y categories down, each
// cell coloured by its value on a visual map.
func (b *builder) heatmap() (*option, string, error) {
	s := b.s
	xs, ys, cells, err := b.cells()
	if err != nil {
		return nil, "", err
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	data := make([]opts.HeatMapData, len(cells))
	for i, c := range cells {
		data[i] = opts.HeatMapData{Name: xs[c.x] + " · " + ys[c.y], Value: []any{c.x, c.y, c.v}}
		lo, hi = math.Min(lo, c.v), math.Max(hi, c.v)
	}
	if lo == hi {
		hi = lo + 1 // one value: a scale that still has a span
	}
	format := b.format(s.Value)
	o := b.base(false, "item")
	sr := newSeries("heatmap", b.label(s.Value), data)
	sr.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{Formatter: fnStr("bs:cell:" + format)}}
	sr.ItemStyle = &opts.ItemStyle{BorderColor: "rgba(128,128,128,0.25)", BorderWidth: 1}
	if s.Labels {
		sr.Label = &opts.Label{Show: opts.Bool(true), Formatter: "bs:cell:" + format}
	}
	o.Series = []*seriesOption{sr}
	o.VisualMap = &visualMap{
		VisualMap: opts.VisualMap{Type: "continuous", Calculable: opts.Bool(true), Orient: "horizontal", Left: "center", Bottom: "0",
			InRange: &opts.VisualMapInRange{Color: heatScale}},
		Min: lo, Max: hi, Formatter: "bs:" + axisFormat(format), ItemHeight: 160,
	}
	xa := b.categoryAxis(len(xs))
	xa.Data, xa.SplitArea = xs, &opts.SplitArea{Show: opts.Bool(true)}
	ya := axis{XAxis: opts.XAxis{Type: "category", Data: ys, Inverse: opts.Bool(true), Name: s.YName, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}}
	o.XAxis, o.YAxis = []axis{xa}, []axis{ya}
	o.Grid = oneOrMany[grid]{{Grid: opts.Grid{ContainLabel: opts.Bool(true)}, Left: 8, Right: 24, Top: 16, Bottom: 56}}
	return o, b.describeHeatmap(xs, ys, cells), nil
}

// cells returns the heatmap's categories in row order and one cell per row
// with a value; a pair of categories may come once.
func (b *builder) cells() ([]string, []string, []cell, error) {
	s := b.s
	yc, vc := b.ys[0], b.t.Column(s.Value)
	xl, yl := dateLayoutOf(b.x), dateLayoutOf(yc)
	xi, yi := map[string]int{}, map[string]int{}
	var xs, ys []string
	index := func(m map[string]int, list *[]string, k string) int {
		if i, ok := m[k]; ok {
			return i
		}
		m[k] = len(*list)
		*list = append(*list, k)
		return m[k]
	}
	seen := map[[2]int]bool{}
	var cells []cell
	for i := range b.t.Len() {
		x, y := categoryText(b.x, i, xl), categoryText(yc, i, yl)
		c := cell{x: index(xi, &xs, x), y: index(yi, &ys, y)}
		if seen[[2]int{c.x, c.y}] {
			return nil, nil, nil, Errors{{Key: "y", Msg: fmt.Sprintf("the cell %q × %q comes twice", x, y),
				Hint: "each pair of x and y needs one row: aggregate the rows with group"}}
		}
		seen[[2]int{c.x, c.y}] = true
		v, ok := vc.Float(i)
		if !ok {
			continue
		}
		c.v = v
		cells = append(cells, c)
	}
	if len(cells) == 0 {
		return nil, nil, nil, Errors{{Key: "value", Msg: fmt.Sprintf("column %q has no values to draw", s.Value), Hint: "check the where filter and the dataset"}}
	}
	return xs, ys, cells, nil
}

// describeHeatmap gives the grid's size, its highest and lowest cells, then
// the first cells.
func (b *builder) describeHeatmap(xs, ys []string, cells []cell) string {
	w, fw := b.words(), b.forms()
	format := b.format(b.s.Value)
	hi, lo := cells[0], cells[0]
	for _, c := range cells {
		if c.v > hi.v {
			hi = c
		}
		if c.v < lo.v {
			lo = c
		}
	}
	say := func(c cell) string {
		return xs[c.x] + " · " + ys[c.y] + " " + numfmt.Format(c.v, format, b.s.Lang)
	}
	text := b.head() + w.comma + fmt.Sprintf("%d×%d", len(xs), len(ys)) + fw.cell + w.comma +
		fw.stats["max"] + " " + say(hi) + w.comma + fw.stats["min"] + " " + say(lo)
	return text + w.colon + b.list(len(cells), func(i int) string { return say(cells[i]) }) + w.end
}
