package chart

import (
	"strings"

	"github.com/broadsheet/broadsheet/internal/locale"
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

// described holds the description's wording in each language, from
// locale's tables.
var described = func() []words {
	out := make([]words, len(locale.Langs()))
	for _, l := range locale.Langs() {
		out[l] = words{
			kinds: map[string]string{
				"bar": l.Word(locale.ChartBar), "hbar": l.Word(locale.ChartHBar), "line": l.Word(locale.ChartLine),
				"area": l.Word(locale.ChartArea), "pie": l.Word(locale.ChartPie), "donut": l.Word(locale.ChartDonut),
				"scatter": l.Word(locale.ChartScatter), "bubble": l.Word(locale.ChartBubble), "funnel": l.Word(locale.ChartFunnel),
				"waterfall": l.Word(locale.ChartWaterfall), "heatmap": l.Word(locale.ChartHeatmap),
				"treemap": l.Word(locale.ChartTreemap), "radar": l.Word(locale.ChartRadar), "combo": l.Word(locale.ChartCombo),
			},
			colon: l.Word(locale.Colon), comma: l.Word(locale.Comma), semi: l.Word(locale.Semicolon), end: l.Word(locale.FullStop),
			more:        func(n int) string { return l.Format(locale.AndMore, n) },
			seriesCount: func(n int) string { return l.Count(locale.SeriesOne, locale.SeriesMany, n) },
			pointCount:  func(n int) string { return l.Count(locale.PointOne, locale.PointMany, n) },
			xIs:         l.Word(locale.XIs), yIs: l.Word(locale.YIs), sizeIs: l.Word(locale.SizeIs),
			noData: l.Word(locale.NoData),
			open:   l.Word(locale.OpenParen), close: l.Word(locale.CloseParen), itemJoin: l.Word(locale.Comma),
		}
	}
	return out
}()

func (b *builder) words() *words {
	return &described[locale.Of(b.s.Lang)]
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
