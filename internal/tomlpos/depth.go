package tomlpos

import (
	"fmt"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/limits"
)

// Decode is toml.Decode behind a depth bound: a document nested deeper
// than limits.TOMLDepth is refused with a toml.ParseError at the line where the
// bound is passed, before the decoder (which recurses once per level) sees
// it. Every TOML a site holds is decoded through here: site.toml, front
// matter, blocks and TOML datasets.
func Decode(src string, v any) (toml.MetaData, error) {
	if line, ok := depthOK(src, limits.TOMLDepth); !ok {
		return toml.MetaData{}, toml.ParseError{
			Message:  fmt.Sprintf("nested deeper than %d levels", limits.TOMLDepth),
			Usage:    "tables, arrays and the parts of dotted keys each count one level",
			Position: toml.Position{Line: line},
		}
	}
	return toml.Decode(src, v)
}

// depthOK scans src once, without decoding it, and reports whether
// its nesting stays within max levels; when it does not, line is where it
// first goes deeper. A level is a part of a table header or of a dotted
// key, an array, or an inline table. The scan knows strings and comments,
// so brackets and dots inside them do not count; on text that is not TOML
// it still ends, and the decoder reports the syntax error.
func depthOK(src string, max int) (line int, ok bool) {
	d := depthScan{scanner: scanner{src: src, line: 1}, max: max, key: true}
	for d.i < len(src) {
		if !d.step() {
			return d.line, false
		}
	}
	return d.line, true
}

// depthScan is the state of depthOK's scan.
type depthScan struct {
	scanner
	max   int
	table int    // parts of the current [table] header
	open  []byte // the open '[' and '{' of the current value
	base  []int  // the level inside each of them
	level int    // the level of the value being read
	key   bool   // reading a key
	parts int    // the parts of the key so far
}

// step reads one byte, or a whole string or comment, and reports whether
// the nesting is still within the bound.
func (d *depthScan) step() bool {
	switch c := d.src[d.i]; {
	case c == '\n':
		d.line++
		d.i++
		if len(d.open) == 0 {
			d.key, d.parts = true, 0
		}
	case c == '#':
		d.toLineEnd()
	case c == '"' || c == '\'':
		d.str()
		if d.key && d.parts == 0 {
			d.parts = 1
		}
	default:
		d.i++
		return d.token(c)
	}
	return true
}

// token takes a byte outside strings and comments.
func (d *depthScan) token(c byte) bool {
	switch {
	case c == ' ' || c == '\t' || c == '\r':
	case d.key && len(d.open) == 0 && d.parts == 0 && c == '[':
		return d.header()
	case d.key && c == '=':
		return d.value()
	case d.key && c == '.':
		d.parts++
	case d.key && (c == '}' || c == ','):
		// An empty inline table or a trailing comma: leave key mode.
		d.key, d.parts = false, 0
		d.i--
	case d.key:
		d.parts = max(d.parts, 1)
	case c == '[' || c == '{':
		return d.enter(c)
	case (c == ']' || c == '}') && len(d.open) > 0:
		d.open, d.base = d.open[:len(d.open)-1], d.base[:len(d.base)-1]
	case c == ',' && len(d.open) > 0:
		if d.open[len(d.open)-1] == '{' {
			d.key, d.parts = true, 0
		} else {
			d.level = d.base[len(d.base)-1]
		}
	}
	return true
}

// header reads a table header, [a.b] or [[a.b]].
func (d *depthScan) header() bool {
	d.skipByte('[')
	n, closed := d.headerParts()
	if !closed {
		if n <= d.max {
			d.i = len(d.src) // the decoder reports the unclosed header
		}
		return n <= d.max
	}
	d.table = n
	d.key = false // the rest of the line is a comment or nothing
	return d.table <= d.max
}

// value starts the value of a key: its level is the table's or the open
// inline table's, plus the key's parts.
func (d *depthScan) value() bool {
	d.level = d.table + d.parts
	if n := len(d.base); n > 0 {
		d.level = d.base[n-1] + d.parts
	}
	d.key, d.parts = false, 0
	return d.level <= d.max
}

// enter opens an array (one level deeper) or an inline table (whose keys
// add the levels).
func (d *depthScan) enter(c byte) bool {
	next := d.level + 1
	if c == '{' {
		next = d.level
		d.key, d.parts = true, 0
	}
	if next > d.max || len(d.open) >= d.max {
		return false
	}
	d.open, d.base = append(d.open, c), append(d.base, next)
	d.level = next
	return true
}

func (s *scanner) skipByte(c byte) {
	if s.i < len(s.src) && s.src[s.i] == c {
		s.i++
	}
}

// headerParts reads the key of a table header up to its closing bracket and
// counts its dot-separated parts.
func (s *scanner) headerParts() (n int, closed bool) {
	n = 1
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '"', '\'':
			s.str()
			continue
		case '.':
			n++
		case ']':
			s.i++
			s.skipByte(']')
			return n, true
		case '\n':
			return n, false
		}
		s.i++
	}
	return n, false
}
