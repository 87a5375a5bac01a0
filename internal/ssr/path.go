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
		n, ok := argCount[up]
		if !ok {
			return nil, errPath
		}
		rel := cmd != up
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
		switch up {
		case 'Z':
			segs = append(segs, seg{cmd: 'Z'})
			cx, cy = sx, sy
			continue
		case 'H':
			up, args = 'L', []float64{args[0], cy}
			if rel {
				args[0] += cx
			}
			rel = false
		case 'V':
			up, args = 'L', []float64{cx, args[0]}
			if rel {
				args[1] += cy
			}
			rel = false
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
		segs = append(segs, seg{cmd: up, arg: args})
		cx, cy = args[len(args)-2], args[len(args)-1]
		if up == 'M' {
			sx, sy = cx, cy
			// Pairs after a move are lines.
			cmd = 'L' | (cmd & 0x20)
		}
	}
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
	unit := math.Pow10(dec)
	for _, s := range segs {
		for _, v := range s.arg {
			if math.IsNaN(v) || math.Abs(v*unit) > 1e15 {
				return "", errPath // beyond the grid's integers
			}
		}
	}
	q := func(v float64) int64 { return int64(math.Round(v * unit)) }
	str := func(v int64) string { return formatFixed(float64(v)/unit, dec, true) }
	w := &pathWriter{}
	var cx, cy, sx, sy int64
	var ox, oy, osx, osy float64 // the same before rounding
	for _, s := range segs {
		if s.cmd == 'Z' {
			w.letter('Z')
			cx, cy, ox, oy = sx, sy, osx, osy
			continue
		}
		n := len(s.arg)
		x, y := q(s.arg[n-2]), q(s.arg[n-1])
		pts := func(rel bool) []string {
			var out []string
			first := 0
			if s.cmd == 'A' {
				first = 5
			}
			for k := first; k < n; k += 2 {
				px, py := q(s.arg[k]), q(s.arg[k+1])
				if rel {
					px, py = px-cx, py-cy
				}
				out = append(out, str(px), str(py))
			}
			return out
		}
		emit := func(letter byte, nums []string) func(*pathWriter) {
			return func(c *pathWriter) {
				c.letter(letter)
				for _, v := range nums {
					c.number(v)
				}
			}
		}
		lower := s.cmd | 0x20
		switch s.cmd {
		case 'L':
			cands := []func(*pathWriter){emit('L', pts(false)), emit('l', pts(true))}
			if y == cy {
				cands = append(cands, emit('H', []string{str(x)}), emit('h', []string{str(x - cx)}))
			}
			if x == cx {
				cands = append(cands, emit('V', []string{str(y)}), emit('v', []string{str(y - cy)}))
			}
			w.shortest(cands...)
		case 'A':
			rx, ry := q(s.arg[0]), q(s.arg[1])
			if (x == cx && y == cy && (s.arg[5] != ox || s.arg[6] != oy)) || (rx == 0) != (s.arg[0] == 0) || (ry == 0) != (s.arg[1] == 0) {
				return "", errPath
			}
			head := []string{str(rx), str(ry), formatFixed(round(s.arg[2], 2), 2, true), flagStr(s.arg[3]), flagStr(s.arg[4])}
			w.shortest(emit('A', append(head, pts(false)...)), emit('a', append(head[:5:5], pts(true)...)))
		default:
			w.shortest(emit(s.cmd, pts(false)), emit(lower, pts(true)))
		}
		cx, cy = x, y
		ox, oy = s.arg[n-2], s.arg[n-1]
		if s.cmd == 'M' {
			sx, sy, osx, osy = x, y, ox, oy
		}
	}
	return string(w.b), nil
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
