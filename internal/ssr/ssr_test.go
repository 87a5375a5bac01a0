package ssr

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	broadsheet "github.com/broadsheet/broadsheet"
	"github.com/broadsheet/broadsheet/internal/locale"
)

func scripts(t testing.TB, lang string) Scripts {
	t.Helper()
	ec, err := fs.ReadFile(broadsheet.Theme, "assets/vendor/echarts/echarts.min.js")
	if err != nil {
		t.Fatal(err)
	}
	cj, err := fs.ReadFile(broadsheet.Theme, "assets/js/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	return Scripts{ECharts: ec, Charts: cj, Words: locale.Of(lang).Script()}
}

const barOption = `{"xAxis":{"type":"category","data":["招商银行","工商银行"]},
"yAxis":{"type":"value","axisLabel":{"formatter":"bs:compact"}},
"series":[{"type":"bar","name":"粉丝量","data":[1234567,23456789],"label":{"show":true,"formatter":"bs:compact"}}]}`

func TestDrawAppliesTheNamedFormats(t *testing.T) {
	d := New(scripts(t, "zh-CN"), 1, nil)
	svg, err := d.Draw([]byte(barOption), 640, 400)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{`<svg width="640" height="400"`, `viewBox="0 0 640 400"`, ">招商银行</text>", ">123万</text>", ">2346万</text>"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q:\n%s", want, s)
		}
	}
	for _, bad := range []string{"bs:compact", "<style", "ecmeta_", "zr0-", "pointer-events"} {
		if strings.Contains(s, bad) {
			t.Errorf("SVG holds %q", bad)
		}
	}
	en := New(scripts(t, "en"), 1, nil)
	svg, err = en.Draw([]byte(barOption), 640, 400)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), ">1.23M</text>") {
		t.Errorf("an English page's SVG lacks 1.23M:\n%s", svg)
	}
}

func TestHostileTextStaysText(t *testing.T) {
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>\" onload=\"alert(3)`
	opt := `{"title":{"text":"` + hostile + `","subtext":"` + hostile + `"},
"legend":{"show":true},"tooltip":{"trigger":"axis","formatter":"bs:"},
"xAxis":{"type":"category","name":"` + hostile + `","data":["` + hostile + `","]]></text><script>alert(4)</script>"]},
"yAxis":{"type":"value"},
"series":[{"type":"bar","name":"` + hostile + `","data":[1,2],"label":{"show":true,"formatter":"bs:"}},
{"type":"pie","name":"x","center":["80%","30%"],"radius":40,"data":[{"name":"` + hostile + `","value":3}],"label":{"formatter":"bs:pie:"}}]}`
	svg, err := New(scripts(t, "en"), 1, nil).Draw([]byte(opt), 600, 400)
	if err != nil {
		t.Fatal(err)
	}
	if err := Inert(svg); err != nil {
		t.Fatal(err)
	}
	low := strings.ToLower(string(svg))
	for _, bad := range []string{"<script", "<img", "<![cdata["} {
		if strings.Contains(low, bad) {
			t.Errorf("SVG holds %q:\n%s", bad, svg)
		}
	}
	if !strings.Contains(string(svg), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile title is not in the SVG as text:\n%s", svg)
	}
}

func TestInertRefusesActiveContent(t *testing.T) {
	for _, svg := range []string{
		`<svg><script>alert(1)</script></svg>`,
		`<svg><rect onclick="alert(1)"/></svg>`,
		`<svg><foreignObject><div/></foreignObject></svg>`,
		`<svg><image href="https://example.com/x.png"/></svg>`,
		`<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="javascript:alert(1)"/></svg>`,
		`<svg><rect fill="url(javascript:alert(1))"/></svg>`,
		`<svg><rect`,
	} {
		if Inert([]byte(svg)) == nil {
			t.Errorf("Inert accepted %s", svg)
		}
	}
	if err := Inert([]byte(`<svg><defs><clipPath id="a"/></defs><rect clip-path="url(#a)"/><image href="data:image/png;base64,AA"/></svg>`)); err != nil {
		t.Errorf("Inert refused a plain drawing: %v", err)
	}
}

func TestCacheDrawsOnce(t *testing.T) {
	dir := t.TempDir()
	d := New(scripts(t, "en"), 2, &Cache{Dir: dir})
	first, err := d.Draw([]byte(barOption), 500, 300)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.svg"))
	if len(files) != 1 {
		t.Fatalf("cache holds %d files, want 1", len(files))
	}
	// A cached drawing is read, not drawn: prove it by changing the file.
	if err := os.WriteFile(files[0], []byte("<svg>cached</svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := New(scripts(t, "en"), 1, &Cache{Dir: dir}).Draw([]byte(barOption), 500, 300)
	if err != nil || string(again) != "<svg>cached</svg>" {
		t.Fatalf("second draw = %q, %v; want the cached file", again, err)
	}
	// Another size, language or option is another drawing.
	if d.Key([]byte(barOption), 500, 300) == d.Key([]byte(barOption), 501, 300) ||
		d.Key([]byte(barOption), 500, 300) == New(scripts(t, "zh-CN"), 1, nil).Key([]byte(barOption), 500, 300) ||
		d.Key([]byte(barOption), 500, 300) == d.Key([]byte(barOption+" "), 500, 300) {
		t.Error("keys collide")
	}
	if strings.Contains(string(first), "cached") {
		t.Error("first drawing came from nowhere")
	}
}

func TestConcurrentDrawsAgree(t *testing.T) {
	dir := t.TempDir()
	d := New(scripts(t, "zh-CN"), 2, &Cache{Dir: dir})
	want, err := New(scripts(t, "zh-CN"), 1, nil).Draw([]byte(barOption), 640, 400)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			got, err := d.Draw([]byte(barOption), 640, 400)
			if err != nil {
				errs <- err.Error()
			} else if string(got) != string(want) {
				errs <- "a concurrent drawing differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestIDsAreTheDrawingsOwn(t *testing.T) {
	// A pie's label lines and a line chart's area are clipped: their ids
	// must carry the drawing's key, not ECharts' instance counter.
	opt := []byte(`{"xAxis":{"type":"category","data":["a","b"]},"yAxis":{},"series":[{"type":"line","areaStyle":{},"data":[1,2]}]}`)
	d := New(scripts(t, "en"), 1, nil)
	a, err := d.Draw(opt, 300, 200)
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.Draw(opt, 300, 200) // a later drawing in the same runtime
	if err != nil {
		t.Fatal(err)
	}
	prefix := `id="bs-` + d.Key(opt, 300, 200)[:10] + `-`
	if !strings.Contains(string(a), prefix) || string(a) != string(b) {
		t.Errorf("ids are not the drawing's own (want %s…):\n%s\n%s", prefix, a, b)
	}
	if strings.Contains(string(a), `"zr`) || strings.Contains(string(a), "#zr") {
		t.Errorf("ECharts' own ids are left:\n%s", a)
	}
}

func TestBadOptionIsAnError(t *testing.T) {
	d := New(scripts(t, "en"), 1, nil)
	if _, err := d.Draw([]byte(`{"series":`), 100, 100); err == nil {
		t.Error("a broken option drew")
	}
	if _, err := d.Draw([]byte(barOption), 100, 100); err != nil {
		t.Errorf("the drawer did not recover: %v", err)
	}
}
