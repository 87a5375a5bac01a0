package ssr

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// seg is one path command with absolute coordinates; H and V are read as L.
type seg struct {
	cmd byte // M L C S Q T A Z
	arg []float64
}

var errPath = errors.New("path data not understood")

// compactPath writes path data again with every coordinate rounded to dec
// decimals, each command absolute or relative (whichever is shorter),
// horizontal and vertical lines as H and V, and no separator that is not
// needed. It refuses (and the caller keeps the data as it was) what it
// does not understand, and an arc that rounding would make vanish.
func compactPath(d string, dec int) (string, error) {
	segs, err := parsePath(d)
	if err != nil {
		return "", err
	}
	return encodePath(segs, dec)
}

type pathScanner struct {
	s string
	i int
}

func (p *pathScanner) skip() {
	for p.i < len(p.s) && strings.IndexByte(" ,\t\n\r\f", p.s[p.i]) >= 0 {
		p.i++
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *pathScanner) digits() int {
	n := 0
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		p.i++
		n++
	}
	return n
}

func (p *pathScanner) number() (float64, error) {
	p.skip()
	start := p.i
	if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
		p.i++
	}
	n := p.digits()
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		n += p.digits()
	}
	if n == 0 {
		return 0, errPath
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		j := p.i + 1
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		if j < len(p.s) && isDigit(p.s[j]) {
			p.i = j
			p.digits()
		}
	}
	return strconv.ParseFloat(p.s[start:p.i], 64)
}

func (p *pathScanner) flag() (float64, error) {
	p.skip()
	if p.i < len(p.s) && (p.s[p.i] == '0' || p.s[p.i] == '1') {
		p.i++
		return float64(p.s[p.i-1] - '0'), nil
	}
	return 0, errPath
}

// argCount is how many numbers each command takes.
var argCount = map[byte]int{'M': 2, 'L': 2, 'H': 1, 'V': 1, 'C': 6, 'S': 4, 'Q': 4, 'T': 2, 'A': 7, 'Z': 0}

// parsePath reads path data into absolute commands.
func parsePath(d string) ([]seg, error) {
	p := &pathScanner{s: d}
	var segs []seg
	var cx, cy, sx, sy float64
	var cmd byte
	for {
		p.skip()
		if p.i >= len(p.s) {
			return segs, nil
		}
		if c := p.s[p.i]; (c|0x20) >= 'a' && (c|0x20) <= 'z' {
			cmd = c
			p.i++
		} else if cmd == 0 || cmd == 'Z' || cmd == 'z' {
			return nil, errPath
		}
		up := cmd &^ 0x20
		args, err := p.args(up)
		if err != nil {
			return nil, err
		}
		if up == 'Z' {
			segs = append(segs, seg{cmd: 'Z'})
			cx, cy = sx, sy
			continue
		}
		up, args = absolute(up, cmd != up, args, cx, cy)
		segs = append(segs, seg{cmd: up, arg: args})
		cx, cy = args[len(args)-2], args[len(args)-1]
		if up == 'M' {
			sx, sy = cx, cy
			// Pairs after a move are lines.
			cmd = 'L' | (cmd & 0x20)
		}
	}
}

// args reads the numbers of one command (up, in upper case); an arc's two
// flags may be written without separators.
func (p *pathScanner) args(up byte) ([]float64, error) {
	n, ok := argCount[up]
	if !ok {
		return nil, errPath
	}
	args := make([]float64, n)
	for k := range n {
		var err error
		if up == 'A' && (k == 3 || k == 4) {
			args[k], err = p.flag()
		} else {
			args[k], err = p.number()
		}
		if err != nil {
			return nil, err
		}
	}
	return args, nil
}

// absolute turns a command's arguments, relative or not, into absolute
// ones from the current point (cx, cy); a level or upright line becomes a
// line to a point.
func absolute(up byte, rel bool, args []float64, cx, cy float64) (byte, []float64) {
	switch up {
	case 'H':
		up, args = 'L', []float64{args[0], cy}
		if rel {
			args[0] += cx
		}
		return up, args
	case 'V':
		up, args = 'L', []float64{cx, args[0]}
		if rel {
			args[1] += cy
		}
		return up, args
	}
	if rel {
		first := 0
		if up == 'A' {
			first = 5
		}
		for k := first; k < len(args); k += 2 {
			args[k] += cx
			args[k+1] += cy
		}
	}
	return up, args
}

// pathWriter writes path data with only the separators needed.
type pathWriter struct {
	b    []byte
	last byte // the last command letter written
	num  bool // the last thing written is a number
	dot  bool // and that number holds a decimal point
}

// letter writes a command, or nothing where the command it repeats is
// implied.
func (w *pathWriter) letter(c byte) {
	implied := c != 'Z' && c != 'z' && (c == w.last || (w.last == 'M' && c == 'L') || (w.last == 'm' && c == 'l'))
	if implied {
		w.last = c
		return
	}
	w.b = append(w.b, c)
	w.last, w.num = c, false
}

func (w *pathWriter) number(s string) {
	if w.num && s[0] != '-' && (s[0] != '.' || !w.dot) {
		w.b = append(w.b, ' ')
	}
	w.b = append(w.b, s...)
	w.num, w.dot = true, strings.IndexByte(s, '.') >= 0
}

// try writes a candidate on a copy of the writer's state.
func (w *pathWriter) try(f func(*pathWriter)) pathWriter {
	c := pathWriter{last: w.last, num: w.num, dot: w.dot}
	f(&c)
	return c
}

func (w *pathWriter) adopt(c pathWriter) {
	w.b = append(w.b, c.b...)
	w.last, w.num, w.dot = c.last, c.num, c.dot
}

// shortest adopts the shortest of the candidates.
func (w *pathWriter) shortest(cands ...func(*pathWriter)) {
	var best pathWriter
	for i, f := range cands {
		if c := w.try(f); i == 0 || len(c.b) < len(best.b) {
			best = c
		}
	}
	w.adopt(best)
}

// encodePath writes commands on a grid of 10^-dec: relative coordinates
// are differences of rounded absolute ones, so rounding never accumulates.
func encodePath(segs []seg, dec int) (string, error) {
	e := &pathEncoder{dec: dec, unit: math.Pow10(dec)}
	for _, s := range segs {
		for _, v := range s.arg {
			if math.IsNaN(v) || math.Abs(v*e.unit) > 1e15 {
				return "", errPath // beyond the grid's integers
			}
		}
	}
	for _, s := range segs {
		if err := e.seg(s); err != nil {
			return "", err
		}
	}
	return string(e.w.b), nil
}

// pathEncoder is encodePath's state: the writer, the grid, and the current
// and subpath start points, rounded (cx…) and as drawn (ox…).
type pathEncoder struct {
	w                pathWriter
	dec              int
	unit             float64
	cx, cy, sx, sy   int64
	ox, oy, osx, osy float64
}

func (e *pathEncoder) q(v float64) int64  { return int64(math.Round(v * e.unit)) }
func (e *pathEncoder) str(v int64) string { return formatFixed(float64(v)/e.unit, e.dec, true) }
func (e *pathEncoder) strs(v ...int64) []string {
	out := make([]string, len(v))
	for k, x := range v {
		out[k] = e.str(x)
	}
	return out
}

// pts are a command's points from the first at index first, absolute or
// relative to the current point.
func (e *pathEncoder) pts(s seg, first int, rel bool) []string {
	var out []string
	for k := first; k < len(s.arg); k += 2 {
		px, py := e.q(s.arg[k]), e.q(s.arg[k+1])
		if rel {
			px, py = px-e.cx, py-e.cy
		}
		out = append(out, e.str(px), e.str(py))
	}
	return out
}

// emit is a candidate writing of a command.
func emit(letter byte, nums []string) func(*pathWriter) {
	return func(c *pathWriter) {
		c.letter(letter)
		for _, v := range nums {
			c.number(v)
		}
	}
}

// seg writes one command in its shortest form and moves the current point.
func (e *pathEncoder) seg(s seg) error {
	if s.cmd == 'Z' {
		e.w.letter('Z')
		e.cx, e.cy, e.ox, e.oy = e.sx, e.sy, e.osx, e.osy
		return nil
	}
	n := len(s.arg)
	x, y := e.q(s.arg[n-2]), e.q(s.arg[n-1])
	switch s.cmd {
	case 'L':
		cands := []func(*pathWriter){emit('L', e.pts(s, 0, false)), emit('l', e.pts(s, 0, true))}
		if y == e.cy {
			cands = append(cands, emit('H', e.strs(x)), emit('h', e.strs(x-e.cx)))
		}
		if x == e.cx {
			cands = append(cands, emit('V', e.strs(y)), emit('v', e.strs(y-e.cy)))
		}
		e.w.shortest(cands...)
	case 'A':
		rx, ry := e.q(s.arg[0]), e.q(s.arg[1])
		if (x == e.cx && y == e.cy && (s.arg[5] != e.ox || s.arg[6] != e.oy)) || (rx == 0) != (s.arg[0] == 0) || (ry == 0) != (s.arg[1] == 0) {
			return errPath // rounding would make the arc vanish or change
		}
		head := []string{e.str(rx), e.str(ry), formatFixed(round(s.arg[2], 2), 2, true), flagStr(s.arg[3]), flagStr(s.arg[4])}
		e.w.shortest(emit('A', append(head, e.pts(s, 5, false)...)), emit('a', append(head[:5:5], e.pts(s, 5, true)...)))
	default:
		e.w.shortest(emit(s.cmd, e.pts(s, 0, false)), emit(s.cmd|0x20, e.pts(s, 0, true)))
	}
	e.cx, e.cy = x, y
	e.ox, e.oy = s.arg[n-2], s.arg[n-1]
	if s.cmd == 'M' {
		e.sx, e.sy, e.osx, e.osy = x, y, e.ox, e.oy
	}
	return nil
}

func flagStr(f float64) string {
	if f != 0 {
		return "1"
	}
	return "0"
}

// compactPoints rounds a polyline's or polygon's points.
func compactPoints(s string, dec int) (string, bool) {
	p := &pathScanner{s: s}
	w := &pathWriter{}
	n := 0
	for {
		p.skip()
		if p.i >= len(p.s) {
			break
		}
		v, err := p.number()
		if err != nil {
			return "", false
		}
		w.number(formatFixed(round(v, dec), dec, true))
		n++
	}
	return string(w.b), n%2 == 0
}
