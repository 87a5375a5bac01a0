package block

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/broadsheet/broadsheet/internal/chart"
	"github.com/broadsheet/broadsheet/internal/locale"
)

// templates writes the table and KPI blocks' markup; html/template escapes
// every text. Charts and display tables, which every chart has, are written
// in Go with the same escaping (chartHTML, tableHTML).
var templates = template.Must(template.New("block").Funcs(template.FuncMap{"tableHTML": tableHTML}).Parse(`

{{- define "table-block" -}}
<figure class="bs-table-figure" id="{{.ID}}">
{{- with .Title}}<figcaption><span class="bs-table-title">{{.}}</span></figcaption>{{end}}
{{tableHTML .Table}}
{{- with .Caption}}
<p class="bs-table-caption">{{.}}</p>{{end}}
{{- with .Note}}
<p class="bs-compare-note">{{.}}</p>{{end}}
{{- if .Dropped}}
<div class="bs-dropped"><p>{{.DroppedHead}}</p><ul>{{range .Dropped}}<li>{{.}}</li>{{end}}</ul></div>{{end}}
</figure>
{{- end -}}

{{- define "kpi" -}}
<div class="bs-kpis" id="{{.ID}}">
{{- range .Cards}}
<div class="bs-kpi"><div class="bs-kpi-value{{if .Empty}} bs-kpi-empty{{end}}">{{.Value}}{{with .Unit}}<span class="bs-kpi-unit">{{.}}</span>{{end}}</div><div class="bs-kpi-label">{{.Label}}</div>
{{- if .Change}}<div class="bs-kpi-change {{.ChangeClass}}">{{.Change}}</div>{{end}}
{{- with .Note}}<div class="bs-kpi-note">{{.}}</div>{{end}}</div>
{{- end}}
</div>
{{- end -}}
`))

// tableView is a display table as the template shows it.
type tableView struct {
	Columns []headView
	Rows    [][]cellView
}

// headView is a column header. Sort is "num" or "date" for columns that
// sort by value rather than by text (sort.js reads it).
type headView struct{ Header, Class, Sort string }

// cellView is a cell. Value is its raw value where the text shows it
// formatted (2,871,000 for 2871000), for sorting; Href links the text.
type cellView struct{ Text, Class, Value, Href string }

// viewOf lays out a display table; rank names the rank column, if any.
func viewOf(t *chart.Table, rank string) tableView {
	v := tableView{Columns: make([]headView, len(t.Columns))}
	classes := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		switch {
		case rank != "" && c.Name == rank:
			classes[i] = "bs-num bs-rank"
		case c.Numeric:
			classes[i] = "bs-num"
		}
		v.Columns[i] = headView{Header: c.Header, Class: classes[i], Sort: sortKind(c)}
	}
	v.Rows = make([][]cellView, len(t.Rows))
	for r, row := range t.Rows {
		cells := make([]cellView, len(row))
		for i, cell := range row {
			cells[i] = cellView{Text: cell.Text, Class: classes[i]}
			if v.Columns[i].Sort != "" && cell.Raw != cell.Text {
				cells[i].Value = cell.Raw
			}
		}
		v.Rows[r] = cells
	}
	return v
}

// linkCells links the cells of columns whose values have pages of their
// own (entity pages) to those pages.
func (d *doc) linkCells(v *tableView, t *chart.Table, data string) {
	if d.env.Link == nil {
		return
	}
	for i, c := range t.Columns {
		if c.Numeric || c.Date {
			continue
		}
		for r, row := range t.Rows {
			if href := d.env.Link(data, c.Name, row[i].Raw); href != "" {
				v.Rows[r][i].Href = href
			}
		}
	}
}

// sortKind says how readers' sorting orders a column: by number, by date,
// or ("") by text.
func sortKind(c chart.TableColumn) string {
	switch {
	case c.Numeric:
		return "num"
	case c.Date:
		return "date"
	}
	return ""
}

// word returns a word readers see, in the site language lang.
func word(lang string, k locale.Key) string { return locale.Of(lang).Word(k) }

// escaper escapes text as html/template does in element content and quoted
// attribute values, so tableHTML writes what the template wrote.
var escaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// tableHTML writes a display table. It is plain Go rather than a template:
// a table has a cell per row and column, and html/template's escaping calls
// through reflection for each of them.
func tableHTML(v tableView) template.HTML {
	var b strings.Builder
	b.Grow(256 + 48*len(v.Columns)*(len(v.Rows)+1))
	b.WriteString(`<div class="bs-table-wrap"><table class="bs-table"><thead><tr>`)
	for _, c := range v.Columns {
		b.WriteString(`<th scope="col"`)
		writeClass(&b, c.Class)
		b.WriteByte('>')
		escaper.WriteString(&b, c.Header)
		b.WriteString(`</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, row := range v.Rows {
		b.WriteString(`<tr>`)
		for _, c := range row {
			b.WriteString(`<td`)
			writeClass(&b, c.Class)
			if c.Value != "" {
				b.WriteString(` data-value="`)
				escaper.WriteString(&b, c.Value)
				b.WriteByte('"')
			}
			b.WriteByte('>')
			if c.Href != "" {
				b.WriteString(`<a href="`)
				escaper.WriteString(&b, c.Href)
				b.WriteString(`">`)
				escaper.WriteString(&b, c.Text)
				b.WriteString(`</a>`)
			} else {
				escaper.WriteString(&b, c.Text)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
	return template.HTML(b.String())
}

func writeClass(b *strings.Builder, class string) {
	if class == "" {
		return
	}
	b.WriteString(` class="`)
	escaper.WriteString(b, class)
	b.WriteByte('"')
}

// chartHTML writes a chart figure. Every text is escaped as html/template
// escapes it; the option is encoding/json output, in which <, > and & are
// already \u escapes, so it lands byte for byte inside its script element.
func chartHTML(v chartView) string {
	var b strings.Builder
	b.Grow(len(v.JSON) + 512 + 48*len(v.Data.Columns)*(len(v.Data.Rows)+1))
	b.WriteString(`<figure class="bs-chart" id="`)
	escaper.WriteString(&b, v.ID)
	b.WriteString(`" data-renderer="`)
	escaper.WriteString(&b, v.Renderer)
	b.WriteString(`">`)
	if v.Title != "" || v.Subtitle != "" {
		b.WriteString(`<figcaption>`)
		if v.Title != "" {
			b.WriteString(`<span class="bs-chart-title">`)
			escaper.WriteString(&b, v.Title)
			b.WriteString(`</span>`)
		}
		if v.Subtitle != "" {
			b.WriteString(` <span class="bs-chart-subtitle">`)
			escaper.WriteString(&b, v.Subtitle)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</figcaption>`)
	} else {
		b.WriteString(`<figcaption class="bs-visually-hidden">`)
		escaper.WriteString(&b, v.Description)
		b.WriteString(`</figcaption>`)
	}
	b.WriteString("\n" + `<div class="bs-chart-canvas" role="img" aria-label="`)
	escaper.WriteString(&b, v.Description)
	fmt.Fprintf(&b, `" style="height:%dpx"></div>`, v.Height)
	b.WriteString("\n" + `<script type="application/json" class="bs-chart-option">`)
	b.WriteString(string(v.JSON))
	b.WriteString(`</script>`)
	if v.Caption != "" {
		b.WriteString("\n" + `<p class="bs-chart-caption">`)
		escaper.WriteString(&b, v.Caption)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n" + `<details class="bs-chart-data"><summary>`)
	escaper.WriteString(&b, v.DataLabel)
	b.WriteString(`</summary>`)
	b.WriteString(string(tableHTML(v.Data)))
	b.WriteString(`<a class="bs-csv" href="`)
	escaper.WriteString(&b, v.CSVName)
	b.WriteString(`" download>`)
	escaper.WriteString(&b, v.CSVTxt)
	b.WriteString("</a></details>\n</figure>")
	return b.String()
}
