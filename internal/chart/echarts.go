package chart

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// option is an ECharts option, made of go-echarts' typed parts. Where
// go-echarts has no field for something a chart needs, or types a field
// other than ECharts reads it (a width in pixels held as text, a bound that
// drops zero), the part embeds go-echarts' type and adds the field under
// its ECharts name: the outer field is the one encoding/json writes.
type option struct {
	Title     oneOrMany[title] `json:"title"`
	Legend    opts.Legend      `json:"legend"`
	Tooltip   tooltip          `json:"tooltip"`
	Color     []string         `json:"color"`
	Grid      oneOrMany[grid]  `json:"grid,omitempty"`
	XAxis     []axis           `json:"xAxis,omitempty"`
	YAxis     []axis           `json:"yAxis,omitempty"`
	Radar     *radar           `json:"radar,omitempty"`
	VisualMap *visualMap       `json:"visualMap,omitempty"`
	Series    []*seriesOption  `json:"series"`
	Aria      *opts.Aria       `json:"aria,omitempty"`
}

// oneOrMany is a component ECharts takes as one object, or as a list of
// them (small multiples have a grid and a title each).
type oneOrMany[T any] []T

// MarshalJSON writes a single part as an object, several as a list.
func (l oneOrMany[T]) MarshalJSON() ([]byte, error) {
	if len(l) == 1 {
		return json.Marshal(l[0])
	}
	return json.Marshal([]T(l))
}

// title adds a top in pixels (go-echarts holds it as text).
type title struct {
	opts.Title
	Top float64 `json:"top,omitempty"`
}

// tooltip adds confine: the tooltip stays inside the chart.
type tooltip struct {
	opts.Tooltip
	Confine bool `json:"confine"`
}

// grid holds its distances in pixels (go-echarts holds them as text); left
// may be a percentage.
type grid struct {
	opts.Grid
	Left   any     `json:"left,omitempty"`
	Top    float64 `json:"top,omitempty"`
	Right  int     `json:"right,omitempty"`
	Bottom int     `json:"bottom,omitempty"`
	Height int     `json:"height,omitempty"`
}

// axis is a cartesian axis: go-echarts' XAxis and YAxis hold the same
// fields, so one type serves both and an axis can change sides
// (horizontal bars).
type axis struct {
	opts.XAxis
	GridIndex *int       `json:"gridIndex,omitempty"` // written for the first grid too
	AxisLabel *axisLabel `json:"axisLabel,omitempty"`
}

// axisLabel holds interval as a number (go-echarts holds it as text, which
// ECharts would add to) and leaves the first and last labels unset unless
// asked (go-echarts writes null).
type axisLabel struct {
	opts.AxisLabel
	Interval     *int       `json:"interval,omitempty"`
	ShowMinLabel types.Bool `json:"showMinLabel,omitempty"`
	ShowMaxLabel types.Bool `json:"showMaxLabel,omitempty"`
}

// radar adds the radar's radius, and indicators whose bounds keep zero.
type radar struct {
	opts.RadarComponent
	Indicator []indicator `json:"indicator,omitempty"`
	Radius    string      `json:"radius,omitempty"`
}

// indicator is a radar axis with both bounds always written.
type indicator struct {
	opts.Indicator
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// visualMap adds exact bounds (go-echarts holds float32 and drops zero),
// the label formatter and the bar's height.
type visualMap struct {
	opts.VisualMap
	Min        float64 `json:"min"`
	Max        float64 `json:"max"`
	Formatter  string  `json:"formatter,omitempty"`
	ItemHeight int     `json:"itemHeight,omitempty"`
}

// seriesOption is one series: go-echarts' SingleSeries with the fields it
// lacks (z, gap, dimensions, …) and those it types other than ECharts
// reads them (bar width and placement in pixels, nodeClick as false, axis
// indexes that keep zero in small multiples).
type seriesOption struct {
	charts.SingleSeries
	XAxisIndex  *int           `json:"xAxisIndex,omitempty"`
	YAxisIndex  *int           `json:"yAxisIndex,omitempty"`
	BarMaxWidth int            `json:"barMaxWidth,omitempty"`
	Left        any            `json:"left,omitempty"`
	Top         int            `json:"top,omitempty"`
	Right       int            `json:"right,omitempty"`
	Bottom      int            `json:"bottom,omitempty"`
	Width       string         `json:"width,omitempty"`
	Gap         int            `json:"gap,omitempty"`
	MinSize     string         `json:"minSize,omitempty"`
	Z           int            `json:"z,omitempty"`
	Silent      bool           `json:"silent,omitempty"`
	NodeClick   types.Bool     `json:"nodeClick,omitempty"`
	Breadcrumb  *opts.Label    `json:"breadcrumb,omitempty"`
	Dimensions  []string       `json:"dimensions,omitempty"`
	Tooltip     *seriesTooltip `json:"tooltip,omitempty"`
	Emphasis    *emphasis      `json:"emphasis,omitempty"`
}

// seriesTooltip adds show, to switch a series' tooltip off.
type seriesTooltip struct {
	opts.SeriesTooltip
	Show types.Bool `json:"show,omitempty"`
}

// emphasis adds disabled: no highlight on hover.
type emphasis struct {
	opts.Emphasis
	Disabled bool `json:"disabled,omitempty"`
}

// styledItem is a named data item with colours of its own: a funnel stage
// or a radar shape (go-echarts' FunnelData and RadarData have no style).
type styledItem struct {
	Name      string          `json:"name,omitempty"`
	Value     any             `json:"value,omitempty"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
	AreaStyle *opts.AreaStyle `json:"areaStyle,omitempty"`
}

// barStep is a waterfall bar with its signed change, which the "bs:step"
// formatter shows (totals have none).
type barStep struct {
	opts.BarData
	Step *float64 `json:"step,omitempty"`
}

// treeNode is a treemap tile. go-echarts' TreeMapNode holds whole numbers
// only and no colour; this holds any value.
type treeNode struct {
	Name      string          `json:"name"`
	Value     float64         `json:"value"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	Children  []treeNode      `json:"children,omitempty"`
}

// treeLevel styles one level of a treemap (go-echarts leaves levels untyped).
type treeLevel struct {
	ItemStyle  treeLevelStyle `json:"itemStyle"`
	UpperLabel treeLevelLabel `json:"upperLabel"`
}

type treeLevelStyle struct {
	BorderWidth *float64 `json:"borderWidth,omitempty"`
	GapWidth    float64  `json:"gapWidth"`
}

type treeLevelLabel struct {
	Show   bool `json:"show"`
	Height int  `json:"height,omitempty"`
}

// newSeries starts a series of an ECharts type.
func newSeries(typ, name string, data any) *seriesOption {
	return &seriesOption{SingleSeries: charts.SingleSeries{Type: typ, Name: name, Data: data}}
}

// fnStr wraps a "bs:" formatter name for go-echarts fields typed as
// JavaScript: the text stays a plain JSON string (it has no __f__ marker).
func fnStr(s string) types.FuncStr { return types.FuncStr(s) }

// aria switches ECharts' aria support on with the generated description.
func aria(desc string) *opts.Aria {
	return &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Description: desc}}
}

// marshal encodes the option with <, >, & and U+2028/2029 escaped.
func marshal(o *option) ([]byte, error) {
	js, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("chart: encoding option: %w", err)
	}
	return js, nil
}
