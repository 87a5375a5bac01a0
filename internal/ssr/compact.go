package ssr

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
)

// Precision is the finest detail, in CSS pixels of the drawing, that a
// compacted drawing keeps: coordinates are rounded to it. A tenth of a
// pixel is a third of a device pixel on the densest screens, and the
// drawing is never shown larger than it was drawn.
const Precision = 0.1

// compact writes a drawing again in fewer bytes without changing what it
// shows:
//   - coordinates are rounded to Precision (finer inside a shape scaled up
//     by its transform, so a unit circle stays round), and path data is
//     rewritten with relative, horizontal and vertical commands where they
//     are shorter;
//   - a text's translation becomes its x and y;
//   - colours are written as #rgb or #rrggbb;
//   - a gradient keeps only the stops that are not on the straight line
//     between their neighbours (within one step of 255);
//   - fill, stroke, font and anchor attributes shared by consecutive shapes
//     or texts move to a <g> around them (they are inherited properties, so
//     each shape's computed style is unchanged);
//   - whitespace between elements, and the closing tags of empty elements,
//     go.
//
// The result is still a self-contained drawing: it does not depend on any
// stylesheet, so a page, the feed and a bundle show it alike.
func compact(svg string) (string, error) {
	root, err := parseSVG(svg)
	if err != nil {
		return "", err
	}
	root.optimize(1, false)
	if !strings.Contains(svg, " xlink:") {
		root.del("xmlns:xlink")
	}
	var b strings.Builder
	b.Grow(len(svg) / 2)
	root.write(&b)
	return b.String(), nil
}

// node is an element (name set) or a run of text.
type node struct {
	name  string
	attrs []attr
	kids  []*node
	text  string
}

type attr struct{ key, val string }

func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// parseSVG reads a drawing into a tree. Prefixes stay as written
// (xlink:href, xml:space).
func parseSVG(s string) (*node, error) {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	top := &node{}
	stack := []*node{top}
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		cur := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: qualified(t.Name)}
			for _, a := range t.Attr {
				n.attrs = append(n.attrs, attr{qualified(a.Name), a.Value})
			}
			cur.kids = append(cur.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) < 2 || qualified(t.Name) != cur.name {
				return nil, errors.New("unbalanced SVG")
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 1 {
				cur.kids = append(cur.kids, &node{text: string(t)})
			}
		}
	}
	if len(stack) != 1 || len(top.kids) != 1 || top.kids[0].name != "svg" {
		return nil, errors.New("not one <svg> element")
	}
	return top.kids[0], nil
}

func (n *node) get(key string) (string, bool) {
	for _, a := range n.attrs {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

func (n *node) set(key, val string) {
	for i, a := range n.attrs {
		if a.key == key {
			n.attrs[i].val = val
			return
		}
	}
	n.attrs = append(n.attrs, attr{key, val})
}

func (n *node) del(key string) {
	for i, a := range n.attrs {
		if a.key == key {
			n.attrs = append(n.attrs[:i], n.attrs[i+1:]...)
			return
		}
	}
}

// optimize rewrites n and what it holds; scale is how much the transforms
// above n enlarge it.
func (n *node) optimize(scale float64, inText bool) {
	inText = inText || n.name == "text"
	if n.name == "text" {
		n.textPosition(decimals(scale))
	}
	n.untranslate()
	own := scale
	if t, ok := n.get("transform"); ok {
		m, known := parseTransform(t)
		if known {
			n.set("transform", m.String(decimals(scale)))
			own = scale * m.scale()
		} else {
			own = math.Inf(1)
		}
	}
	for _, units := range []string{"clipPathUnits", "maskContentUnits", "patternContentUnits"} {
		// Content laid out in fractions of a box is not rounded.
		if v, _ := n.get(units); v == "objectBoundingBox" {
			own = math.Inf(1)
		}
	}
	n.compactAttrs(decimals(own))
	if n.name == "linearGradient" || n.name == "radialGradient" {
		n.mergeStops()
	}
	kids := n.kids[:0]
	for _, k := range n.kids {
		if k.name == "" && !inText && strings.TrimSpace(k.text) == "" {
			continue
		}
		if k.name != "" {
			k.optimize(own, inText)
		}
		kids = append(kids, k)
	}
	n.kids = kids
	if n.name == "svg" || n.name == "g" {
		n.kids = group(n.kids)
	}
}

// untranslate moves a shape's translation into its coordinates, when
// nothing it refers to (a gradient, a clip) is laid out in its own space.
func (n *node) untranslate() {
	t, ok := n.get("transform")
	if !ok || (n.name != "path" && n.name != "polygon" && n.name != "polyline") || len(n.kids) > 0 {
		return
	}
	m, known := parseTransform(t)
	if !known || m[0] != 1 || m[1] != 0 || m[2] != 0 || m[3] != 1 {
		return
	}
	for _, a := range n.attrs {
		if strings.Contains(a.val, "url(") || a.key == "clip-path" || a.key == "mask" || a.key == "filter" {
			return
		}
	}
	key := "d"
	if n.name != "path" {
		key = "points"
	}
	v, ok := n.get(key)
	if !ok {
		return
	}
	moved, err := translated(key, v, m[4], m[5])
	if err != nil {
		return
	}
	n.set(key, moved)
	n.del("transform")
}

// translated is path data or points moved by dx, dy, written finely (they
// are rounded afterwards).
func translated(key, v string, dx, dy float64) (string, error) {
	if key == "d" {
		segs, err := parsePath(v)
		if err != nil {
			return "", err
		}
		for _, s := range segs {
			first := 0
			if s.cmd == 'A' {
				first = 5
			}
			for k := first; k+1 < len(s.arg); k += 2 {
				s.arg[k] += dx
				s.arg[k+1] += dy
			}
		}
		return encodePath(segs, 6)
	}
	p := &pathScanner{s: v}
	w := &pathWriter{}
	for i := 0; ; i++ {
		p.skip()
		if p.i >= len(p.s) {
			if i%2 != 0 {
				return "", errPath
			}
			return string(w.b), nil
		}
		f, err := p.number()
		if err != nil {
			return "", err
		}
		w.number(formatFixed(round(f+[2]float64{dx, dy}[i%2], 6), 6, true))
	}
}

// decimals is how many decimals keep Precision at a scale.
func decimals(scale float64) int {
	d := 1
	for d < 6 && scale*math.Pow10(-d) > Precision*1.000001 {
		d++
	}
	return d
}

// geometry are the attributes holding one coordinate or length, of the
// elements drawn (a gradient's or a pattern's may be fractions of a box).
var geometry = map[string]bool{"x": true, "y": true, "width": true, "height": true,
	"cx": true, "cy": true, "r": true, "rx": true, "ry": true,
	"x1": true, "y1": true, "x2": true, "y2": true}

// shapes are the elements whose geometry is in pixels of the drawing.
var shapes = map[string]bool{"path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "text": true, "tspan": true, "image": true, "use": true}

// colours are the attributes holding a colour.
var colours = map[string]bool{"fill": true, "stroke": true, "stop-color": true}

// compactAttrs rounds n's own geometry and shortens its colours and style.
func (n *node) compactAttrs(dec int) {
	for i, a := range n.attrs {
		switch {
		case a.key == "d":
			if d, err := compactPath(a.val, dec); err == nil {
				n.attrs[i].val = d
			}
		case a.key == "points":
			if p, ok := compactPoints(a.val, dec); ok {
				n.attrs[i].val = p
			}
		case geometry[a.key] && shapes[n.name]:
			if v, err := strconv.ParseFloat(a.val, 64); err == nil {
				n.attrs[i].val = formatFixed(round(v, dec), dec, false)
			}
		case colours[a.key]:
			n.attrs[i].val = shortColour(a.val)
		}
	}
	if n.name == "rect" {
		// A rectangle's corner is at 0 0 unless it says otherwise.
		for _, k := range []string{"x", "y"} {
			if v, _ := n.get(k); v == "0" {
				n.del(k)
			}
		}
	}
	if style, ok := n.get("style"); ok {
		n.unstyle(style)
	}
}

// fontProps are the style declarations that become attributes: a page's
// stylesheet sets none of them on a drawing's texts.
var fontProps = map[string]bool{"font-size": true, "font-weight": true, "font-style": true, "font-family": true}

// unstyle turns the font declarations of a style attribute into
// presentation attributes, which a <g> can share.
func (n *node) unstyle(style string) {
	var rest []string
	var props []attr
	for decl := range strings.SplitSeq(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case k == "" && v == "":
		case ok && fontProps[k] && !strings.ContainsAny(v, `"'\()!`):
			if _, set := n.get(k); set {
				return
			}
			if k == "font-size" {
				v = strings.TrimSuffix(v, "px")
			}
			props = append(props, attr{k, v})
		default:
			rest = append(rest, decl)
		}
	}
	n.del("style")
	n.attrs = append(n.attrs, props...)
	if len(rest) > 0 {
		n.attrs = append(n.attrs, attr{"style", strings.Join(rest, ";")})
	}
}

// textPosition turns a text's translation into its x and y.
func (n *node) textPosition(dec int) {
	t, ok := n.get("transform")
	if !ok {
		return
	}
	m, known := parseTransform(t)
	if !known || m[0] != 1 || m[1] != 0 || m[2] != 0 || m[3] != 1 {
		return
	}
	for _, k := range n.kids {
		if k.name != "" {
			return
		}
	}
	pos := [2]float64{m[4], m[5]}
	for i, key := range []string{"x", "y"} {
		if v, ok := n.get(key); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return
			}
			pos[i] += f
		}
	}
	n.del("transform")
	for i, key := range []string{"x", "y"} {
		if v := round(pos[i], dec); v != 0 {
			n.set(key, formatFixed(v, dec, false))
		} else {
			n.del(key)
		}
	}
}

// matrix is an affine transform a b c d e f.
type matrix [6]float64

// parseTransform reads one translate or matrix; known is false for
// anything else.
func parseTransform(s string) (m matrix, known bool) {
	s = strings.TrimSpace(s)
	fn, args, ok := strings.Cut(s, "(")
	if !ok || !strings.HasSuffix(args, ")") || strings.Contains(args[:len(args)-1], ")") {
		return m, false
	}
	var nums []float64
	for f := range strings.FieldsFuncSeq(args[:len(args)-1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return m, false
		}
		nums = append(nums, v)
	}
	switch {
	case strings.TrimSpace(fn) == "translate" && (len(nums) == 1 || len(nums) == 2):
		m = matrix{1, 0, 0, 1, nums[0], 0}
		if len(nums) == 2 {
			m[5] = nums[1]
		}
		return m, true
	case strings.TrimSpace(fn) == "matrix" && len(nums) == 6:
		return matrix(nums), true
	}
	return m, false
}

// scale is the most the transform enlarges a length.
func (m matrix) scale() float64 {
	return max(math.Hypot(m[0], m[1]), math.Hypot(m[2], m[3]))
}

// String writes the transform with its translation rounded to dec
// decimals and its other terms to four.
func (m matrix) String(dec int) string {
	if m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1 {
		s := "translate(" + formatFixed(round(m[4], dec), dec, false)
		if y := round(m[5], dec); y != 0 {
			s += " " + formatFixed(y, dec, false)
		}
		return s + ")"
	}
	parts := make([]string, 6)
	for i, v := range m {
		d := 4
		if i >= 4 {
			d = dec
		}
		parts[i] = formatFixed(round(v, d), d, false)
	}
	return "matrix(" + strings.Join(parts, " ") + ")"
}

func round(v float64, dec int) float64 {
	p := math.Pow10(dec)
	return math.Round(v*p) / p
}

// formatFixed writes v (already rounded to dec decimals) as briefly as it
// reads back; bare drops a leading zero (".5"), which path data allows.
func formatFixed(v float64, dec int, bare bool) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if strings.Contains(s, "e") || len(s) > 24 {
		s = strconv.FormatFloat(v, 'f', dec, 64)
	}
	if s == "-0" {
		s = "0"
	}
	if bare {
		if strings.HasPrefix(s, "0.") {
			s = s[1:]
		} else if strings.HasPrefix(s, "-0.") {
			s = "-" + s[2:]
		}
	}
	return s
}

// shortColour writes rgb(r,g,b) and #rrggbb in the fewest characters.
func shortColour(s string) string {
	c, ok := parseColour(s)
	if !ok {
		return s
	}
	h := []byte{'#', hexDigit(c[0] >> 4), hexDigit(c[0] & 15), hexDigit(c[1] >> 4), hexDigit(c[1] & 15), hexDigit(c[2] >> 4), hexDigit(c[2] & 15)}
	if h[1] == h[2] && h[3] == h[4] && h[5] == h[6] {
		return string([]byte{'#', h[1], h[3], h[5]})
	}
	return string(h)
}

func hexDigit(v uint8) byte { return "0123456789abcdef"[v] }

// parseColour reads #rgb, #rrggbb and rgb(r,g,b) with whole numbers.
func parseColour(s string) (c [3]uint8, ok bool) {
	switch {
	case strings.HasPrefix(s, "#") && (len(s) == 4 || len(s) == 7):
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return c, false
		}
		if len(s) == 4 {
			return [3]uint8{uint8(v>>8) * 17, uint8(v>>4&15) * 17, uint8(v&15) * 17}, true
		}
		return [3]uint8{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
	case strings.HasPrefix(s, "rgb(") && strings.HasSuffix(s, ")"):
		parts := strings.Split(s[4:len(s)-1], ",")
		if len(parts) != 3 {
			return c, false
		}
		for i, p := range parts {
			v, err := strconv.ParseUint(strings.TrimSpace(p), 10, 8)
			if err != nil {
				return c, false
			}
			c[i] = uint8(v)
		}
		return c, true
	}
	return c, false
}

// stop is a gradient's stop read for merging.
type stop struct {
	n       *node
	offset  float64
	rgba    [4]float64
	percent bool
}

// mergeStops drops the stops a gradient would draw the same without: those
// within one step of the straight line between the stops kept around them.
func (n *node) mergeStops() {
	var stops []stop
	for _, k := range n.kids {
		if k.name == "" {
			continue
		}
		s, ok := readStop(k)
		if !ok {
			return
		}
		stops = append(stops, s)
	}
	if len(stops) < 3 {
		return
	}
	for i := 1; i < len(stops); i++ {
		if stops[i].offset < stops[i-1].offset {
			return // the browser would clamp the offsets: leave them be
		}
	}
	keep := []stop{stops[0]}
	for i := 0; i < len(stops)-1; {
		j := i + 2
		for j < len(stops) && between(stops[i], stops[j], stops[i+1:j]) {
			j++
		}
		keep = append(keep, stops[j-1])
		i = j - 1
	}
	n.kids = n.kids[:0]
	for _, s := range keep {
		if s.percent {
			s.n.set("offset", formatFixed(round(s.offset*100, 2), 2, false)+"%")
		} else {
			s.n.set("offset", formatFixed(round(s.offset, 4), 4, false))
		}
		n.kids = append(n.kids, s.n)
	}
}

func readStop(k *node) (stop, bool) {
	s := stop{n: k, rgba: [4]float64{0, 0, 0, 1}}
	if k.name != "stop" {
		return s, false
	}
	for _, a := range k.attrs {
		switch a.key {
		case "offset":
			v := strings.TrimSpace(a.val)
			s.percent = strings.HasSuffix(v, "%")
			f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
			if err != nil {
				return s, false
			}
			if s.percent {
				f /= 100
			}
			s.offset = f
		case "stop-color":
			c, ok := parseColour(a.val)
			if !ok {
				return s, false
			}
			s.rgba[0], s.rgba[1], s.rgba[2] = float64(c[0]), float64(c[1]), float64(c[2])
		case "stop-opacity":
			f, err := strconv.ParseFloat(a.val, 64)
			if err != nil {
				return s, false
			}
			s.rgba[3] = f
		default:
			return s, false
		}
	}
	return s, true
}

// between reports whether every stop in mid lies on the line from a to b.
func between(a, b stop, mid []stop) bool {
	span := b.offset - a.offset
	if span <= 0 {
		return false
	}
	for _, m := range mid {
		t := (m.offset - a.offset) / span
		for c := range 4 {
			want := a.rgba[c] + t*(b.rgba[c]-a.rgba[c])
			tol := 1.0
			if c == 3 {
				tol = 1.0 / 255
			}
			if math.Abs(m.rgba[c]-want) > tol {
				return false
			}
		}
	}
	return true
}

// inherited are the presentation attributes whose value passes from a <g>
// to what it holds in every browser. dominant-baseline is not among them:
// Safari does not inherit it.
var inherited = map[string]bool{
	"fill": true, "fill-opacity": true, "fill-rule": true,
	"stroke": true, "stroke-width": true, "stroke-opacity": true, "stroke-linecap": true,
	"stroke-linejoin": true, "stroke-miterlimit": true, "stroke-dasharray": true, "stroke-dashoffset": true,
	"paint-order": true, "text-anchor": true,
	"font-size": true, "font-family": true, "font-weight": true, "font-style": true,
}

// groupable are the elements a <g> may hold among a drawing's children.
var groupable = map[string]bool{"path": true, "polyline": true, "polygon": true, "circle": true,
	"ellipse": true, "line": true, "rect": true, "text": true, "g": true}

// shared is what attributes in set every node holds, in the order of
// the first.
func shared(set []attr, n *node) []attr {
	var out []attr
	for _, a := range set {
		if v, ok := n.get(a.key); ok && v == a.val {
			out = append(out, a)
		}
	}
	return out
}

func attrsLen(set []attr) int {
	l := 0
	for _, a := range set {
		l += len(a.key) + len(a.val) + 4 // ` k="v"`
	}
	return l
}

// group wraps runs of consecutive siblings that share inherited attributes
// in a <g> carrying them, where that saves bytes, and groups each run's
// members again by what else they share.
func group(kids []*node) []*node {
	var out []*node
	for i := 0; i < len(kids); {
		var set []attr
		if groupable[kids[i].name] {
			for _, a := range kids[i].attrs {
				if inherited[a.key] {
					set = append(set, a)
				}
			}
		}
		best, end := 0, i
		var bestSet []attr
		for j := i + 1; j < len(kids) && len(set) > 0 && groupable[kids[j].name]; j++ {
			set = shared(set, kids[j])
			// Each member but one saves the attributes; the <g> costs
			// "<g", its attributes, ">" and "</g>".
			if save := (j-i)*attrsLen(set) - 7; save > best {
				best, end, bestSet = save, j, set
			}
		}
		if best == 0 {
			out = append(out, kids[i])
			i++
			continue
		}
		g := &node{name: "g", attrs: bestSet}
		for _, k := range kids[i : end+1] {
			for _, a := range bestSet {
				k.del(a.key)
			}
			g.kids = append(g.kids, k)
		}
		g.kids = group(g.kids)
		out = append(out, g)
		i = end + 1
	}
	return out
}

// write writes the tree as SVG; an element without content closes itself.
func (n *node) write(b *strings.Builder) {
	if n.name == "" {
		escape(b, n.text, false)
		return
	}
	b.WriteByte('<')
	b.WriteString(n.name)
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.key)
		b.WriteString(`="`)
		escape(b, a.val, true)
		b.WriteByte('"')
	}
	if len(n.kids) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for _, k := range n.kids {
		k.write(b)
	}
	b.WriteString("</")
	b.WriteString(n.name)
	b.WriteByte('>')
}

// escape writes text or an attribute's value with markup characters as
// references, so nothing read from the drawing becomes markup.
func escape(b *strings.Builder, s string, inAttr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && inAttr:
			b.WriteString("&quot;")
		case inAttr && (r == '\n' || r == '\r' || r == '\t'):
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		case r == '\r':
			b.WriteString("&#13;")
		default:
			b.WriteRune(r)
		}
	}
}
