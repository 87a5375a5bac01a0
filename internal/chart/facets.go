package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

// maxFacets is the most small multiples one chart draws.
const maxFacets = 24

// facetHeight is the height in px of one row of small multiples.
const facetHeight = 220

// facets builds small multiples: one bar, line or area chart per value of
// the facet column, laid out in a grid, sharing one value axis range and
// one legend, each series in the same colour in every chart.
func (b *builder) facets() (*option, string, error) {
	s := b.s
	groups, err := query.Split(b.t, s.Facet)
	if err != nil {
		return nil, "", Errors{{Key: "facet", Msg: err.Error()}}
	}
	if len(groups) > maxFacets {
		return nil, "", Errors{{Key: "facet", Msg: fmt.Sprintf("facet %q has %d values, more than the %d small multiples a chart draws", s.Facet, len(groups), maxFacets),
			Hint: "filter the rows with where, or facet by a column with fewer values"}}
	}
	var merged *option
	var parts []string
	nseries := 0
	for gi, g := range groups {
		o, d, err := b.facet(g.Table)
		if err != nil {
			return nil, "", err
		}
		parts = append(parts, g.Key+b.words().colon+d)
		nseries = max(nseries, len(o.Series))
		merged = b.mergeFacet(merged, o, gi, g.Key)
	}
	b.shareValueAxis(merged)
	legend := b.legendShown(nseries)
	merged.Legend.Show = opts.Bool(legend)
	head := 0.0
	if legend {
		head = 28
	}
	rows := b.placeFacets(merged, head)
	w := b.words()
	desc := b.head() + w.comma + b.forms().facet(b.label(s.Facet)) + w.colon + strings.Join(parts, w.semi) + w.end
	b.height = 40 + int(head) + facetHeight*rows
	return merged, desc, nil
}

// facet builds one small multiple: the chart of the facet's rows, with no
// title or legend of its own, and the body of its description.
func (b *builder) facet(t *dataset.Table) (*option, string, error) {
	sub := *b.s
	sub.Facet, sub.Title, sub.Subtitle = "", "", ""
	off := false
	sub.Legend = &off
	sb := &builder{s: &sub, t: t, fam: b.fam}
	sb.check()
	if len(sb.errs) > 0 {
		return nil, "", sb.errs
	}
	o, desc, err := sb.cartesian()
	return o, sb.bodyOf(desc), err
}

// bodyOf strips a sub-chart's description of its kind and final stop.
func (b *builder) bodyOf(desc string) string {
	w := b.words()
	desc = strings.TrimSuffix(desc, w.end)
	desc = strings.TrimPrefix(desc, b.head())
	desc = strings.TrimPrefix(desc, w.colon)
	return strings.TrimPrefix(desc, w.comma)
}

// mergeFacet adds one small multiple's axes and series to the merged option.
// A one-series small multiple takes its facet's own colour when the facet
// value has one.
func (b *builder) mergeFacet(merged, o *option, gi int, key string) *option {
	for j, sr := range o.Series {
		sr.XAxisIndex, sr.YAxisIndex = new(gi), new(gi)
		color := b.palette()[j%len(b.palette())]
		if own := b.colorOf(key, true); own != "" && len(o.Series) == 1 {
			color = own
		}
		colorSeries(sr, color)
	}
	for _, axes := range [][]axis{o.XAxis, o.YAxis} {
		for i := range axes {
			axes[i].GridIndex = new(gi)
			if axes[i].Type == "value" {
				axes[i].Name = "" // the facet's title stands where the name would
			}
		}
	}
	t := title{Title: opts.Title{Title: key, TitleStyle: &opts.TextStyle{FontSize: 13, FontWeight: "normal"}}}
	if merged == nil {
		o.Title = append(o.Title, t)
		o.Grid = nil
		return o
	}
	merged.Series = append(merged.Series, o.Series...)
	merged.XAxis = append(merged.XAxis, o.XAxis...)
	merged.YAxis = append(merged.YAxis, o.YAxis...)
	merged.Title = append(merged.Title, t)
	return merged
}

// placeFacets lays the grids and their titles out in rows of up to three
// (two when there are four) and returns the number of rows.
func (b *builder) placeFacets(o *option, head float64) int {
	titles := o.Title[1:]
	cols := min(len(titles), 3)
	if len(titles) == 4 {
		cols = 2
	}
	o.Grid = nil
	for i := range titles {
		r, c := i/cols, i%cols
		top := head + 8 + float64(r*facetHeight)
		left := fmt.Sprintf("%.2f%%", float64(c)*100/float64(cols)+1)
		width := fmt.Sprintf("%.2f%%", 100/float64(cols)-2)
		o.Grid = append(o.Grid, grid{Grid: opts.Grid{Width: width, ContainLabel: opts.Bool(true)}, Left: left, Top: top + 30, Height: facetHeight - 62})
		titles[i].Left, titles[i].Top = left, top
	}
	return (len(titles) + cols - 1) / cols
}

// shareValueAxis gives every small multiple the same value range: from zero
// (or the lowest value) to a round number above the highest.
func (b *builder) shareValueAxis(o *option) {
	lo, hi := math.Inf(1), math.Inf(-1)
	stacked := map[[2]int]float64{}
	for _, sr := range o.Series {
		for i, v := range seriesValues(sr) {
			f, ok := plotted(v)
			if !ok {
				continue
			}
			if b.s.Stack {
				k := [2]int{*sr.XAxisIndex, i}
				stacked[k] += f
				f = stacked[k]
			}
			lo, hi = math.Min(lo, f), math.Max(hi, f)
		}
	}
	if math.IsInf(lo, 1) {
		return // no values: each axis keeps its own default
	}
	lo, hi = b.sharedRange(lo, hi)
	axes := o.YAxis
	if b.s.Horizontal {
		axes = o.XAxis
	}
	for i := range axes {
		if axes[i].Type == "value" {
			axes[i].Min, axes[i].Max = lo, hi
		}
	}
}

// sharedRange rounds the value range of small multiples out to round
// numbers: bars and areas keep zero in it, lines fit their data.
func (b *builder) sharedRange(lo, hi float64) (float64, float64) {
	if b.s.Type != "line" {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	span := hi - lo
	if span <= 0 {
		span = math.Max(math.Abs(hi), 1)
	}
	unit := math.Pow(10, math.Floor(math.Log10(span)))
	if span/unit < 3 {
		unit /= 5 // a finer step for a narrow range: 5.35M → 5.4M, not 6M
	}
	return math.Floor(lo/unit) * unit, math.Ceil(hi/unit) * unit
}

// seriesValues returns the values of a bar or line series' data items.
func seriesValues(sr *seriesOption) []any {
	var out []any
	switch data := sr.Data.(type) {
	case []opts.BarData:
		for _, d := range data {
			out = append(out, d.Value)
		}
	case []opts.LineData:
		for _, d := range data {
			out = append(out, d.Value)
		}
	}
	return out
}

// plotted reads a drawn value: v, or the value of a [date, v] pair.
func plotted(v any) (float64, bool) {
	if pair, ok := v.([]any); ok && len(pair) > 1 {
		v = pair[1]
	}
	f, ok := v.(float64)
	return f, ok
}
