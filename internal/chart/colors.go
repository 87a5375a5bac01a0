package chart

import (
	"hash/fnv"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// Colors are the colours a site gives meaning to.
type Colors struct {
	// Palette replaces the default series colours, in order.
	Palette []string
	// Fixed gives a category or series name its own colour in every chart:
	// series, slices, stages, tiles, radar shapes, and the bars of a
	// one-series bar chart whose every category has a fixed colour.
	Fixed map[string]string
	// Stable gives every other series, slice, stage and tile name a palette
	// colour chosen from a hash of the name, so that it keeps it in every
	// chart and edition.
	Stable bool
	// Up and Down colour rises and falls; empty picks them by language.
	Up, Down string
}

// Default colours of a rise and a fall. Chinese readers see a rise in red,
// others in green.
const (
	red   = "#b42318"
	green = "#1a7f37"
)

// UpDown returns the colours of a rise and a fall in the language lang.
func (c Colors) UpDown(lang string) (string, string) {
	up, down := green, red
	if numfmt.IsChinese(lang) {
		up, down = red, green
	}
	return or(c.Up, up), or(c.Down, down)
}

// palette returns the series colours in order.
func (b *builder) palette() []string {
	if len(b.s.Colors.Palette) > 0 {
		return b.s.Colors.Palette
	}
	return Palette
}

// colorOf returns the colour a name keeps in every chart: its fixed colour,
// else (with stable colours, for a category of the data) a palette colour
// chosen by a hash of the name; or "".
func (b *builder) colorOf(name string, category bool) string {
	c := b.s.Colors
	if col := c.Fixed[name]; col != "" {
		return col
	}
	if !c.Stable || !category || name == "" {
		return ""
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	p := b.palette()
	return p[h.Sum32()%uint32(len(p))]
}

// itemStyle returns the style of a named item (a slice, stage, tile or
// radar shape) that keeps a colour (see colorOf), or nil.
func (b *builder) itemStyle(name string, category bool) *opts.ItemStyle {
	if col := b.colorOf(name, category); col != "" {
		return &opts.ItemStyle{Color: col}
	}
	return nil
}

// applyColors sets the palette and the colours that names keep on series
// (a series named by a category of the data, or with a fixed colour) and on
// the bars of a one-series bar chart whose categories have fixed colours.
// Named items (slices, stages, tiles, radar shapes) take theirs when they
// are made (itemStyle).
func (b *builder) applyColors(o *option) {
	o.Color = b.palette()
	for _, sr := range o.Series {
		switch sr.Type {
		case "heatmap", "pie", "funnel", "treemap", "radar":
			continue
		}
		if col := b.colorOf(sr.Name, b.s.Series != ""); col != "" {
			colorSeries(sr, col)
		}
	}
	b.colorBars(o)
}

// colorSeries gives a series a colour, and its line the same.
func colorSeries(sr *seriesOption, col string) {
	if sr.ItemStyle == nil {
		sr.ItemStyle = &opts.ItemStyle{}
	}
	sr.ItemStyle.Color = col
	if sr.Type == "line" {
		if sr.LineStyle == nil {
			sr.LineStyle = &opts.LineStyle{}
		}
		sr.LineStyle.Color = col
	}
}

// colorBars colours the bars of a one-series bar chart by their categories'
// fixed colours when every category has one (a few coloured bars among
// plain ones would read as a highlight).
func (b *builder) colorBars(o *option) {
	if b.s.Type != "bar" || len(o.Series) != 1 || len(b.s.Colors.Fixed) == 0 {
		return
	}
	data, ok := o.Series[0].Data.([]opts.BarData)
	cats := b.categoryLabels(o)
	if !ok || len(cats) == 0 {
		return
	}
	for _, c := range cats {
		if b.s.Colors.Fixed[c] == "" {
			return
		}
	}
	for i := range min(len(data), len(cats)) {
		data[i].ItemStyle = &opts.ItemStyle{Color: b.s.Colors.Fixed[cats[i]]}
	}
}

// categoryLabels returns the category axis's labels.
func (b *builder) categoryLabels(o *option) []string {
	axes := o.XAxis
	if b.s.Horizontal {
		axes = o.YAxis
	}
	if len(axes) == 0 {
		return nil
	}
	cats, _ := axes[0].Data.([]string)
	return cats
}
