package chart

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// step is one bar of a waterfall: a total (from zero) or a signed change
// floating between the level before and after it.
type step struct {
	name       string
	base, size float64 // the bar spans base to base+size
	change     float64 // the signed change; the level for a total
	total      bool
	level      float64 // the running total after the bar
}

// waterfall builds a waterfall: an optional start bar, one floating bar per
// row (up in the up colour, down in the down colour), and an end bar with
// the total. Each bar floats on a transparent bar that no one can point at.
func (b *builder) waterfall() (*option, string, error) {
	steps, err := b.steps()
	if err != nil {
		return nil, "", err
	}
	cats := make([]string, len(steps))
	base := make([]opts.BarData, len(steps))
	bars := make([]barStep, len(steps))
	up, down := b.s.Colors.UpDown(b.s.Lang)
	for i, st := range steps {
		cats[i] = st.name
		base[i] = opts.BarData{Value: st.base}
		color := b.palette()[0]
		switch {
		case st.total:
		case st.change >= 0:
			color = up
		default:
			color = down
		}
		bars[i] = barStep{BarData: opts.BarData{Value: st.size, ItemStyle: &opts.ItemStyle{Color: color}}}
		if !st.total {
			bars[i].Step = &steps[i].change
		}
	}
	y := b.s.Y[0]
	format := b.format(y)
	hidden := newSeries("bar", "", base)
	hidden.Stack, hidden.Silent = "waterfall", true
	hidden.ItemStyle = &opts.ItemStyle{Color: "transparent", BorderColor: "transparent"}
	hidden.Tooltip = &seriesTooltip{Show: opts.Bool(false)}
	hidden.Emphasis = &emphasis{Disabled: true}
	shown := newSeries("bar", b.label(y), bars)
	shown.Stack, shown.BarMaxWidth = "waterfall", 48
	shown.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{Formatter: fnStr("bs:step:" + format)}}
	if b.s.Labels {
		shown.Label = &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "bs:step:" + format}
	}
	o := b.base(false, "item")
	o.Series = []*seriesOption{hidden, shown}
	xa := b.categoryAxis(len(cats))
	xa.Data = cats
	o.XAxis, o.YAxis = []axis{xa}, []axis{b.valueAxis(format)}
	o.Grid = oneOrMany[grid]{b.grid(false)}
	return o, b.describeWaterfall(steps), nil
}

// steps computes the bars of a waterfall from the spec's start and the rows.
func (b *builder) steps() ([]step, error) {
	s := b.s
	fw := b.forms()
	level := 0.0
	var out []step
	start, hasStart := b.startLevel()
	if hasStart {
		level = start
		out = append(out, step{name: or(s.StartName, fw.start), size: start, change: start, total: true, level: start})
	}
	layout := dateLayoutOf(b.x)
	for i := range b.t.Len() {
		name := categoryText(b.x, i, layout)
		v, ok := b.ys[0].Float(i)
		if !ok {
			return nil, Errors{{Key: "y", Msg: fmt.Sprintf("the step %q has no value in column %q", name, s.Y[0]),
				Hint: "a waterfall needs every step: fill it in, or filter the row out with where"}}
		}
		after := level + v
		if math.Min(level, after) < 0 {
			return nil, Errors{{Key: "y", Msg: fmt.Sprintf("the running total falls below zero at %q (%s)", name, numfmt.Format(after, b.format(s.Y[0]), s.Lang)),
				Hint: "a waterfall draws totals of zero or more: check start and the signs of the steps"}}
		}
		out = append(out, step{name: name, base: math.Min(level, after), size: math.Abs(v), change: v, level: after})
		level = after
	}
	out = append(out, step{name: or(s.EndName, fw.end), size: level, change: level, total: true, level: level})
	return out, nil
}

// startLevel returns the waterfall's start: the number, or the sum of the
// start column.
func (b *builder) startLevel() (float64, bool) {
	if b.s.Start != nil {
		return *b.s.Start, true
	}
	if b.s.StartColumn == "" {
		return 0, false
	}
	c := b.t.Column(b.s.StartColumn)
	sum := 0.0
	for i := range b.t.Len() {
		if v, ok := c.Float(i); ok {
			sum += v
		}
	}
	return sum, true
}

func or(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// describeWaterfall names the start, each change with its sign, and the end.
func (b *builder) describeWaterfall(steps []step) string {
	w := b.words()
	format := b.format(b.s.Y[0])
	say := func(st step) string {
		if st.total {
			return st.name + " " + numfmt.Format(st.change, format, b.s.Lang)
		}
		return st.name + " " + numfmt.Signed(st.change, format, b.s.Lang)
	}
	last := len(steps) - 1
	return b.head() + w.colon + b.list(last, func(i int) string { return say(steps[i]) }) + w.comma + say(steps[last]) + w.end
}
