package block

import (
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/chart"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/locale"
)

// chartFields are the keys of a chart block.
type chartFields struct {
	selectFields
	ID         *toml.Primitive `toml:"id"`
	Type       *toml.Primitive `toml:"type"`
	X          *toml.Primitive `toml:"x"`
	Y          *toml.Primitive `toml:"y"`
	Series     *toml.Primitive `toml:"series"`
	Size       *toml.Primitive `toml:"size"`
	Name       *toml.Primitive `toml:"name"`
	Horizontal *toml.Primitive `toml:"horizontal"`
	Stack      *toml.Primitive `toml:"stack"`
	Labels     *toml.Primitive `toml:"labels"`
	Legend     *toml.Primitive `toml:"legend"`
	Title      *toml.Primitive `toml:"title"`
	Subtitle   *toml.Primitive `toml:"subtitle"`
	Caption    *toml.Primitive `toml:"caption"`
	XName      *toml.Primitive `toml:"x_name"`
	YName      *toml.Primitive `toml:"y_name"`
	Names      *toml.Primitive `toml:"names"`
	Format     *toml.Primitive `toml:"format"`
	Height     *toml.Primitive `toml:"height"`
	// ShowPrevious draws each bar's previous-edition value beside it.
	ShowPrevious *toml.Primitive `toml:"show_previous"`
	chartFormFields
}

// chartView is what the chart template shows.
type chartView struct {
	ID, Renderer      string
	Height            int
	Description       string
	JSON              template.JS
	Title, Subtitle   string
	Caption           string
	Data              tableView
	CSVName           string
	DataLabel, CSVTxt string
}

func (d *doc) chart(src, id string) Output {
	var f chartFields
	if !d.decode(src, &f) {
		return Output{}
	}
	id = d.blockID(f.ID, id)
	sel := d.selection(&f.selectFields, nil, "")
	spec := d.chartSpec(&f)
	sel.q.Series = spec.Series
	formRefs := d.chartForms(&f.chartFormFields, spec)
	all, per := d.formats(f.Format, "format")
	height := d.chartHeight(f.Height)
	showPrev, _ := d.boolean(f.ShowPrevious, "show_previous")
	if showPrev {
		d.checkShowPrevious(spec, sel)
	}
	if f.Type != nil && !d.underFailed(toml.Key{"type"}) {
		if e := chart.TypeError(spec.Type); e != nil {
			d.errorf([]string{"type"}, e.Hint, "%s", e.Msg)
		}
	}
	d.unknownKeys(chartKeys)
	if d.shapeFailed("") {
		return Output{} // a value of the wrong type that shapes the rows: their checks would mislead
	}
	t := d.load(sel, chartRefs(spec, formRefs, per))
	if t == nil || len(d.errs) > 0 || !d.fewEnoughPoints(t, spec) {
		return Output{} // the data's problems are reported beside the keys'
	}
	spec.Names = countNames(sel, spec.Names, d.env.Lang)
	if showPrev {
		showPrevious(spec, sel, per)
	}
	spec.Formats = chartFormats(spec, all, per)
	ownFormats(spec.Formats, t, all, per)
	c, err := chart.Build(spec, t)
	if err != nil {
		d.chartErrors(sel, err)
		return Output{}
	}
	if f.Height == nil && c.Height > 0 {
		height = c.Height
	}
	return d.chartOutput(id, spec, c, height, sel)
}

// checkShowPrevious checks what show_previous needs: compare, bars, one
// series of one y column.
func (d *doc) checkShowPrevious(spec *chart.Spec, sel *selection) {
	switch {
	case !sel.compare:
		d.errorf([]string{"show_previous"}, `add compare = "previous"`, "show_previous needs compare")
	case spec.Type != "bar":
		d.errorf([]string{"show_previous"}, `use type = "bar", or remove show_previous`, "show_previous draws previous values as bars; a %s chart cannot", spec.Type)
	case spec.Series != "":
		d.errorf([]string{"show_previous"}, "draw one series: filter the rows with where, or remove series; a table with compare shows every series' change",
			"show_previous cannot be combined with series")
	case len(spec.Y) != 1:
		d.errorf([]string{"show_previous"}, "name one y column", "show_previous compares one y column, not %d", len(spec.Y))
	}
}

// chartRefs are the columns a chart names, each with the key that names it.
func chartRefs(spec *chart.Spec, formRefs []ref, per map[string]string) []ref {
	refs := []ref{{spec.X, []string{"x"}}, {spec.Series, []string{"series"}}, {spec.Size, []string{"size"}}, {spec.Name, []string{"name"}}}
	for _, y := range spec.Y {
		refs = append(refs, ref{y, []string{"y"}})
	}
	refs = append(refs, formRefs...)
	for _, c := range slices.Sorted(maps.Keys(per)) {
		refs = append(refs, ref{c, []string{"format", c}})
	}
	for _, c := range slices.Sorted(maps.Keys(spec.Names)) {
		refs = append(refs, ref{c, []string{"names", c}})
	}
	return refs
}

// fewEnoughPoints reports whether the chart stays within the points a
// chart may hold, and says what to do when not.
func (d *doc) fewEnoughPoints(t *dataset.Table, spec *chart.Spec) bool {
	if n := t.Len() * max(1, len(spec.Y)); n > limits.ChartPoints {
		d.errorf([]string{"data"}, "choose fewer rows with where, group or limit; a table block can list them all",
			"the chart would draw %d points, more than the %d a chart may hold", n, limits.ChartPoints)
		return false
	}
	return true
}

// chartOutput is the chart's HTML, with its option, its data table (cells
// linked) and its CSV.
func (d *doc) chartOutput(id string, spec *chart.Spec, c *chart.Chart, height int, sel *selection) Output {
	view := chartView{
		ID: id, Renderer: renderer(d.env.Renderer), Height: height, Description: c.Description,
		JSON:  template.JS(c.JSON), // encoding/json output: <, > and & are \u escapes
		Title: spec.Title, Subtitle: spec.Subtitle, Caption: spec.Caption,
		Data:    viewOf(c.Data, ""),
		CSVName: id + ".csv",
	}
	view.DataLabel, view.CSVTxt = word(d.env.Lang, locale.ShowData), word(d.env.Lang, locale.DownloadCSV)
	d.linkCells(&view.Data, c.Data, sel.data)
	return Output{ID: id, HTML: template.HTML(chartHTML(view)), Files: map[string][]byte{view.CSVName: c.CSV}, Charts: 1}
}

// chartSpec reads the chart keys of f into a spec.
func (d *doc) chartSpec(f *chartFields) *chart.Spec {
	spec := &chart.Spec{Lang: d.env.Lang, Colors: d.env.Colors}
	spec.Type = d.str(f.Type, "type")
	spec.X = d.str(f.X, "x")
	spec.Y = d.strs(f.Y, "y")
	spec.Series = d.str(f.Series, "series")
	spec.Size = d.str(f.Size, "size")
	spec.Name = d.str(f.Name, "name")
	spec.Horizontal, _ = d.boolean(f.Horizontal, "horizontal")
	spec.Stack, _ = d.boolean(f.Stack, "stack")
	if f.Labels != nil {
		if _, isTable := d.value(f.Labels).(map[string]any); isTable {
			d.failed = append(d.failed, "labels")
			d.errorf([]string{"labels"}, `name columns with names = { followers = "粉丝量" }; labels = true writes the values on the chart`,
				"labels must be true or false in a chart")
		} else {
			spec.Labels, _ = d.boolean(f.Labels, "labels")
		}
	}
	if legend, set := d.boolean(f.Legend, "legend"); set {
		spec.Legend = &legend
	}
	spec.Title = d.str(f.Title, "title")
	spec.Subtitle = d.str(f.Subtitle, "subtitle")
	spec.Caption = d.str(f.Caption, "caption")
	spec.XName = d.str(f.XName, "x_name")
	spec.YName = d.str(f.YName, "y_name")
	spec.Names = d.strMap(f.Names, `names = { followers = "粉丝量" }`, "names")
	return spec
}

// chartHeight is the height key, checked against its limits, or the default.
func (d *doc) chartHeight(key *toml.Primitive) int {
	height := d.env.Height
	if h, set := d.integer(key, "height"); set {
		if h < limits.MinChartHeight || h > limits.MaxChartHeight {
			d.errorf([]string{"height"}, "", "height must be between %d and %d px, not %d", limits.MinChartHeight, limits.MaxChartHeight, h)
		} else {
			height = h
		}
	}
	if height <= 0 {
		height = limits.DefaultChartHeight
	}
	return height
}

// showPrevious adds the previous value of the one y column as a second
// series, named after the current one.
func showPrevious(spec *chart.Spec, sel *selection, per map[string]string) {
	y := spec.Y[0]
	prev := y + sel.names.Prev
	if spec.Names == nil {
		spec.Names = map[string]string{}
	}
	name := spec.Names[y]
	if name == "" {
		name = y
	}
	spec.Names[prev] = name + word(spec.Lang, baselineSuffix[sel.against])
	spec.Names[y] = name + word(spec.Lang, locale.CurrentSuffix)
	spec.Y = append(spec.Y, prev)
	if f, ok := per[y]; ok {
		per[prev] = f
	}
}

// chartFormats gives the chart's value columns the block's format, then
// the formats named per column.
func chartFormats(spec *chart.Spec, all string, per map[string]string) map[string]string {
	formats := map[string]string{}
	if all != "" {
		for _, y := range spec.Y {
			formats[y] = all
		}
		for _, c := range append(slices.Clone(spec.Y2), spec.Size, spec.Value, spec.StartColumn) {
			if c != "" {
				formats[c] = all
			}
		}
		if chart.NumbersOnX(spec.Type) {
			formats[spec.X] = all // numbers on both axes
		}
	}
	maps.Copy(formats, per)
	return formats
}

// chartErrors reports chart.Build's problems at their keys' lines. A lack of
// rows points at where when the block filters.
func (d *doc) chartErrors(sel *selection, err error) {
	es, ok := err.(chart.Errors)
	if !ok {
		d.errorf(nil, "", "%v", err)
		return
	}
	for _, e := range es {
		path := strings.Split(e.Key, ".")
		switch {
		case e.Key == "data" && sel.q.Where != "":
			path = []string{"where"}
		case d.lines().Line(path...) == 0:
			path = []string{"type"} // a missing key: point at the chart's type
		}
		d.errorf(path, e.Hint, "%s", e.Msg)
	}
}

// renderer returns a valid ECharts renderer name.
func renderer(r string) string {
	if r == "svg" {
		return "svg"
	}
	return "canvas"
}
