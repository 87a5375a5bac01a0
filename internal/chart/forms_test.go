package chart

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

func TestFixedColorsFollowNames(t *testing.T) {
	fixed := Colors{Fixed: map[string]string{"招商银行": "#c8102e", "分行": "#123456"}}
	_, pie := mustBuild(t, &Spec{Type: "pie", X: "bank", Y: []string{"followers"}, Colors: fixed, Lang: "zh-CN"}, accounts())
	want(t, pie, "series.0.data.1.itemStyle.color", `"#c8102e"`)
	if has(pie, "series.0.data.0.itemStyle") {
		t.Errorf("a slice without a fixed colour got one")
	}
	_, split := mustBuild(t, &Spec{Type: "line", X: "bank", Y: []string{"followers"}, Series: "type", Colors: fixed, Lang: "zh-CN"}, accounts())
	want(t, split, "series.1.name", `"分行"`)
	want(t, split, "series.1.itemStyle.color", `"#123456"`)
	want(t, split, "series.1.lineStyle.color", `"#123456"`)
	_, some := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Colors: fixed, Lang: "zh-CN"}, accounts())
	want(t, some, "series.0.data.1", `{"value":1800000}`) // not every bar has a colour: none is coloured
	_, bar := mustBuild(t, &Spec{Type: "bar", X: "type", Y: []string{"followers"}, Colors: Colors{Fixed: map[string]string{"总行": "#111111", "分行": "#123456"}}}, accounts())
	want(t, bar, "series.0.data.2", `{"itemStyle":{"color":"#123456"},"value":123000}`)
	_, palette := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Colors: Colors{Palette: []string{"#000000", "#ffffff"}}}, accounts())
	want(t, palette, "color", `["#000000","#ffffff"]`)
}

// TestStableColorsSameEverywhere checks that a name keeps its colour from
// chart to chart, whatever the other names and their order.
func TestStableColorsSameEverywhere(t *testing.T) {
	c := Colors{Stable: true}
	_, a := mustBuild(t, &Spec{Type: "pie", X: "bank", Y: []string{"followers"}, Colors: c}, accounts())
	other := table("other",
		strs("bank", "平安银行", "某银行", "微众银行"),
		nums("followers", dataset.Int, 1, 2, 3))
	_, b := mustBuild(t, &Spec{Type: "funnel", X: "bank", Y: []string{"followers"}, Colors: c}, other)
	colorOf := func(m map[string]any, name string) string {
		for _, d := range get(t, m, "series.0.data").([]any) {
			item := d.(map[string]any)
			if item["name"] == name {
				return item["itemStyle"].(map[string]any)["color"].(string)
			}
		}
		t.Fatalf("no item %q", name)
		return ""
	}
	for _, name := range []string{"平安银行", "微众银行"} {
		if x, y := colorOf(a, name), colorOf(b, name); x != y || !slices.Contains(Palette, x) {
			t.Errorf("%s: %s in a pie, %s in a funnel (want one palette colour)", name, x, y)
		}
	}
}

func TestUpDownFollowLanguage(t *testing.T) {
	tests := []struct {
		lang     string
		c        Colors
		up, down string
	}{
		{"zh-CN", Colors{}, red, green},
		{"zh-TW", Colors{}, red, green},
		{"en-US", Colors{}, green, red},
		{"en", Colors{Up: "#0000ff"}, "#0000ff", red},
	}
	for _, tt := range tests {
		if up, down := tt.c.UpDown(tt.lang); up != tt.up || down != tt.down {
			t.Errorf("%s: up %s down %s, want %s %s", tt.lang, up, down, tt.up, tt.down)
		}
	}
}

// TestReferenceStats checks each stat against a value worked out here from
// the rows.
func TestReferenceStats(t *testing.T) {
	vals := []float64{2150000, 1800000, 123000}
	sum := 0.0
	for _, v := range vals {
		sum += v
	}
	held := map[string]float64{"avg": sum / 3, "median": 1800000, "min": 123000, "max": 2150000}
	for stat, v := range held {
		_, m := mustBuild(t, &Spec{Type: "line", X: "bank", Y: []string{"followers"}, Refs: []Ref{{Key: "ref#0", Stat: stat}}}, accounts())
		got := get(t, m, "series.0.markLine.data.0.yAxis").(float64)
		if math.Abs(got-v) > 1e-6 {
			t.Errorf("%s = %v, want %v", stat, got, v)
		}
	}
}

func TestReferenceOnHorizontalBars(t *testing.T) {
	v := 1e6
	_, m := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"followers"}, Horizontal: true,
		Refs: []Ref{{Key: "ref#0", Value: &v, Label: "目标"}, {Key: "ref#1", From: &v, To: &v}}}, accounts())
	want(t, m, "series.0.markLine.data.0", `{"name":"目标","xAxis":1000000}`)
	want(t, m, "series.0.markArea.data.0", `[{"xAxis":1000000},{"xAxis":1000000}]`)
}

func TestSecondAxisOnTimeAxis(t *testing.T) {
	tb := table("m",
		dates("month", "2022-02-01", "2022-01-01"),
		nums("followers", dataset.Int, 200, 100),
		nums("growth", dataset.Float, 1.0, nil))
	c, m := mustBuild(t, &Spec{Type: "line", X: "month", Y: []string{"followers"}, Y2: []string{"growth"},
		Formats: map[string]string{"growth": "percent"}, Lang: "en"}, tb)
	want(t, m, "series.1.data", `[{"value":["2022-01-01",null]},{"value":["2022-02-01",1]}]`)
	want(t, m, "series.1.yAxisIndex", `1`)
	want(t, m, "yAxis.1.axisLabel.formatter", `"bs:percent"`)
	if !strings.Contains(c.Description, "growth: 2022-01-01 no data, 2022-02-01 100.0%") {
		t.Errorf("description = %q", c.Description)
	}
}

func TestNiceCeil(t *testing.T) {
	for in, out := range map[float64]float64{87: 100, 3.2: 4, 41: 50, 1: 1, 0.3: 0.3, 2400: 2500, 2600: 3000, 10: 10, 570: 600, 1.01: 1.2} {
		if got := niceCeil(in); math.Abs(got-out) > 1e-9 {
			t.Errorf("niceCeil(%v) = %v, want %v", in, got, out)
		}
	}
}

// TestFacetsShareRange checks that small multiples share a value range
// that covers every facet's values, stacked ones summed.
func TestFacetsShareRange(t *testing.T) {
	tb := table("s",
		strs("type", "a", "a", "b", "b"),
		strs("bank", "x", "x", "y", "y"),
		strs("kind", "k1", "k2", "k1", "k2"),
		nums("v", dataset.Int, 30, 40, 5, 6))
	c, m := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"v"}, Series: "kind", Stack: true, Facet: "type"}, tb)
	for i := range 2 {
		lo := get(t, m, "yAxis."+string(rune('0'+i))+".min").(float64)
		hi := get(t, m, "yAxis."+string(rune('0'+i))+".max").(float64)
		if lo != 0 || hi < 70 || hi > 80 {
			t.Errorf("facet %d: range %v–%v, want 0 to a round number from 70 to 80 (30 + 40 stacked)", i, lo, hi)
		}
	}
	if c.Height != 40+facetHeight+28 {
		t.Errorf("height = %d", c.Height)
	}
	raw, _ := json.Marshal(get(t, m, "series"))
	if strings.Count(string(raw), `"color":"#4e79a7"`) != 2 || strings.Count(string(raw), `"color":"#f28e2b"`) != 2 {
		t.Errorf("each series should keep one colour in every facet: %s", raw)
	}
}

// TestStableColorsOnlyForCategories checks that a series named after a
// column keeps the palette order, while series named by a category of the
// data take their stable colour.
func TestStableColorsOnlyForCategories(t *testing.T) {
	c := Colors{Stable: true}
	_, cols := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"likes", "followers"}, Colors: c}, accounts())
	if has(cols, "series.0.itemStyle.color") || has(cols, "series.1.itemStyle.color") {
		t.Errorf("series of columns took stable colours: %v", get(t, cols, "series"))
	}
	_, split := mustBuild(t, &Spec{Type: "bar", X: "bank", Y: []string{"likes"}, Series: "type", Colors: c}, accounts())
	if !has(split, "series.0.itemStyle.color") {
		t.Errorf("a series of a category has no stable colour")
	}
}
