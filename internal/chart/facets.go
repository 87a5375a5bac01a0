package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/broadsheet/broadsheet/internal/query"
)

// maxFacets is the most small multiples one chart draws.
const maxFacets = 24

// facetHeight is the height in px of one row of small multiples.
const facetHeight = 220

// facets builds small multiples: one bar, line or area chart per value of
// the facet column, laid out in a grid, sharing one value axis range and
// one legend, each series in the same colour in every chart.
func (b *builder) facets() (map[string]any, string, error) {
	s := b.s
	groups, err := query.Split(b.t, s.Facet)
	if err != nil {
		return nil, "", Errors{{Key: "facet", Msg: err.Error()}}
	}
	if len(groups) > maxFacets {
		return nil, "", Errors{{Key: "facet", Msg: fmt.Sprintf("facet %q has %d values, more than the %d small multiples a chart draws", s.Facet, len(groups), maxFacets),
			Hint: "filter the rows with where, or facet by a column with fewer values"}}
	}
	cols := min(len(groups), 3)
	if len(groups) == 4 {
		cols = 2
	}
	rows := (len(groups) + cols - 1) / cols
	var merged map[string]any
	var parts []string
	nseries := 0
	for gi, g := range groups {
		sub := *s
		sub.Facet, sub.Title, sub.Subtitle = "", "", ""
		off := false
		sub.Legend = &off
		sb := &builder{s: &sub, t: g.Table}
		sb.check()
		if len(sb.errs) > 0 {
			return nil, "", sb.errs
		}
		o, d, err := sb.cartesian()
		if err != nil {
			return nil, "", err
		}
		parts = append(parts, g.Key+b.words().colon+sb.bodyOf(d))
		nseries = max(nseries, len(list(o["series"])))
		merged = b.mergeFacet(merged, o, gi, g.Key, cols, rows)
	}
	b.shareValueAxis(merged)
	legend := b.legendShown(nseries)
	setPath(merged, []string{"legend", "show"}, legend)
	head := 0.0
	if legend {
		head = 28
	}
	b.placeFacets(merged, cols, rows, head)
	w := b.words()
	desc := b.head() + w.comma + b.forms().facet(b.label(s.Facet)) + w.colon + strings.Join(parts, w.semi) + w.end
	setAria(merged, desc)
	b.height = 40 + int(head) + facetHeight*rows
	return merged, desc, nil
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
func (b *builder) mergeFacet(merged, o map[string]any, gi int, key string, cols, rows int) map[string]any {
	series := list(o["series"])
	for j, sr := range series {
		m := sr.(map[string]any)
		m["xAxisIndex"], m["yAxisIndex"] = gi, gi
		color := b.palette()[j%len(b.palette())]
		if own := b.colorOf(key, true); own != "" && len(series) == 1 {
			color = own
		}
		setPath(m, []string{"itemStyle", "color"}, color)
		if m["type"] == "line" {
			setPath(m, []string{"lineStyle", "color"}, color)
		}
	}
	for _, kind := range []string{"xAxis", "yAxis"} {
		for _, a := range list(o[kind]) {
			m := a.(map[string]any)
			m["gridIndex"] = gi
			if m["type"] == "value" {
				delete(m, "name") // the facet's title stands where the name would
			}
		}
	}
	title := map[string]any{"text": key, "textStyle": map[string]any{"fontSize": 13, "fontWeight": "normal"}}
	if merged == nil {
		merged = o
		hidden := merged["title"]
		merged["title"] = []any{hidden, title}
		merged["grid"] = []any{}
		return merged
	}
	for _, k := range []string{"series", "xAxis", "yAxis"} {
		merged[k] = append(list(merged[k]), list(o[k])...)
	}
	merged["title"] = append(list(merged["title"]), title)
	return merged
}

// placeFacets lays the grids and their titles out, cols across.
func (b *builder) placeFacets(option map[string]any, cols, rows int, head float64) {
	titles := list(option["title"])[1:]
	var grids []any
	for i := range titles {
		r, c := i/cols, i%cols
		top := head + 8 + float64(r*facetHeight)
		left := fmt.Sprintf("%.2f%%", float64(c)*100/float64(cols)+1)
		width := fmt.Sprintf("%.2f%%", 100/float64(cols)-2)
		grids = append(grids, map[string]any{"left": left, "width": width, "top": top + 30, "height": facetHeight - 62, "containLabel": true})
		t := titles[i].(map[string]any)
		t["left"], t["top"] = left, top
	}
	option["grid"] = grids
}

// shareValueAxis gives every small multiple the same value range: from zero
// (or the lowest value) to a round number above the highest.
func (b *builder) shareValueAxis(option map[string]any) {
	lo, hi := math.Inf(1), math.Inf(-1)
	stacked := map[string]float64{}
	for _, sr := range list(option["series"]) {
		m := sr.(map[string]any)
		for i, d := range list(m["data"]) {
			v, ok := plotted(d)
			if !ok {
				continue
			}
			if b.s.Stack {
				k := fmt.Sprintf("%v/%d", m["xAxisIndex"], i)
				stacked[k] += v
				v = stacked[k]
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return // no values: each axis keeps its own default
	}
	lo, hi = b.sharedRange(lo, hi)
	kind := "yAxis"
	if b.s.Horizontal {
		kind = "xAxis"
	}
	for _, a := range list(option[kind]) {
		m := a.(map[string]any)
		if m["type"] == "value" {
			m["min"], m["max"] = lo, hi
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

// plotted reads the value of a data item: {"value": v}, v, or [date, v].
func plotted(d any) (float64, bool) {
	if m, ok := d.(map[string]any); ok {
		d = m["value"]
	}
	if l, ok := d.([]any); ok && len(l) > 1 {
		d = l[1]
	}
	switch v := d.(type) {
	case float64:
		return v, true
	case interface{ Float64() (float64, error) }:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}
