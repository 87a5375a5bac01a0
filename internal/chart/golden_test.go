package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// goldenCase is one chart form with the options that change its option.
type goldenCase struct {
	name string
	spec *Spec
	t    func() *dataset.Table
}

// monthly is a monthly series of two regions in long form.
func monthly() *dataset.Table {
	return table("monthly",
		dates("month", "2024-01-01", "2024-02-01", "2024-03-01", "2024-01-01", "2024-02-01", "2024-03-01"),
		strs("region", "North", "North", "North", "South", "South", "South"),
		nums("sales", dataset.Float, 120.0, 135.5, nil, 80.0, 95.0, 110.0),
		nums("target", dataset.Float, 100.0, 130.0, 140.0, 90.0, 90.0, 100.0),
		nums("margin", dataset.Float, 0.21, 0.25, 0.19, 0.3, 0.28, 0.27),
	)
}

// steps is a waterfall's rows.
func stepsTable() *dataset.Table {
	return table("bridge",
		strs("item", "Sales", "Costs", "Tax"),
		nums("change", dataset.Int, 500, -200, -50),
		nums("opening", dataset.Int, 100, 50, 0),
	)
}

// heatGrid is a heatmap's rows.
func heatGrid() *dataset.Table {
	return table("grid",
		strs("day", "Mon", "Mon", "Tue", "Tue", "Wed"),
		strs("hour", "9", "10", "9", "10", "9"),
		nums("visits", dataset.Int, 5, 12, 7, 3, 9),
	)
}

func goldenCases() []goldenCase {
	yes, no := true, false
	names := map[string]string{"followers": "粉丝量", "likes": "获赞"}
	formats := map[string]string{"followers": "compact", "avg_likes": "decimal1"}
	fixed := Colors{Fixed: map[string]string{"招商银行": "#c8102e", "分行": "#123456", "North": "#0a0a0a"}}
	return []goldenCase{
		{"bar", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Names: names, Formats: formats, Lang: "zh-CN", Title: "粉丝", Subtitle: "2024"}, accounts},
		{"bar_labels_names", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Labels: true, XName: "银行", YName: "人数", Lang: "zh-CN"}, accounts},
		{"bar_horizontal_labels", &Spec{Type: "bar", X: "bank", Y: []string{"followers", "likes"}, Horizontal: true, Labels: true, Names: names, Lang: "zh-CN"}, accounts},
		{"bar_stacked_labels", &Spec{Type: "bar", X: "bank", Y: []string{"followers", "likes"}, Stack: true, Labels: true, Lang: "en"}, accounts},
		{"bar_series_fixed", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Series: "type", Colors: fixed, Lang: "zh-CN"}, accounts},
		{"bar_category_colors", &Spec{Type: "bar", X: "type", Y: []string{"followers"}, Colors: Colors{Fixed: map[string]string{"总行": "#111111", "分行": "#123456"}}}, accounts},
		{"bar_many_categories", &Spec{Type: "bar", X: "item", Y: []string{"n"}, Legend: &yes}, func() *dataset.Table {
			return table("many", strs("item", "a", "b", "c", "d", "e", "f", "g", "h"), nums("n", dataset.Int, 1, 2, 3, 4, 5, 6, 7, 8))
		}},
		{"line_category", &Spec{Type: "line", X: "bank", Y: []string{"followers", "likes"}, Legend: &no, Lang: "en"}, accounts},
		{"line_time_month", &Spec{Type: "line", X: "month", Y: []string{"sales"}, Series: "region", Colors: fixed, Lang: "en"}, monthly},
		{"line_time_day", &Spec{Type: "line", X: "day", Y: []string{"v"}, Lang: "zh-CN"}, func() *dataset.Table {
			return table("daily", dates("day", "2024-04-08", "2024-04-15", "2024-04-22"), nums("v", dataset.Int, 3, 1, 2))
		}},
		{"area_stacked", &Spec{Type: "area", X: "bank", Y: []string{"followers", "likes"}, Stack: true, Lang: "zh-CN"}, accounts},
		{"area_stable", &Spec{Type: "area", X: "bank", Y: []string{"followers"}, Series: "type", Colors: Colors{Stable: true}, Lang: "zh-CN"}, accounts},
		{"combo_y2", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Y2: []string{"avg_likes"}, Y2Name: "均赞", Formats: formats, Lang: "zh-CN"}, accounts},
		{"combo_y2_time", &Spec{Type: "line", X: "month", Y: []string{"sales"}, Y2: []string{"margin"}, Names: map[string]string{"margin": "Margin"}, Lang: "en"}, monthly3},
		{"refs_lines_band", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Lang: "zh-CN", Refs: []Ref{
			{Key: "ref#0", Value: new(float64(1000000)), Label: "目标"}, {Key: "ref#1", Stat: "avg"}, {Key: "ref#2", From: new(float64(100000)), To: new(float64(500000)), Label: "区间"}}}, accounts},
		{"refs_horizontal", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Horizontal: true, Lang: "en", Refs: []Ref{
			{Key: "ref#0", Stat: "median"}, {Key: "ref#1", From: new(float64(1)), To: new(float64(2)), Label: "band"}, {Key: "ref#2", Column: "likes", Label: "Target"}}}, accounts},
		{"refs_targets_line", &Spec{Type: "line", X: "month", Y: []string{"sales"}, Lang: "en", Refs: []Ref{{Key: "ref#0", Column: "target"}}}, monthly3},
		{"refs_targets_bar", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Lang: "en", Refs: []Ref{{Key: "ref#0", Column: "likes"}}}, accounts},
		{"facet_bar", &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Facet: "type", Colors: fixed, Lang: "zh-CN", Title: "分图"}, accounts},
		{"facet_line_stack", &Spec{Type: "line", X: "month", Y: []string{"sales", "target"}, Facet: "region", Stack: true, Lang: "en"}, monthly},
		{"facet_horizontal", &Spec{Type: "bar", X: "bank", Y: []string{"followers", "likes"}, Facet: "type", Horizontal: true, Legend: &yes, Lang: "en"}, accounts},
		{"pie", &Spec{Type: "pie", X: "bank", Y: []string{"followers"}, Colors: fixed, Lang: "zh-CN"}, accounts},
		{"pie_labels_nolegend", &Spec{Type: "pie", X: "bank", Y: []string{"followers"}, Labels: true, Legend: &no, Formats: formats, Lang: "en"}, accounts},
		{"donut", &Spec{Type: "donut", X: "bank", Y: []string{"likes"}, Colors: Colors{Stable: true}, Lang: "en"}, accounts},
		{"scatter", &Spec{Type: "scatter", X: "posts", Y: []string{"likes"}, Name: "bank", Labels: true, Lang: "zh-CN"}, accounts},
		{"scatter_names_series", &Spec{Type: "scatter", X: "posts", Y: []string{"likes", "followers"}, XName: "作品数", YName: "值", Names: names, Formats: formats, Lang: "zh-CN"}, accounts},
		{"scatter_series", &Spec{Type: "scatter", X: "posts", Y: []string{"likes"}, Series: "type", Colors: fixed, Lang: "zh-CN"}, accounts},
		{"bubble", &Spec{Type: "bubble", X: "posts", Y: []string{"likes"}, Size: "followers", Name: "bank", Names: names, Lang: "zh-CN"}, accounts},
		{"funnel", &Spec{Type: "funnel", X: "bank", Y: []string{"followers"}, Colors: fixed, Lang: "zh-CN"}, accounts},
		{"funnel_legend", &Spec{Type: "funnel", X: "bank", Y: []string{"likes"}, Legend: &yes, Lang: "en"}, accounts},
		{"waterfall", &Spec{Type: "waterfall", X: "item", Y: []string{"change"}, Start: new(float64(1000)), Lang: "zh-CN"}, stepsTable},
		{"waterfall_labels_column", &Spec{Type: "waterfall", X: "item", Y: []string{"change"}, StartColumn: "opening", StartName: "Open", EndName: "Close", Labels: true, Lang: "en"}, stepsTable},
		{"heatmap", &Spec{Type: "heatmap", X: "day", Y: []string{"hour"}, Value: "visits", Lang: "en"}, heatGrid},
		{"heatmap_labels_names", &Spec{Type: "heatmap", X: "day", Y: []string{"hour"}, Value: "visits", Labels: true, XName: "Day", YName: "Hour", Formats: map[string]string{"visits": "decimal1"}, Lang: "zh-CN"}, heatGrid},
		{"heatmap_one_value", &Spec{Type: "heatmap", X: "day", Y: []string{"hour"}, Value: "visits", Lang: "en"}, func() *dataset.Table {
			return table("one", strs("day", "Mon"), strs("hour", "9"), nums("visits", dataset.Int, 4))
		}},
		{"treemap", &Spec{Type: "treemap", X: "bank", Y: []string{"followers"}, Colors: fixed, Lang: "zh-CN"}, accounts},
		{"treemap_series", &Spec{Type: "treemap", X: "bank", Y: []string{"followers"}, Series: "type", Colors: Colors{Stable: true, Fixed: map[string]string{"平安银行": "#654321"}}, Lang: "zh-CN"}, accounts},
		{"radar", &Spec{Type: "radar", X: "bank", Y: []string{"followers", "likes", "posts"}, Colors: fixed, Lang: "zh-CN"}, accounts},
		{"radar_nolegend", &Spec{Type: "radar", X: "bank", Y: []string{"likes", "posts", "avg_likes"}, Legend: &no, Lang: "en"}, accounts},
	}
}

// monthly3 is the North rows of monthly, one per month.
func monthly3() *dataset.Table {
	return table("north",
		dates("month", "2024-01-01", "2024-02-01", "2024-03-01"),
		nums("sales", dataset.Float, 120.0, 135.5, nil),
		nums("target", dataset.Float, 100.0, 130.0, 140.0),
		nums("margin", dataset.Float, 0.21, 0.25, 0.19),
	)
}

// TestGoldenOptions checks that every chart form's option means the same
// as the one recorded in testdata/golden: the same JSON values, whatever
// the order of object keys. go test -run TestGoldenOptions -update records
// them anew.
func TestGoldenOptions(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Build(tc.spec, tc.t())
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			file := filepath.Join("testdata", "golden", tc.name+".json")
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, c.JSON, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			if *update {
				if err := os.WriteFile(file, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			golden, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (record it with -update)", err)
			}
			var got, want any
			if err := json.Unmarshal(c.JSON, &got); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(golden, &want); err != nil {
				t.Fatal(err)
			}
			if diffs := jsonDiff("", got, want, nil); len(diffs) > 0 {
				t.Errorf("option differs from %s:\n%s", file, strings.Join(diffs, "\n"))
			}
		})
	}
}

// BenchmarkBuild builds every chart form of the golden cases once a loop.
func BenchmarkBuild(b *testing.B) {
	cases := goldenCases()
	tables := make([]*dataset.Table, len(cases))
	for i, tc := range cases {
		tables[i] = tc.t()
	}
	for b.Loop() {
		for i, tc := range cases {
			s := *tc.spec
			if _, err := Build(&s, tables[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// jsonDiff lists the paths where two decoded JSON values differ.
func jsonDiff(path string, got, want any, out []string) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return append(out, fmt.Sprintf("%s: got %v, want an object", path, got))
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: missing (want %v)", path, k, wv))
				continue
			}
			out = jsonDiff(path+"."+k, gv, wv, out)
		}
		for k, gv := range g {
			if _, ok := w[k]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: extra %v", path, k, gv))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return append(out, fmt.Sprintf("%s: got %v, want %v", path, got, want))
		}
		for i := range w {
			out = jsonDiff(fmt.Sprintf("%s.%d", path, i), g[i], w[i], out)
		}
	default:
		if !reflect.DeepEqual(got, want) {
			out = append(out, fmt.Sprintf("%s: got %v, want %v", path, got, want))
		}
	}
	return out
}
