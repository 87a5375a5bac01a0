package chart

import (
	"hash/fnv"

	"github.com/broadsheet/broadsheet/internal/locale"
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
	if locale.Of(lang).RedRises() {
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

// applyColors sets the palette and the colours that names keep: on series
// (a series named by a category of the data, or with a fixed colour), on
// named data items (slices, stages, tiles, radar shapes), and on the bars of
// a one-series bar chart whose categories have fixed colours.
func (b *builder) applyColors(option map[string]any) {
	option["color"] = b.palette()
	for _, s := range list(option["series"]) {
		sr, _ := s.(map[string]any)
		if sr == nil || sr["type"] == "heatmap" {
			continue
		}
		if b.splitsByItem(sr) {
			b.colorNamed(list(sr["data"]), true)
			continue
		}
		name, _ := sr["name"].(string)
		if col := b.colorOf(name, b.s.Series != ""); col != "" {
			setPath(sr, []string{"itemStyle", "color"}, col)
			if sr["type"] == "line" {
				setPath(sr, []string{"lineStyle", "color"}, col)
			}
		}
		b.colorBars(sr, option)
	}
}

// splitsByItem reports whether a series' data items are the named things
// (slices, stages, tiles, shapes) rather than the series itself.
func (b *builder) splitsByItem(sr map[string]any) bool {
	switch sr["type"] {
	case "pie", "funnel", "treemap", "radar":
		return true
	}
	return false
}

// colorBars colours the bars of a one-series bar chart by their categories'
// fixed colours when every category has one (a few coloured bars among
// plain ones would read as a highlight).
func (b *builder) colorBars(sr map[string]any, option map[string]any) {
	if sr["type"] != "bar" || b.s.Type != "bar" || len(list(option["series"])) != 1 || len(b.s.Colors.Fixed) == 0 {
		return
	}
	cats := b.categories(option)
	for _, c := range cats {
		if b.s.Colors.Fixed[c] == "" {
			return
		}
	}
	for i, d := range list(sr["data"]) {
		if item, ok := d.(map[string]any); ok && i < len(cats) {
			setPath(item, []string{"itemStyle", "color"}, b.s.Colors.Fixed[cats[i]])
		}
	}
}

// colorNamed colours named items; the tiles inside a treemap group keep
// their group's colour unless they have a fixed colour of their own.
func (b *builder) colorNamed(data []any, top bool) {
	for _, d := range data {
		item, ok := d.(map[string]any)
		if !ok {
			continue
		}
		name, _ := item["name"].(string)
		if col := b.colorOf(name, top); col != "" {
			setPath(item, []string{"itemStyle", "color"}, col)
			if b.s.Type == "radar" {
				setPath(item, []string{"lineStyle", "color"}, col)
				setPath(item, []string{"areaStyle", "color"}, col)
			}
		}
		if kids, ok := item["children"].([]any); ok {
			b.colorNamed(kids, false)
		}
	}
}

// categories returns the category axis's labels.
func (b *builder) categories(option map[string]any) []string {
	kind := "xAxis"
	if b.s.Horizontal {
		kind = "yAxis"
	}
	axes := list(option[kind])
	if len(axes) == 0 {
		return nil
	}
	axis, _ := axes[0].(map[string]any)
	var out []string
	for _, c := range list(axis["data"]) {
		s, _ := c.(string)
		out = append(out, s)
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
