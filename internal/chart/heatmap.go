package chart

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
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
func (b *builder) heatmap() (map[string]any, string, error) {
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
	format := b.format(s.Value)
	h := charts.NewHeatMap()
	h.SetXAxis(xs)
	o := []charts.SeriesOpts{}
	if s.Labels {
		o = append(o, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "bs:cell:" + format}))
	}
	h.AddSeries(b.label(s.Value), data, o...)
	h.SetGlobalOptions(b.common(false, "item")...)
	h.Validate()
	option, err := normalize(h.JSON())
	if err != nil {
		return nil, "", err
	}
	sr := option["series"].([]any)[0].(map[string]any)
	sr["tooltip"] = map[string]any{"formatter": "bs:cell:" + format}
	sr["itemStyle"] = map[string]any{"borderColor": "rgba(128,128,128,0.25)", "borderWidth": 1}
	if lo == hi {
		hi = lo + 1 // one value: a scale that still has a span
	}
	option["visualMap"] = plain(opts.VisualMap{Type: "continuous", Calculable: opts.Bool(true), Orient: "horizontal", Left: "center", Bottom: "0",
		InRange: &opts.VisualMapInRange{Color: heatScale}})
	vm := option["visualMap"].(map[string]any)
	vm["min"], vm["max"], vm["formatter"], vm["itemHeight"] = lo, hi, "bs:"+axisFormat(format), 160
	xa := b.categoryAxis(len(xs))
	xa["splitArea"], xa["data"] = map[string]any{"show": true}, xs
	mergeAxis(option, "xAxis", xa)
	ya := map[string]any{"type": "category", "data": ys, "inverse": true, "splitArea": map[string]any{"show": true}}
	if s.YName != "" {
		ya["name"] = s.YName
	}
	option["yAxis"] = []any{ya}
	option["grid"] = map[string]any{"left": 8, "right": 24, "top": 16, "bottom": 56, "containLabel": true}
	desc := b.describeHeatmap(xs, ys, cells)
	setAria(option, desc)
	return option, desc, nil
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
	for i := 0; i < b.t.Len(); i++ {
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
