package chart

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/broadsheet/broadsheet/internal/locale"
)

// formWords holds the words of the newer chart forms in one language.
type formWords struct {
	stats            map[string]string
	refs             string
	start, end       string
	ofFirst          string
	steps            string
	facet            func(name string) string
	indicators, cell string
}

// formsWords holds the newer forms' words in each language, from locale's
// tables.
var formsWords = func() []formWords {
	out := make([]formWords, len(locale.Langs()))
	for _, l := range locale.Langs() {
		out[l] = formWords{
			stats: map[string]string{"avg": l.Word(locale.StatAvg), "median": l.Word(locale.StatMedian), "min": l.Word(locale.StatMin), "max": l.Word(locale.StatMax)},
			refs:  l.Word(locale.Reference), start: l.Word(locale.StepsStart), end: l.Word(locale.StepsEnd),
			ofFirst: l.Word(locale.OfFirst), steps: l.Word(locale.Steps),
			facet:      func(name string) string { return l.Format(locale.Facet, name) },
			indicators: l.Word(locale.Indicators), cell: l.Word(locale.Cells),
		}
	}
	return out
}()

func (b *builder) forms() *formWords {
	return &formsWords[locale.Of(b.s.Lang)]
}

func joinWith(parts []string, sep string) string { return strings.Join(parts, sep) }

// plain turns a go-echarts value (a struct of options) into plain JSON
// values, as normalize does for a whole option.
func plain(v any) any {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil // option structs always encode
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out any
	if dec.Decode(&out) != nil {
		return nil
	}
	dropNulls(out)
	return out
}

// checkForm checks the keys that only some chart forms take, and what each
// newer form needs from its data.
func (b *builder) checkForm() {
	s := b.s
	cartesian := s.Type == "bar" || s.Type == "line" || s.Type == "area"
	b.checkRefs()
	if len(s.Y2) > 0 {
		switch {
		case !cartesian:
			addf(&b.errs, "y2", "a second value axis belongs to bar, line and area charts", "a %s chart has no second axis", s.Type)
		case s.Horizontal:
			addf(&b.errs, "y2", "draw the bars upright, or remove y2", "a horizontal bar chart cannot have a second value axis")
		case s.Series != "":
			addf(&b.errs, "y2", "use y2 with y columns, not with series", "y2 cannot be combined with series")
		}
		for _, y := range s.Y2 {
			if c := b.column("y2", y); c != nil && !c.Type.Numeric() {
				addf(&b.errs, "y2", "pick a column of numbers for y2", "y2 column %q holds %s, not numbers", y, typeWord(c.Type))
			}
		}
	}
	if s.Y2Name != "" && len(s.Y2) == 0 {
		addf(&b.errs, "y2_name", "add y2 = \"column\" for the second axis", "y2_name names a second axis, but there is no y2")
	}
	if s.Facet != "" {
		b.column("facet", s.Facet)
		if !cartesian {
			addf(&b.errs, "facet", "small multiples are drawn for bar, line and area charts", "a %s chart cannot be split with facet", s.Type)
		}
		if cartesian && (len(s.Y2) > 0 || len(s.Refs) > 0) {
			addf(&b.errs, "facet", "draw the second axis or references on one chart", "facet cannot be combined with y2 or ref")
		}
	}
	if s.Value != "" && s.Type != "heatmap" {
		addf(&b.errs, "value", "value is the heatmap's column of numbers", "a %s chart has no use for value", s.Type)
	}
	if (s.Start != nil || s.StartColumn != "" || s.StartName != "" || s.EndName != "") && s.Type != "waterfall" {
		addf(&b.errs, "start", "start and end belong to waterfall charts", "a %s chart has no start or end", s.Type)
	}
	switch s.Type {
	case "funnel", "treemap", "waterfall":
		b.oneValue()
	case "heatmap":
		b.checkHeatmap()
	case "radar":
		b.checkRadar()
	}
	if s.Type == "waterfall" && s.StartColumn != "" {
		if c := b.column("start", s.StartColumn); c != nil && !c.Type.Numeric() {
			addf(&b.errs, "start", "pick a column of numbers, or write a number", "start column %q holds %s, not numbers", s.StartColumn, typeWord(c.Type))
		}
	}
	if s.Series != "" && (s.Type == "funnel" || s.Type == "waterfall" || s.Type == "radar" || s.Type == "heatmap") {
		addf(&b.errs, "series", "filter the rows with where, or draw a bar chart with series", "a %s chart cannot split into series", s.Type)
	}
	if s.Stack && contains([]string{"funnel", "waterfall", "heatmap", "treemap", "radar"}, s.Type) {
		addf(&b.errs, "stack", "", "a %s chart cannot be stacked", s.Type)
	}
}

// oneValue checks that a funnel, treemap or waterfall has one y column.
func (b *builder) oneValue() {
	if len(b.s.Y) > 1 {
		addf(&b.errs, "y", "pick one y column", "a %s chart shows one value column, but y names %d (%s)", b.s.Type, len(b.s.Y), quoteList(b.s.Y))
	}
}

func (b *builder) checkHeatmap() {
	s := b.s
	if len(s.Y) > 1 {
		addf(&b.errs, "y", "name one column of categories for the rows", "a heatmap has one y column of categories, but y names %d", len(s.Y))
	}
	if s.Value == "" {
		addf(&b.errs, "value", "", "a heatmap needs value (the column of numbers that colours each cell)")
		return
	}
	if c := b.column("value", s.Value); c != nil && !c.Type.Numeric() {
		addf(&b.errs, "value", "pick a column of numbers", "value column %q holds %s, not numbers", s.Value, typeWord(c.Type))
	}
}

func (b *builder) checkRadar() {
	s := b.s
	if len(s.Y) == 0 {
		return
	}
	if len(s.Y) < 3 {
		addf(&b.errs, "y", "a radar needs at least three axes; draw a bar chart for fewer", "a radar chart needs 3 or more y columns (one axis each), not %d", len(s.Y))
	}
	f := b.format(s.Y[0])
	for _, y := range s.Y[1:] {
		if b.format(y) != f {
			addf(&b.errs, "format", "give every axis the same format: format = \"…\"", "a radar chart writes every axis in one format, but %q and %q differ", s.Y[0], y)
			return
		}
	}
}
