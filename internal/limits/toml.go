package limits

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// DecodeTOML is toml.Decode behind a depth bound: a document nested deeper
// than TOMLDepth is refused with a toml.ParseError at the line where the
// bound is passed, before the decoder (which recurses once per level) sees
// it. Every TOML a site holds is decoded through here: site.toml, front
// matter, blocks and TOML datasets.
func DecodeTOML(src string, v any) (toml.MetaData, error) {
	if line, ok := tomlDepthOK(src, TOMLDepth); !ok {
		return toml.MetaData{}, toml.ParseError{
			Message:  fmt.Sprintf("nested deeper than %d levels", TOMLDepth),
			Usage:    "tables, arrays and the parts of dotted keys each count one level",
			Position: toml.Position{Line: line},
		}
	}
	return toml.Decode(src, v)
}

// tomlDepthOK scans src once, without decoding it, and reports whether
// its nesting stays within max levels; when it does not, line is where it
// first goes deeper. A level is a part of a table header or of a dotted
// key, an array, or an inline table. The scan knows strings and comments,
// so brackets and dots inside them do not count; on text that is not TOML
// it still ends, and the decoder reports the syntax error.
func tomlDepthOK(src string, max int) (line int, ok bool) {
	s := tomlScan{src: src, line: 1}
	table := 0            // parts of the current [table] header
	var open []byte       // the open '[' and '{' of the current value
	var base []int        // the level inside each of them
	level := 0            // the level of the value being read
	key, parts := true, 0 // reading a key, and its parts so far
	for s.i < len(src) {
		c := src[s.i]
		switch {
		case c == '\n':
			s.line++
			s.i++
			if len(open) == 0 {
				key, parts = true, 0
			}
			continue
		case c == '#':
			if j := strings.IndexByte(src[s.i:], '\n'); j >= 0 {
				s.i += j
			} else {
				s.i = len(src)
			}
			continue
		case c == '"' || c == '\'':
			s.skipString()
			if key && parts == 0 {
				parts = 1
			}
			continue
		}
		s.i++
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case key && len(open) == 0 && parts == 0 && c == '[':
			// A table header: [a.b] or [[a.b]].
			s.skipByte('[')
			n, closed := s.headerParts()
			if !closed {
				return s.line, n <= max
			}
			table = n
			if table > max {
				return s.line, false
			}
			key = false // the rest of the line is a comment or nothing
		case key && c == '=':
			level = table + parts
			if n := len(base); n > 0 {
				level = base[n-1] + parts
			}
			if level > max {
				return s.line, false
			}
			key, parts = false, 0
		case key && c == '.':
			parts++
		case key && (c == '}' || c == ','):
			// An empty inline table or a trailing comma: leave key mode.
			key, parts = false, 0
			s.i--
		case key:
			if parts == 0 {
				parts = 1
			}
		case c == '[' || c == '{':
			next := level + 1
			if c == '{' {
				next = level
				key, parts = true, 0
			}
			if next > max || len(open) >= max {
				return s.line, false
			}
			open, base = append(open, c), append(base, next)
			level = next
		case (c == ']' || c == '}') && len(open) > 0:
			open, base = open[:len(open)-1], base[:len(base)-1]
		case c == ',' && len(open) > 0:
			if open[len(open)-1] == '{' {
				key, parts = true, 0
			} else {
				level = base[len(base)-1]
			}
		}
	}
	return s.line, true
}

// tomlScan is a position in a TOML document.
type tomlScan struct {
	src  string
	i    int
	line int
}

func (s *tomlScan) skipByte(c byte) {
	if s.i < len(s.src) && s.src[s.i] == c {
		s.i++
	}
}

// headerParts reads the key of a table header up to its closing bracket and
// counts its dot-separated parts.
func (s *tomlScan) headerParts() (n int, closed bool) {
	n = 1
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '"', '\'':
			s.skipString()
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

// skipString moves past the string that starts at s.i: basic or literal,
// on one line or on several. An unclosed one-line string ends at the end of
// its line.
func (s *tomlScan) skipString() {
	q := s.src[s.i]
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3)) {
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"':
				if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
					s.line++
				}
				s.i += 2
				continue
			case c == '\n':
				s.line++
			case c == q && strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3)):
				s.i += 3
				for s.i < len(s.src) && s.src[s.i] == q { // up to two quotes may end the string
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\\' && q == '"':
			if s.i+1 < len(s.src) && s.src[s.i+1] != '\n' {
				s.i++
			}
		case c == '\n':
			return
		case c == q:
			s.i++
			return
		}
		s.i++
	}
}
