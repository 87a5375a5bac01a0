package chart

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// item is one described data point.
type item struct {
	name    string
	x, v    float64
	size    float64
	hasSize bool
}

// words holds the description's wording in one language.
type words struct {
	kinds                 map[string]string
	colon, comma, semi    string
	end                   string
	more                  func(n int) string
	seriesCount           func(n int) string
	pointCount            func(n int) string
	xIs, yIs, sizeIs      string
	noData                string
	open, close, itemJoin string
}

var zhWords = words{
	kinds: map[string]string{
		"bar": "柱状图", "hbar": "条形图", "line": "折线图", "area": "面积图",
		"pie": "饼图", "donut": "环形图", "scatter": "散点图", "bubble": "气泡图",
		"funnel": "漏斗图", "waterfall": "瀑布图", "heatmap": "热力图", "treemap": "矩形树图", "radar": "雷达图",
		"combo": "柱线组合图",
	},
	colon: "：", comma: "，", semi: "；", end: "。",
	more:        func(n int) string { return fmt.Sprintf("等，共%d项", n) },
	seriesCount: func(n int) string { return fmt.Sprintf("%d个系列", n) },
	pointCount:  func(n int) string { return fmt.Sprintf("%d个点", n) },
	xIs:         "横轴为", yIs: "纵轴为", sizeIs: "大小为",
	noData: "无数据",
	open:   "（", close: "）", itemJoin: "，",
}

var enWords = words{
	kinds: map[string]string{
		"bar": "Column chart", "hbar": "Bar chart", "line": "Line chart", "area": "Area chart",
		"pie": "Pie chart", "donut": "Donut chart", "scatter": "Scatter chart", "bubble": "Bubble chart",
		"funnel": "Funnel chart", "waterfall": "Waterfall chart", "heatmap": "Heatmap", "treemap": "Treemap", "radar": "Radar chart",
		"combo": "Bar and line chart",
	},
	colon: ": ", comma: ", ", semi: "; ", end: ".",
	more: func(n int) string { return fmt.Sprintf("and more, %d in all", n) },
	seriesCount: func(n int) string {
		if n == 1 {
			return "1 series"
		}
		return fmt.Sprintf("%d series", n)
	},
	pointCount: func(n int) string {
		if n == 1 {
			return "1 point"
		}
		return fmt.Sprintf("%d points", n)
	},
	xIs: "x: ", yIs: "y: ", sizeIs: "size: ",
	noData: "no data",
	open:   " (", close: ")", itemJoin: ", ",
}

func (b *builder) words() *words {
	if numfmt.IsChinese(b.s.Lang) {
		return &zhWords
	}
	return &enWords
}

// head starts a description: the kind of chart and its title.
func (b *builder) head() string {
	w := b.words()
	kind := b.s.Type
	if kind == "bar" && b.s.Horizontal {
		kind = "hbar"
	}
	if kind == "bar" && len(b.s.Y2) > 0 {
		kind = "combo"
	}
	h := w.kinds[kind]
	if b.s.Title != "" {
		h += w.comma + b.s.Title
	}
	return h
}

// list joins the descriptions of n points, naming at most describeMax of
// them: part(i) is only called for those.
func (b *builder) list(n int, part func(i int) string) string {
	w := b.words()
	parts := make([]string, 0, min(n, describeMax))
	for i := 0; i < n && i < describeMax; i++ {
		parts = append(parts, part(i))
	}
	text := strings.Join(parts, w.comma)
	if n > describeMax {
		text += w.comma + w.more(n)
	}
	return text
}

func (b *builder) num(v any, col string) string {
	f, ok := v.(float64)
	if !ok {
		return b.words().noData
	}
	return numfmt.Format(f, b.format(col), b.s.Lang)
}

// describeCartesian sums up a bar, line or area chart.
func (b *builder) describeCartesian(all []series, cats []string, timeAxis, split bool) string {
	w := b.words()
	points := func(sr series) string {
		return b.list(len(sr.values), func(i int) string {
			if timeAxis {
				pair := sr.values[i].([]any)
				return pair[0].(string) + " " + b.num(pair[1], sr.col)
			}
			return cats[i] + " " + b.num(sr.values[i], sr.col)
		})
	}
	if len(all) == 1 {
		return b.head() + w.colon + points(all[0]) + w.end
	}
	var groups []string
	for i, sr := range all {
		if i == describeMax {
			break
		}
		groups = append(groups, sr.name+w.colon+points(sr))
	}
	return b.head() + w.comma + w.seriesCount(len(all)) + w.colon + strings.Join(groups, w.semi) + w.end
}

// describePie sums up a pie or donut chart with each slice's share.
func (b *builder) describePie(items []item) string {
	w := b.words()
	total := 0.0
	for _, it := range items {
		total += it.v
	}
	y := b.s.Y[0]
	return b.head() + w.colon + b.list(len(items), func(i int) string {
		it := items[i]
		share := ""
		if total > 0 {
			share = w.open + numfmt.Format(it.v/total, "percent", b.s.Lang) + w.close
		}
		return it.name + " " + numfmt.Format(it.v, b.format(y), b.s.Lang) + share
	}) + w.end
}

// describeScatter sums up a scatter or bubble chart: its axes, then points.
func (b *builder) describeScatter(all []series, points [][]item) string {
	w := b.words()
	s := b.s
	n := 0
	for _, p := range points {
		n += len(p)
	}
	axes := []string{w.xIs + b.xLabel(), w.yIs + b.yLabel(s.Y[0])}
	if len(s.Y) > 1 || s.Series != "" {
		axes[1] = w.yIs + b.valueAxisLabel()
	}
	if s.Size != "" {
		axes = append(axes, w.sizeIs+b.label(s.Size))
	}
	text := b.head() + w.comma + w.pointCount(n) + w.comma + strings.Join(axes, w.comma)
	var groups []string
	for gi, p := range points {
		if gi == describeMax {
			break
		}
		y := s.Y[gi%len(s.Y)]
		g := b.list(len(p), func(i int) string {
			it := p[i]
			vals := []string{numfmt.Format(it.x, b.format(s.X), s.Lang), numfmt.Format(it.v, b.format(y), s.Lang)}
			if it.hasSize {
				vals = append(vals, numfmt.Format(it.size, b.format(s.Size), s.Lang))
			}
			tuple := w.open + strings.Join(vals, w.itemJoin) + w.close
			if it.name != "" {
				return it.name + tuple
			}
			return strings.TrimSpace(tuple)
		})
		if len(all) > 1 {
			g = all[gi].name + w.colon + g
		}
		groups = append(groups, g)
	}
	return text + w.colon + strings.Join(groups, w.semi) + w.end
}

// valueAxisLabel names the y values when there are several series.
func (b *builder) valueAxisLabel() string {
	if n := b.valueAxisName(); n != "" {
		return n
	}
	labels := make([]string, len(b.s.Y))
	for i, y := range b.s.Y {
		labels[i] = b.label(y)
	}
	return strings.Join(labels, "/")
}
