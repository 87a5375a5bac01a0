package ssr

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// options cover what the charts draw: bars with labels and rotated axis
// labels, a smooth area with symbols, a pie's label lines, bubbles, a
// heatmap's gradient legend, a radar, a funnel and a treemap, with legends.
var options = map[string]string{
	"bar": barOption,
	"rotated": `{"legend":{"show":true},"xAxis":{"type":"category","axisLabel":{"rotate":30},"data":["招商银行信用卡","工商银行","平安银行","中信银行"]},
"yAxis":{"type":"value"},"series":[{"type":"bar","name":"a","data":[3,1,2,5]},{"type":"bar","name":"b","stack":"s","data":[1,2,3,4]}]}`,
	"area": `{"legend":{"show":true},"xAxis":{"type":"category","data":["1月","2月","3月","4月"]},"yAxis":{},
"series":[{"type":"line","name":"x","smooth":true,"areaStyle":{},"data":[1.5,2.25,0.75,3]},{"type":"line","name":"y","data":[2,1,2,1]}]}`,
	"pie": `{"legend":{"show":true},"series":[{"type":"pie","radius":["30%","60%"],"label":{"formatter":"{b}: {c} ({d}%)"},
"data":[{"name":"互联网银行","value":3},{"name":"股份制银行","value":4},{"name":"国有银行","value":2},{"name":"城商行","value":1}]}]}`,
	"bubble": `{"xAxis":{},"yAxis":{},"series":[{"type":"scatter","symbolSize":20,"data":[[1,2],[2,3.5],[3.3,1]]},{"type":"scatter","symbolSize":4,"data":[[1.5,2.5]]}]}`,
	"heatmap": `{"xAxis":{"type":"category","data":["a","b","c"]},"yAxis":{"type":"category","data":["x","y"]},
"visualMap":{"min":0,"max":10,"calculable":true,"orient":"horizontal","left":"center","bottom":0},
"series":[{"type":"heatmap","label":{"show":true},"data":[[0,0,1],[1,0,5],[2,0,9],[0,1,3],[1,1,7],[2,1,10]]}]}`,
	"radar": `{"legend":{"show":true},"radar":{"indicator":[{"name":"粉丝","max":10},{"name":"获赞","max":10},{"name":"作品","max":10}]},
"series":[{"type":"radar","data":[{"name":"a","value":[3,5,7]},{"name":"b","value":[6,2,4]}]}]}`,
	"funnel":  `{"series":[{"type":"funnel","data":[{"name":"看到","value":100},{"name":"点开","value":60},{"name":"关注","value":20}]}]}`,
	"treemap": `{"series":[{"type":"treemap","data":[{"name":"a","value":6},{"name":"b","value":3},{"name":"c","value":1}]}]}`,
}

// rawDrawing is ECharts' own SVG of an option with only the tidying that
// precedes compaction.
func rawDrawing(t testing.TB, d *Drawer, option string, w, h int) string {
	t.Helper()
	rt, err := d.get()
	if err != nil {
		t.Fatal(err)
	}
	out, err := rt.draw(option, w, h)
	if err != nil {
		t.Fatal(err)
	}
	d.put(rt)
	return tidy(out, "bs-test-")
}

// drawn is one shape or text as the browser draws it: its name, the
// attributes in effect (its own and those it inherits, colours and fonts
// in one spelling), its points in the drawing's space, and its text.
type drawn struct {
	name  string
	attrs map[string]string
	pts   []float64
	text  string
}

// layout lists what a drawing draws, in order.
func layout(t *testing.T, svg string) []drawn {
	t.Helper()
	root, err := parseSVG(svg)
	if err != nil {
		t.Fatalf("%v:\n%s", err, svg)
	}
	var out []drawn
	var walk func(n *node, ctx map[string]string, m matrix)
	walk = func(n *node, ctx map[string]string, m matrix) {
		own := map[string]string{}
		c := *n
		c.attrs = append([]attr(nil), n.attrs...)
		if s, ok := c.get("style"); ok {
			c.unstyle(s)
		}
		for _, a := range c.attrs {
			own[a.key] = a.val
			if colours[a.key] {
				own[a.key] = shortColour(a.val)
			}
		}
		if tr, ok := own["transform"]; ok {
			tm, known := parseTransform(tr)
			if !known {
				t.Fatalf("transform %q", tr)
			}
			m = m.times(tm)
		}
		eff := map[string]string{}
		for k, v := range ctx {
			eff[k] = v
		}
		next := map[string]string{}
		for k, v := range ctx {
			next[k] = v
		}
		for k, v := range own {
			switch {
			case inherited[k]:
				eff[k], next[k] = v, v
			case k == "clip-path":
				next["clip-path"] = ctx["clip-path"] + v
				eff["clip-path"] = next["clip-path"]
			case !geometry[k] && k != "d" && k != "points" && k != "transform":
				eff[k] = v
			}
		}
		if groupable[n.name] && n.name != "g" {
			d := drawn{name: n.name, attrs: eff, pts: points(t, n.name, own, m)}
			for _, k := range n.kids {
				d.text += k.text
			}
			out = append(out, d)
		}
		if n.name == "linearGradient" || n.name == "radialGradient" {
			out = append(out, drawn{name: n.name, attrs: eff, pts: ramp(t, n)})
			return
		}
		for _, k := range n.kids {
			if k.name != "" && n.name != "text" {
				walk(k, next, m)
			}
		}
	}
	walk(root, map[string]string{}, matrix{1, 0, 0, 1, 0, 0})
	return out
}

// ramp is a gradient's colour and opacity at every hundredth, its points
// for the comparison (a gradient may lose stops, not colours).
func ramp(t *testing.T, g *node) []float64 {
	t.Helper()
	var stops []stop
	for _, k := range g.kids {
		if k.name == "" {
			continue
		}
		s, ok := readStop(k)
		if !ok {
			t.Fatalf("stop %v", k.attrs)
		}
		stops = append(stops, s)
	}
	var out []float64
	for i := 0; i <= 100; i++ {
		at := float64(i) / 100
		j := 0
		for j < len(stops)-1 && stops[j+1].offset < at {
			j++
		}
		a, b := stops[j], stops[min(j+1, len(stops)-1)]
		f := 0.0
		if b.offset > a.offset {
			f = math.Min(1, math.Max(0, (at-a.offset)/(b.offset-a.offset)))
		}
		for c := range 4 {
			out = append(out, (a.rgba[c]+f*(b.rgba[c]-a.rgba[c]))/[4]float64{10, 10, 10, 0.01}[c])
		}
	}
	return out
}

func (m matrix) times(o matrix) matrix {
	return matrix{
		m[0]*o[0] + m[2]*o[1], m[1]*o[0] + m[3]*o[1],
		m[0]*o[2] + m[2]*o[3], m[1]*o[2] + m[3]*o[3],
		m[0]*o[4] + m[2]*o[5] + m[4], m[1]*o[4] + m[3]*o[5] + m[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// points are a shape's defining points in the drawing's space.
func points(t *testing.T, name string, a map[string]string, m matrix) []float64 {
	t.Helper()
	num := func(k string) float64 {
		v, _ := strconv.ParseFloat(a[k], 64)
		return v
	}
	var local []float64
	switch name {
	case "path":
		segs, err := parsePath(a["d"])
		if err != nil {
			t.Fatalf("path %q: %v", a["d"], err)
		}
		for _, s := range segs {
			first := 0
			if s.cmd == 'A' {
				first = 5
			}
			for k := first; k+1 < len(s.arg); k += 2 {
				local = append(local, s.arg[k], s.arg[k+1])
			}
		}
	case "polyline", "polygon":
		for f := range strings.FieldsFuncSeq(a["points"], func(r rune) bool { return r == ' ' || r == ',' }) {
			v, _ := strconv.ParseFloat(f, 64)
			local = append(local, v)
		}
	case "rect":
		local = []float64{num("x"), num("y"), num("x") + num("width"), num("y") + num("height")}
	case "circle":
		local = []float64{num("cx"), num("cy")}
	case "text":
		local = []float64{num("x"), num("y")}
	}
	out := make([]float64, 0, len(local))
	for i := 0; i+1 < len(local); i += 2 {
		x, y := m.apply(local[i], local[i+1])
		out = append(out, x, y)
	}
	return out
}

// Compaction changes how a drawing is written, never what it draws: the
// same shapes and texts in the same order, with the same attributes in
// effect, every point within Precision of where ECharts put it.
func TestCompactDrawsTheSame(t *testing.T) {
	d := New(scripts(t, "zh-CN"), 1, nil)
	for name, opt := range options {
		raw := rawDrawing(t, d, opt, 640, 400)
		small, err := compact(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := Inert([]byte(small)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		before, after := layout(t, raw), layout(t, small)
		t.Logf("%s: %d bytes → %d (%.0f%%), %d shapes and texts", name, len(raw), len(small), 100*float64(len(small))/float64(len(raw)), len(before))
		if len(before) != len(after) {
			t.Fatalf("%s: %d shapes before, %d after:\n%s", name, len(before), len(after), small)
		}
		for i, b := range before {
			a := after[i]
			where := fmt.Sprintf("%s: %s %d", name, b.name, i)
			if a.name != b.name || a.text != b.text {
				t.Errorf("%s is %s %q after, %s %q before", where, a.name, a.text, b.name, b.text)
				continue
			}
			if fmt.Sprint(a.attrs) != fmt.Sprint(b.attrs) {
				t.Errorf("%s: attributes\n%v after,\n%v before", where, a.attrs, b.attrs)
			}
			if len(a.pts) != len(b.pts) {
				t.Errorf("%s: %d points after, %d before", where, len(a.pts), len(b.pts))
				continue
			}
			// Points move by Precision at most; a gradient's colours
			// by 1 of 255 (scaled to tenths above), its opacity by 0.001.
			for k := range a.pts {
				if math.Abs(a.pts[k]-b.pts[k]) > Precision+1e-9 {
					t.Errorf("%s: point %d moved from %g to %g", where, k, b.pts[k], a.pts[k])
					break
				}
			}
		}
		if len(small) > len(raw)*4/5 {
			t.Errorf("%s: compacted to %d of %d bytes", name, len(small), len(raw))
		}
	}
}

var longNumber = regexp.MustCompile(`\d\.\d\d`)

// A drawing shares its repeated attributes and keeps one decimal where a
// screen shows no more.
func TestDrawingIsCompact(t *testing.T) {
	svg, err := New(scripts(t, "zh-CN"), 1, nil).Draw([]byte(options["rotated"]), 640, 400)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, bad := range []string{"\n", "></path>", "></text>", "translate(", "rgb(", `style="font-size`, "xmlns:xlink"} {
		if strings.Contains(s, bad) {
			t.Errorf("the drawing holds %q:\n%s", bad, s)
		}
	}
	if n, texts := strings.Count(s, `font-size="12"`), strings.Count(s, "<text"); n > texts/3 {
		t.Errorf("the font size is written %d times for %d texts:\n%s", n, texts, s)
	}
	if !strings.Contains(s, `<g text-anchor="end" fill="#6e7079" font-size="12"><text dominant-baseline="central"`) {
		t.Errorf("the axis labels do not share their attributes:\n%s", s)
	}
	// Numbers are rounded to tenths, but for the rotation of the slanted
	// labels (matrix terms keep four decimals).
	for _, a := range regexp.MustCompile(` (d|x|y|points)="([^"]*)"`).FindAllStringSubmatch(s, -1) {
		if longNumber.MatchString(a[2]) {
			t.Errorf("%s=%q has more than one decimal", a[1], a[2])
		}
	}
}

func TestCompactPath(t *testing.T) {
	for _, c := range []struct {
		in   string
		dec  int
		want string
	}{
		{"M76 16l668 0l0 45.6l-668 0Z", 1, "M76 16H744V61.6H76Z"},
		{"M10.123456 20.98765L30.04 20.98765", 1, "M10.1 21H30"},
		{"M0 0L0.5 0.5L1 1", 1, "M0 0 .5.5 1 1"},
		{"M0 0L-0.25 -0.25", 1, "M0 0-.3-.3"},
		{"M100 100C100.04 120 130 130 150 150", 1, "M100 100c0 20 30 30 50 50"},
		{"M1 0A1 1 0 1 1 1 -0.01", 2, "M1 0A1 1 0 1 1 1-.01"},
		{"M0 0L10 0L10 10Z M20 20L30 20", 1, "M0 0H10V10ZM20 20H30"},
	} {
		got, err := compactPath(c.in, c.dec)
		if err != nil || got != c.want {
			t.Errorf("compactPath(%q, %d) = %q, %v; want %q", c.in, c.dec, got, err, c.want)
		}
	}
	// A nearly closed arc (a circle) that rounding would close vanishes,
	// and a coordinate too large for the grid would wrap: such paths are
	// left as they were.
	for _, d := range []string{"M1 0A1 1 0 1 1 1 -0.01", "M0 0L1e20 0", "M0 0L5", "M0 0X1 1"} {
		if got, err := compactPath(d, 1); err == nil {
			t.Errorf("%q was compacted to %q", d, got)
		}
	}
}

func TestDecimalsFollowScale(t *testing.T) {
	for scale, want := range map[float64]int{0.5: 1, 1: 1, 2: 2, 10: 2, 12: 3, 1e9: 6} {
		if got := decimals(scale); got != want {
			t.Errorf("decimals(%g) = %d, want %d", scale, got, want)
		}
	}
}

func TestCompactSVG(t *testing.T) {
	stops := ""
	for i := 0; i <= 100; i++ {
		stops += fmt.Sprintf(`<stop offset="%d%%" stop-color="rgb(%d,%d,200)"></stop>`+"\n", i, 2*i, 100+i/2)
	}
	in := `<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<rect width="100" height="50" x="0" y="0" fill="none"></rect>
<text dominant-baseline="central" text-anchor="end" style="font-size:12px;" transform="translate(10.04 20)" fill="rgb(51,51,51)">a &lt;b&gt; &amp;</text>
<text dominant-baseline="central" text-anchor="end" style="font-size:12px;" y="6" transform="translate(10 40.3333)" fill="#333">b</text>
<path d="M0 0L5 5" transform="translate(50 0)" fill="none" stroke="#aaa"></path>
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0">` + stops + `</linearGradient></defs>
</svg>`
	got, err := compact(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg"><rect width="100" height="50" fill="none"/>` +
		`<g text-anchor="end" fill="#333" font-size="12"><text dominant-baseline="central" x="10" y="20">a &lt;b&gt; &amp;</text>` +
		`<text dominant-baseline="central" y="46.3" x="10">b</text></g>` +
		`<path d="M50 0l5 5" fill="none" stroke="#aaa"/>` +
		`<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0"><stop offset="0%" stop-color="#0064c8"/><stop offset="100%" stop-color="#c896c8"/></linearGradient></defs></svg>`
	if got != want {
		t.Errorf("compact =\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkCompact is the compaction of one drawing (a heatmap with its
// gradient legend), paid once per drawing before it is cached; compare
// BenchmarkDraw, the drawing itself.
func BenchmarkCompact(b *testing.B) {
	d := New(scripts(b, "zh-CN"), 1, nil)
	raw := rawDrawing(b, d, options["heatmap"], 768, 400)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := compact(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDraw(b *testing.B) {
	d := New(scripts(b, "zh-CN"), 1, nil)
	rawDrawing(b, d, options["heatmap"], 768, 400) // load the runtime
	for b.Loop() {
		rawDrawing(b, d, options["heatmap"], 768, 400)
	}
}

// What is laid out in fractions of a box, and stops out of order, are
// left as they are.
func TestCompactLeavesFractions(t *testing.T) {
	in := `<svg width="10" height="10"><defs><pattern id="p" width="0.25" height="0.25" patternContentUnits="objectBoundingBox">` +
		`<rect width="0.25" height="0.125" fill="#000"/><path d="M0 0L0.25 0.125"/></pattern>` +
		`<linearGradient id="g"><stop offset="0.5" stop-color="#000"/><stop offset="0.2" stop-color="#777"/><stop offset="1" stop-color="#fff"/></linearGradient></defs></svg>`
	got, err := compact(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<pattern id="p" width="0.25" height="0.25"`, `<rect width="0.25" height="0.125"`, `d="M0 0 .25.125"`, `<stop offset="0.2" stop-color="#777"/>`} {
		if !strings.Contains(got, want) {
			t.Errorf("compact lost %s:\n%s", want, got)
		}
	}
}
