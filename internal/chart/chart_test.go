package chart

import (
	"bytes"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

func TestBarVertical(t *testing.T) {
	c, m := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Title: "粉丝量",
		Formats: map[string]string{"followers": "compact"}, Lang: "zh-CN"}, accounts())
	want(t, m, "series.0.type", `"bar"`)
	want(t, m, "series.0.name", `"followers"`)
	want(t, m, "series.0.data", `[{"value":2150000},{"value":1800000},{"value":123000}]`)
	want(t, m, "series.0.tooltip.valueFormatter", `"bs:compact"`)
	want(t, m, "series.0.barMaxWidth", `48`)
	want(t, m, "xAxis.0.type", `"category"`)
	want(t, m, "xAxis.0.data", `["微众银行","招商银行","平安银行"]`)
	want(t, m, "yAxis.0.type", `"value"`)
	want(t, m, "yAxis.0.axisLabel.formatter", `"bs:compact"`)
	want(t, m, "tooltip", `{"axisPointer":{"type":"shadow"},"confine":true,"show":true,"trigger":"axis"}`)
	want(t, m, "legend.show", `false`)
	want(t, m, "title", `{"show":false,"text":"粉丝量"}`)
	want(t, m, "color.0", `"#4e79a7"`)
	want(t, m, "aria.enabled", `true`)
	if has(m, "toolbox") || has(m, "series.0.label") {
		t.Errorf("unexpected toolbox or labels: %s", c.JSON)
	}
	wantDesc := "柱状图，粉丝量：微众银行 215万，招商银行 180万，平安银行 12.3万。"
	if c.Description != wantDesc {
		t.Errorf("description = %q, want %q", c.Description, wantDesc)
	}
	want(t, m, "aria.label.description", `"`+wantDesc+`"`)
}

func TestBarHorizontalRanking(t *testing.T) {
	c, m := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Horizontal: true, Labels: true,
		Title: "粉丝量前十的银行总行账号", Formats: map[string]string{"followers": "compact"}, Lang: "zh-CN"}, accounts())
	want(t, m, "yAxis.0.type", `"category"`)
	want(t, m, "yAxis.0.inverse", `true`)
	want(t, m, "yAxis.0.data", `["微众银行","招商银行","平安银行"]`)
	want(t, m, "xAxis.0.type", `"value"`)
	want(t, m, "xAxis.0.axisLabel.formatter", `"bs:compact"`)
	if has(m, "xAxis.0.data") {
		t.Errorf("value axis has category data")
	}
	want(t, m, "series.0.label", `{"formatter":"bs:compact","position":"right","show":true}`)
	want(t, m, "grid.right", `56`)
	if want := "条形图，粉丝量前十的银行总行账号：微众银行 215万，招商银行 180万，平安银行 12.3万。"; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}
}

func TestBarGroupedAndStacked(t *testing.T) {
	names := map[string]string{"likes": "点赞", "followers": "粉丝"}
	_, m := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"likes", "followers"}, Names: names, Lang: "zh-CN"}, accounts())
	want(t, m, "series.0.name", `"点赞"`)
	want(t, m, "series.1.name", `"粉丝"`)
	want(t, m, "series.1.data.2", `{"value":123000}`)
	want(t, m, "legend.show", `true`)
	want(t, m, "grid.top", `44`)
	if has(m, "series.0.stack") {
		t.Errorf("grouped bars are stacked")
	}
	// Without a format the axis still reads compact; the tooltip uses the default.
	want(t, m, "yAxis.0.axisLabel.formatter", `"bs:compact"`)
	want(t, m, "series.0.tooltip.valueFormatter", `"bs:"`)

	c, m := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"likes", "followers"}, Stack: true, Labels: true, Names: names, Lang: "en"}, accounts())
	want(t, m, "series.0.stack", `"total"`)
	want(t, m, "series.1.stack", `"total"`)
	want(t, m, "series.0.label.position", `"inside"`)
	want(t, m, "series.0.label.formatter", `"bs:"`)
	wantDesc := "Column chart, 2 series: 点赞: 微众银行 98,000, 招商银行 120,000, 平安银行 4,500; 粉丝: 微众银行 2,150,000, 招商银行 1,800,000, 平安银行 123,000."
	if c.Description != wantDesc {
		t.Errorf("description = %q, want %q", c.Description, wantDesc)
	}
}

func TestBarSeriesFromLongData(t *testing.T) {
	long := table("monthly",
		strs("month", "1月", "1月", "2月", "3月", "3月"),
		strs("type", "总行", "分行", "总行", "总行", "分行"),
		nums("followers", dataset.Int, 100, 10, 120, 150, 30),
	)
	c, m := mustBuild(t, &Spec{Type: "bar", X: "month", Y: []string{"followers"}, Series: "type", Lang: "zh-CN"}, long)
	want(t, m, "xAxis.0.data", `["1月","2月","3月"]`)
	want(t, m, "series.0.name", `"总行"`)
	want(t, m, "series.0.data", `[{"value":100},{"value":120},{"value":150}]`)
	want(t, m, "series.1.name", `"分行"`)
	want(t, m, "series.1.data", `[{"value":10},{},{"value":30}]`) // no 分行 row in 2月
	want(t, m, "legend.show", `true`)
	if want := "柱状图，2个系列：总行：1月 100，2月 120，3月 150；分行：1月 10，2月 无数据，3月 30。"; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}
	// The data table keeps the long rows.
	if got := c.Data.Columns; len(got) != 3 || got[0].Name != "month" || got[1].Name != "type" || got[2].Name != "followers" {
		t.Errorf("data columns = %+v", got)
	}
}

func TestLineTimeAxis(t *testing.T) {
	tb := table("trend",
		dates("month", "2022-03-01", "2022-01-01", "2022-02-01"),
		nums("followers", dataset.Int, 300, 100, nil),
	)
	c, m := mustBuild(t, &Spec{Type: "line", X: "month", Y: []string{"followers"}, YName: "粉丝量", Lang: "zh-CN"}, tb)
	want(t, m, "xAxis.0.type", `"time"`)
	if has(m, "xAxis.0.data") {
		t.Errorf("time axis has category data")
	}
	want(t, m, "series.0.type", `"line"`)
	want(t, m, "series.0.data", `[{"value":["2022-01-01",100]},{"value":["2022-02-01",null]},{"value":["2022-03-01",300]}]`)
	want(t, m, "series.0.showSymbol", `true`)
	want(t, m, "yAxis.0.name", `"粉丝量"`)
	want(t, m, "yAxis.0.scale", `true`)
	want(t, m, "tooltip.trigger", `"axis"`)
	if has(m, "series.0.areaStyle") {
		t.Errorf("line has an area")
	}
	if want := "折线图：2022-01-01 100，2022-02-01 无数据，2022-03-01 300。"; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}
	// Monthly dates read as months in the data table.
	if got := c.Data.Rows[0][0].Text; got != "2022-03" {
		t.Errorf("data table date = %q, want 2022-03", got)
	}
}

func TestAreaCategoryAxisStacked(t *testing.T) {
	_, m := mustBuild(t, &Spec{Type: "area", X: "bank", Y: []string{"likes", "followers"}, Stack: true, Lang: "en"}, accounts())
	want(t, m, "xAxis.0.type", `"category"`)
	want(t, m, "series.0.type", `"line"`)
	want(t, m, "series.0.areaStyle", `{"opacity":0.25}`)
	want(t, m, "series.1.stack", `"total"`)
	want(t, m, "series.0.data", `[{"value":98000},{"value":120000},{"value":4500}]`)
	if has(m, "yAxis.0.scale") {
		t.Errorf("area chart's value axis does not start at zero")
	}
}

func TestPieAndDonut(t *testing.T) {
	c, m := mustBuild(t, &Spec{Type: "pie", X: "bank", Y: []string{"followers"}, Formats: map[string]string{"followers": "compact"}, Lang: "en", Title: "Share"}, accounts())
	want(t, m, "series.0.type", `"pie"`)
	want(t, m, "series.0.radius", `"62%"`)
	want(t, m, "series.0.data", `[{"name":"微众银行","value":2150000},{"name":"招商银行","value":1800000},{"name":"平安银行","value":123000}]`)
	want(t, m, "series.0.label.formatter", `"{b}"`)
	want(t, m, "tooltip.formatter", `"bs:pie:compact"`)
	want(t, m, "tooltip.trigger", `"item"`)
	want(t, m, "legend.show", `true`)
	if has(m, "xAxis") || has(m, "yAxis") {
		t.Errorf("pie has axes")
	}
	if want := "Pie chart, Share: 微众银行 2.15M (52.8%), 招商银行 1.8M (44.2%), 平安银行 123K (3.0%)."; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}

	_, m = mustBuild(t, &Spec{Type: "donut", X: "bank", Y: []string{"followers"}, Labels: true, Lang: "zh-CN"}, accounts())
	want(t, m, "series.0.radius", `["38%","62%"]`)
	want(t, m, "series.0.label.formatter", `"bs:pie:"`)
}

func TestScatterAndBubble(t *testing.T) {
	names := map[string]string{"followers": "粉丝量", "avg_likes": "平均点赞", "posts": "发布数"}
	formats := map[string]string{"followers": "compact", "avg_likes": "0.0", "posts": "int"}
	c, m := mustBuild(t, &Spec{Type: "scatter", X: "followers", Y: []string{"avg_likes"}, Name: "bank", Names: names, Formats: formats, Lang: "zh-CN"}, accounts())
	want(t, m, "series.0.type", `"scatter"`)
	want(t, m, "xAxis.0.type", `"value"`)
	want(t, m, "xAxis.0.name", `"粉丝量"`)
	want(t, m, "xAxis.0.axisLabel.formatter", `"bs:compact"`)
	want(t, m, "yAxis.0.type", `"value"`)
	want(t, m, "yAxis.0.name", `"平均点赞"`)
	want(t, m, "yAxis.0.axisLabel.formatter", `"bs:0.0"`)
	want(t, m, "series.0.data.0", `{"name":"微众银行","value":[2150000,2450]}`)
	want(t, m, "series.0.dimensions", `["粉丝量","平均点赞"]`)
	want(t, m, "series.0.tooltip.formatter", `"bs:point:compact,0.0"`)
	want(t, m, "tooltip.trigger", `"item"`)
	if want := "散点图，3个点，横轴为粉丝量，纵轴为平均点赞：微众银行（215万，2,450.0），招商银行（180万，750.0），平安银行（12.3万，450.0）。"; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}

	c, m = mustBuild(t, &Spec{Type: "bubble", X: "followers", Y: []string{"avg_likes"}, Size: "posts", Name: "bank", Names: names, Formats: formats, Lang: "en"}, accounts())
	want(t, m, "series.0.type", `"scatter"`)
	// posts 40, 160, 10: sqrt-scaled against the largest (160 → 48 px).
	want(t, m, "series.0.data.0", `{"name":"微众银行","symbolSize":24,"value":[2150000,2450,40]}`)
	want(t, m, "series.0.data.1.symbolSize", `48`)
	want(t, m, "series.0.data.2.symbolSize", `12`)
	want(t, m, "series.0.dimensions", `["粉丝量","平均点赞","发布数"]`)
	want(t, m, "series.0.tooltip.formatter", `"bs:point:compact,0.0,int"`)
	if !strings.HasPrefix(c.Description, "Bubble chart, 3 points, x: 粉丝量, y: 平均点赞, size: 发布数: 微众银行 (2.15M, 2,450.0, 40),") {
		t.Errorf("description = %q", c.Description)
	}
	if got := c.Data.Columns; len(got) != 4 || got[0].Header != "bank" || got[3].Header != "发布数" {
		t.Errorf("data columns = %+v", got)
	}
}

func TestScatterAxisNames(t *testing.T) {
	c, m := mustBuild(t, &Spec{Type: "scatter", X: "posts", Y: []string{"likes"}, Name: "bank", XName: "作品数", YName: "累计获赞",
		Formats: map[string]string{"posts": "compact", "likes": "compact"}, Lang: "zh-CN"}, accounts())
	want(t, m, "xAxis.0.name", `"作品数"`)
	want(t, m, "yAxis.0.name", `"累计获赞"`)
	want(t, m, "series.0.dimensions", `["作品数","累计获赞"]`)
	if want := "散点图，3个点，横轴为作品数，纵轴为累计获赞：微众银行（40，9.8万），招商银行（160，12万），平安银行（10，4,500）。"; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}
}

func TestSymbolSize(t *testing.T) {
	tests := []struct {
		v, max float64
		ok     bool
		want   int
	}{
		{100, 100, true, 48},
		{25, 100, true, 24},
		{1, 100, true, 8}, // 4.8 px raised to the minimum
		{0, 100, true, 8},
		{-5, 100, true, 8},
		{5, 100, false, 8},
		{5, 0, true, 8},
	}
	for _, tt := range tests {
		if got := symbolSize(tt.v, tt.ok, tt.max); got != tt.want {
			t.Errorf("symbolSize(%v, %v, %v) = %d, want %d", tt.v, tt.ok, tt.max, got, tt.want)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	empty := table("accounts", strs("bank"), nums("followers", dataset.Int))
	neg := table("delta", strs("bank", "A", "B"), nums("change", dataset.Int, 5, -3))
	dup := table("monthly", strs("month", "1月", "1月"), strs("type", "总行", "总行"), nums("n", dataset.Int, 1, 2))
	tests := []struct {
		name string
		spec Spec
		tb   *dataset.Table
		want string
	}{
		{"unknown type", Spec{Type: "pi", X: "bank", Y: []string{"followers"}}, accounts(),
			`type: unknown chart type "pi" (did you mean "pie"?)`},
		{"missing type", Spec{X: "bank", Y: []string{"followers"}}, accounts(),
			`type: missing chart type (use one of bar, line, area, pie, donut, scatter, bubble, funnel, waterfall, heatmap, treemap, radar)`},
		{"pie with several y", Spec{Type: "pie", X: "bank", Y: []string{"likes", "followers"}}, accounts(),
			`y: a pie chart shows one value column, but y names 2 ("likes", "followers") (draw a bar chart to compare several values, or pick one y)`},
		{"scatter with text x", Spec{Type: "scatter", X: "bank", Y: []string{"followers"}}, accounts(),
			`x: a scatter chart needs numbers on x, but "bank" holds text (draw a bar chart for categories)`},
		{"line with no rows", Spec{Type: "line", X: "bank", Y: []string{"followers"}}, empty,
			`data: no rows to draw (check the where filter and the dataset)`},
		{"missing x and y", Spec{Type: "bar"}, accounts(),
			"x: a bar chart needs x (the column of categories)\ny: a bar chart needs y (the column of values)"},
		{"unknown column", Spec{Type: "bar", X: "bank", Y: []string{"folowers"}}, accounts(),
			`y: dataset "accounts" has no column "folowers" (did you mean "followers"?)`},
		{"text y", Spec{Type: "line", X: "followers", Y: []string{"type"}}, accounts(),
			`y: y column "type" holds text, not numbers (pick a column of numbers for y)`},
		{"bubble without size", Spec{Type: "bubble", X: "followers", Y: []string{"likes"}}, accounts(),
			`size: a bubble chart needs size (the column that sizes each bubble)`},
		{"size on a bar chart", Spec{Type: "bar", X: "bank", Y: []string{"likes"}, Size: "posts"}, accounts(),
			`size: a bar chart has no use for size (size sizes the points of scatter and bubble charts)`},
		{"horizontal line", Spec{Type: "line", X: "bank", Y: []string{"likes"}, Horizontal: true}, accounts(),
			`horizontal: only bar charts can be horizontal, not line charts`},
		{"series and several y", Spec{Type: "bar", X: "bank", Y: []string{"likes", "posts"}, Series: "type"}, accounts(),
			`series: series splits one y column, but y names 2 columns (use either several y columns or series, not both)`},
		{"pie with series", Spec{Type: "donut", X: "bank", Y: []string{"likes"}, Series: "type"}, accounts(),
			`series: a donut chart cannot split into series (draw a bar chart with series, or filter the rows with where)`},
		{"stacked pie", Spec{Type: "pie", X: "bank", Y: []string{"likes"}, Stack: true}, accounts(),
			`stack: a pie chart cannot be stacked`},
		{"negative slice", Spec{Type: "pie", X: "bank", Y: []string{"change"}, Lang: "en"}, neg,
			`y: a pie chart cannot show negative values, but "change" is −3 for "B" (draw a bar chart, or filter the rows with where)`},
		{"duplicate category in a series", Spec{Type: "line", X: "month", Y: []string{"n"}, Series: "type"}, dup,
			`x: series "总行" has "1月" twice in column "month" (each series needs one row per category: aggregate the rows with group, or filter them with where)`},
		{"empty y", Spec{Type: "bar", X: "bank", Y: []string{"likes", ""}}, accounts(),
			`y: y names an empty column`},
		{"name on a line chart", Spec{Type: "line", X: "bank", Y: []string{"likes"}, Name: "bank"}, accounts(),
			`name: a line chart has no use for name (name labels the points of scatter and bubble charts; x names the categories)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(&tt.spec, tt.tb)
			if err == nil {
				t.Fatal("no error")
			}
			es, ok := err.(Errors)
			if !ok {
				t.Fatalf("error is %T, not Errors", err)
			}
			var lines []string
			for _, e := range es {
				lines = append(lines, e.Key+": "+e.Error())
			}
			if got := strings.Join(lines, "\n"); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

const hostile = `</script><script>alert(1)</script>`
const marker = `__f__alert(1)__f__`

func TestHostileTextStaysText(t *testing.T) {
	tb := table("evil",
		strs("bank", hostile, marker, "a&b"),
		nums("followers", dataset.Int, 3, 2, 1),
	)
	for _, typ := range Types {
		t.Run(typ, func(t *testing.T) {
			s := &Spec{Type: typ, X: "bank", Y: []string{"followers"}, Title: hostile, Subtitle: marker, Lang: "en",
				Names: map[string]string{"followers": hostile}}
			if typ == "scatter" || typ == "bubble" {
				s.X, s.Name = "followers", "bank"
			}
			if typ == "bubble" {
				s.Size = "followers"
			}
			if typ == "heatmap" {
				s.Y, s.Value = []string{"bank"}, "followers"
			}
			if typ == "radar" {
				s.Y = []string{"followers", "followers", "followers"}
			}
			c, m := mustBuild(t, s, tb)
			for _, bad := range []string{"<", ">", "&"} {
				if bytes.Contains(c.JSON, []byte(bad)) {
					t.Errorf("JSON holds a raw %q:\n%s", bad, c.JSON)
				}
			}
			if !bytes.Contains(c.JSON, []byte(`\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`)) {
				t.Errorf("JSON lacks the escaped title:\n%s", c.JSON)
			}
			want(t, m, "title.text", `"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`)
			want(t, m, "title.subtext", `"__f__alert(1)__f__"`)
			// The marker is the whole of a JSON string, never code.
			if !bytes.Contains(c.JSON, []byte(`"__f__alert(1)__f__"`)) {
				t.Errorf("marker is not a plain string:\n%s", c.JSON)
			}
			if !strings.Contains(c.Description, hostile) {
				t.Errorf("description lost the text: %q", c.Description)
			}
		})
	}
}

func TestDataTableAndCSV(t *testing.T) {
	tb := table("accounts",
		strs("bank", "微众银行", "=HYPERLINK(\"x\")", "\x00"),
		nums("followers", dataset.Int, 2150000, -5, nil),
		nums("rate", dataset.Float, 0.284, 0.5, 0.125),
	)
	c, _ := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"followers", "rate"}, Lang: "zh-CN",
		Names:   map[string]string{"bank": "银行", "rate": "互动率"},
		Formats: map[string]string{"followers": "compact", "rate": "percent"}}, tb)
	d := c.Data
	if d.Columns[0].Header != "银行" || d.Columns[0].Numeric || !d.Columns[1].Numeric || d.Columns[2].Header != "互动率" {
		t.Errorf("columns = %+v", d.Columns)
	}
	var got []string
	for _, row := range d.Rows {
		var cells []string
		for _, cell := range row {
			cells = append(cells, cell.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	if want := "微众银行|215万|28.4%\n=HYPERLINK(\"x\")|−5|50.0%\n||12.5%"; strings.Join(got, "\n") != want {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	wantCSV := "\uFEFF银行,followers,互动率\r\n微众银行,2150000,0.284\r\n\"'=HYPERLINK(\"\"x\"\")\",-5,0.5\r\n,,0.125\r\n"
	if string(c.CSV) != wantCSV {
		t.Errorf("CSV:\n%q\nwant\n%q", c.CSV, wantCSV)
	}
}

func TestDeterministic(t *testing.T) {
	s := &Spec{Type: "bubble", X: "followers", Y: []string{"avg_likes"}, Size: "posts", Name: "bank", Lang: "zh-CN"}
	a, _ := mustBuild(t, s, accounts())
	for range 5 {
		b, _ := mustBuild(t, s, accounts())
		if !bytes.Equal(a.JSON, b.JSON) {
			t.Fatalf("two builds differ:\n%s\n%s", a.JSON, b.JSON)
		}
	}
}

func TestDescriptionNamesAtMostTen(t *testing.T) {
	var banks []string
	var vals []any
	for i := range 12 {
		banks = append(banks, string(rune('A'+i)))
		vals = append(vals, 12-i)
	}
	tb := table("t", strs("bank", banks...), nums("n", dataset.Int, vals...))
	c, _ := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"n"}, Lang: "zh-CN"}, tb)
	if want := "柱状图：A 12，B 11，C 10，D 9，E 8，F 7，G 6，H 5，I 4，J 3，等，共12项。"; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}
	c, _ = mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"n"}, Lang: "en"}, tb)
	if want := "Column chart: A 12, B 11, C 10, D 9, E 8, F 7, G 6, H 5, I 4, J 3, and more, 12 in all."; c.Description != want {
		t.Errorf("description = %q, want %q", c.Description, want)
	}
}
