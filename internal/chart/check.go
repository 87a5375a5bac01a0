package chart

import (
	"fmt"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// check validates the spec against the table: a known type, required keys,
// columns that exist, types that fit the chart, keys the chart has a use
// for, and rows to draw.
func (b *builder) check() {
	if b.fam == 0 {
		b.unknownType()
		return
	}
	b.checkColumns()
	b.checkNumbers()
	b.checkFamily()
	b.checkForm()
	if len(b.errs) == 0 && b.t.Len() == 0 {
		addf(&b.errs, "data", "check the where filter and the dataset", "no rows to draw")
	}
}

// unknownType reports a missing or unknown chart type.
func (b *builder) unknownType() {
	if e := TypeError(b.s.Type); e != nil {
		b.errs = append(b.errs, e)
	}
}

// TypeError returns the problem with a chart type that is not one of
// Types, or nil: it needs no data, so a block reports it beside its other
// problems.
func TypeError(t string) *Error {
	if slices.Contains(Types, t) {
		return nil
	}
	hint := "use one of " + strings.Join(Types, ", ")
	if t == "" {
		return &Error{Key: "type", Hint: hint, Msg: "missing chart type"}
	}
	if c := diag.Closest(t, Types); c != "" {
		hint = fmt.Sprintf("did you mean %q?", c)
	}
	return &Error{Key: "type", Hint: hint, Msg: fmt.Sprintf("unknown chart type %q", t)}
}

// checkColumns finds the columns the spec names and requires x and y.
func (b *builder) checkColumns() {
	s := b.s
	b.x = b.column("x", s.X)
	for _, y := range s.Y {
		if y == "" {
			addf(&b.errs, "y", "", "y names an empty column")
		}
		b.ys = append(b.ys, b.column("y", y))
	}
	b.column("series", s.Series)
	b.size = b.column("size", s.Size)
	b.name = b.column("name", s.Name)
	if s.X == "" {
		addf(&b.errs, "x", "", "a %s chart needs x (%s)", s.Type, xRole(b.fam))
	}
	if len(s.Y) == 0 {
		addf(&b.errs, "y", "", "a %s chart needs y (the column of values)", s.Type)
	}
	if s.Series != "" && len(s.Y) > 1 {
		addf(&b.errs, "series", "use either several y columns or series, not both", "series splits one y column, but y names %d columns", len(s.Y))
	}
}

// checkNumbers checks that the value columns hold numbers.
func (b *builder) checkNumbers() {
	s := b.s
	for i, c := range b.ys {
		if c != nil && !c.Type.Numeric() && b.fam != heatmapChart {
			b.notNumbers("y", "pick a column of numbers for y", fmt.Sprintf("y column %q", s.Y[i]), c)
		}
	}
	if b.size != nil && !b.size.Type.Numeric() {
		b.notNumbers("size", "pick a column of numbers for size", fmt.Sprintf("size column %q", s.Size), b.size)
	}
}

// checkFamily checks what pie and scatter charts need, and the keys that
// belong to one family only (size, name, horizontal).
func (b *builder) checkFamily() {
	s := b.s
	switch b.fam {
	case roundChart:
		if len(s.Y) > 1 {
			addf(&b.errs, "y", "draw a bar chart to compare several values, or pick one y", "a %s chart shows one value column, but y names %d (%s)", s.Type, len(s.Y), quoteList(s.Y))
		}
		if s.Series != "" {
			addf(&b.errs, "series", "draw a bar chart with series, or filter the rows with where", "a %s chart cannot split into series", s.Type)
		}
	case pointChart:
		if b.x != nil && !b.x.Type.Numeric() {
			addf(&b.errs, "x", "draw a bar chart for categories", "a %s chart needs numbers on x, but %q holds %s", s.Type, s.X, typeWord(b.x.Type))
		}
		if s.Type == "bubble" && s.Size == "" {
			addf(&b.errs, "size", "", "a bubble chart needs size (the column that sizes each bubble)")
		}
	}
	if s.Stack && b.fam != cartesianChart {
		addf(&b.errs, "stack", "", "a %s chart cannot be stacked", s.Type)
	}
	if s.Size != "" && b.fam != pointChart {
		addf(&b.errs, "size", "size sizes the points of scatter and bubble charts", "a %s chart has no use for size", s.Type)
	}
	if s.Name != "" && b.fam != pointChart {
		addf(&b.errs, "name", "name labels the points of scatter and bubble charts; x names the categories", "a %s chart has no use for name", s.Type)
	}
	if s.Horizontal && s.Type != "bar" {
		addf(&b.errs, "horizontal", "", "only bar charts can be horizontal, not %s charts", s.Type)
	}
}

// checkForm checks the keys that only some chart forms take, and what each
// newer form needs from its data.
func (b *builder) checkForm() {
	s := b.s
	b.checkRefs()
	b.checkSecondAxis()
	if s.Facet != "" {
		b.column("facet", s.Facet)
		if b.fam != cartesianChart {
			addf(&b.errs, "facet", "small multiples are drawn for bar, line and area charts", "a %s chart cannot be split with facet", s.Type)
		} else if len(s.Y2) > 0 || len(s.Refs) > 0 {
			addf(&b.errs, "facet", "draw the second axis or references on one chart", "facet cannot be combined with y2 or ref")
		}
	}
	if s.Value != "" && b.fam != heatmapChart {
		addf(&b.errs, "value", "value is the heatmap's column of numbers", "a %s chart has no use for value", s.Type)
	}
	if (s.Start != nil || s.StartColumn != "" || s.StartName != "" || s.EndName != "") && b.fam != waterfallChart {
		addf(&b.errs, "start", "start and end belong to waterfall charts", "a %s chart has no start or end", s.Type)
	}
	switch b.fam {
	case funnelChart, treemapChart:
		b.oneValue()
	case waterfallChart:
		b.oneValue()
		if s.StartColumn != "" {
			if c := b.column("start", s.StartColumn); c != nil && !c.Type.Numeric() {
				addf(&b.errs, "start", "pick a column of numbers, or write a number", "start column %q holds %s, not numbers", s.StartColumn, typeWord(c.Type))
			}
		}
	case heatmapChart:
		b.checkHeatmap()
	case radarChart:
		b.checkRadar()
	}
	if s.Series != "" && (b.fam == funnelChart || b.fam == waterfallChart || b.fam == radarChart || b.fam == heatmapChart) {
		addf(&b.errs, "series", "filter the rows with where, or draw a bar chart with series", "a %s chart cannot split into series", s.Type)
	}
}

// checkSecondAxis checks y2 and y2_name.
func (b *builder) checkSecondAxis() {
	s := b.s
	if len(s.Y2) > 0 {
		switch {
		case b.fam != cartesianChart:
			addf(&b.errs, "y2", "a second value axis belongs to bar, line and area charts", "a %s chart has no second axis", s.Type)
		case s.Horizontal:
			addf(&b.errs, "y2", "draw the bars upright, or remove y2", "a horizontal bar chart cannot have a second value axis")
		case s.Series != "":
			addf(&b.errs, "y2", "use y2 with y columns, not with series", "y2 cannot be combined with series")
		}
		for _, y := range s.Y2 {
			if c := b.column("y2", y); c != nil && !c.Type.Numeric() {
				b.notNumbers("y2", "pick a column of numbers for y2", fmt.Sprintf("y2 column %q", y), c)
			}
		}
	}
	if s.Y2Name != "" && len(s.Y2) == 0 {
		addf(&b.errs, "y2_name", "add y2 = \"column\" for the second axis", "y2_name names a second axis, but there is no y2")
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
		b.notNumbers("value", "pick a column of numbers", fmt.Sprintf("value column %q", s.Value), c)
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

// column returns the named column or records an error under key; nil for
// an unnamed column.
func (b *builder) column(key, name string) *dataset.Column {
	if name == "" {
		return nil
	}
	c := b.t.Column(name)
	if c == nil {
		addf(&b.errs, key, diag.ColumnHint(name, b.t.Names()), "dataset %q has no column %q", b.t.Name, name)
	}
	return c
}

func xRole(f family) string {
	switch f {
	case roundChart:
		return "the column that names the slices"
	case pointChart:
		return "the column of horizontal values"
	}
	return "the column of categories"
}

// notNumbers reports that the column named what, under key, holds no
// numbers: when most of its values are numbers, it names the value that is
// not, so the author can correct that cell.
func (b *builder) notNumbers(key, hint, what string, c *dataset.Column) {
	row, numbers, ok := dataset.StrayText(c)
	if !ok {
		addf(&b.errs, key, hint, "%s holds %s, not numbers", what, typeWord(c.Type))
		return
	}
	addf(&b.errs, key, "correct that cell, or leave it empty for a missing value", "%s holds text, not numbers: %q (%s) is not a number, though the column's other %s",
		what, c.Str[row], b.t.RowName(row), otherNumbers(numbers))
}

// otherNumbers says how many of a column's other values are numbers.
func otherNumbers(n int) string {
	if n == 1 {
		return "value is"
	}
	return fmt.Sprintf("%d values are", n)
}

func typeWord(t dataset.Type) string {
	switch t {
	case dataset.String:
		return "text"
	case dataset.Date:
		return "dates"
	case dataset.Bool:
		return "true/false values"
	}
	return "numbers"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// contains reports whether list holds s.
