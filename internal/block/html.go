package block

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/broadsheet/broadsheet/internal/chart"
	"github.com/broadsheet/broadsheet/internal/numfmt"
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

type headView struct{ Header, Class string }

type cellView struct{ Text, Class string }

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
		v.Columns[i] = headView{Header: c.Header, Class: classes[i]}
	}
	v.Rows = make([][]cellView, len(t.Rows))
	for r, row := range t.Rows {
		cells := make([]cellView, len(row))
		for i, cell := range row {
			cells[i] = cellView{Text: cell.Text, Class: classes[i]}
		}
		v.Rows[r] = cells
	}
	return v
}

// ui returns a user-interface string in the site language.
func ui(lang, key string) string {
	zh := numfmt.IsChinese(lang)
	switch key {
	case "data":
		if zh {
			return "查看数据"
		}
		return "Data"
	case "csv":
		if zh {
			return "下载 CSV"
		}
		return "Download CSV"
	case "rank":
		if zh {
			return "排名"
		}
		return "Rank"
	case "move":
		if zh {
			return "变动"
		}
		return "Move"
	case "previous_suffix":
		if zh {
			return "（上期）"
		}
		return " (previous)"
	case "year_suffix":
		if zh {
			return "（上年同期）"
		}
		return " (a year earlier)"
	case "plan_suffix":
		if zh {
			return "（计划）"
		}
		return " (plan)"
	case "cur_suffix":
		if zh {
			return "（本期）"
		}
		return " (this edition)"
	case "vs_prev":
		if zh {
			return "较上期"
		}
		return "vs previous"
	case "vs_year":
		if zh {
			return "同比"
		}
		return "vs a year earlier"
	case "vs_plan":
		if zh {
			return "较计划"
		}
		return "vs plan"
	}
	return key
}

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
			b.WriteByte('>')
			escaper.WriteString(&b, c.Text)
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
