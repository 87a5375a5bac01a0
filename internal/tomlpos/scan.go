package tomlpos

import (
	"strconv"
	"strings"
)

// scanner reads a TOML document once, recording where keys and headers
// are. It knows strings, comments, inline tables and arrays, so that an
// = or a [ inside them is not taken for a key or a header.
type scanner struct {
	src   string
	i     int
	line  int
	parts []string // the parts of the key being read
	offs  []int    // and their byte offsets
}

func (s *scanner) document(root *node) {
	cur := root
	for {
		s.blank()
		if s.i >= len(s.src) {
			return
		}
		if s.src[s.i] == '[' {
			cur = s.header(root)
		} else {
			s.keyValue(cur)
		}
		s.endLine()
	}
}

// header reads a [table] or [[array]] header and returns the table that
// the keys after it go into.
func (s *scanner) header(root *node) *node {
	line, off := s.line, s.i
	s.i++
	array := s.i < len(s.src) && s.src[s.i] == '['
	if array {
		s.i++
	}
	if !s.key() {
		return &node{val: -1} // not a header: keep what follows out of the index
	}
	n := root
	for j, p := range s.parts[:len(s.parts)-1] {
		n = n.child(p, line, s.offs[j]).last()
	}
	name := s.parts[len(s.parts)-1]
	t := n.child(name, line, off)
	if t.implicit {
		t.line, t.off, t.implicit = line, off, false
	}
	if array {
		e := &node{line: line, off: off, val: -1}
		t.elems = append(t.elems, e)
		return e
	}
	return t
}

// keyValue reads key = value into table t.
func (s *scanner) keyValue(t *node) {
	line := s.line
	if !s.key() {
		return
	}
	s.space()
	if s.i >= len(s.src) || s.src[s.i] != '=' {
		return
	}
	s.i++
	s.space()
	n := t
	for j, p := range s.parts[:len(s.parts)-1] {
		n = n.child(p, line, s.offs[j])
	}
	last := len(s.parts) - 1
	k := n.child(s.parts[last], line, s.offs[last])
	if k.implicit {
		k.line, k.off, k.val, k.implicit = line, s.offs[last], s.i, false
	}
	s.value(k)
}

// key reads a key of one or more dotted parts into s.parts; false when
// there is none.
func (s *scanner) key() bool {
	s.parts, s.offs = s.parts[:0], s.offs[:0]
	for {
		s.space()
		if s.i >= len(s.src) {
			break
		}
		off := s.i
		var part string
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			s.str()
			part = unquote(s.src[off:s.i])
		case bare(c):
			for s.i < len(s.src) && bare(s.src[s.i]) {
				s.i++
			}
			part = s.src[off:s.i]
		default:
			return len(s.parts) > 0
		}
		s.parts, s.offs = append(s.parts, part), append(s.offs, off)
		s.space()
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		break
	}
	return len(s.parts) > 0
}

// bare reports whether c may be part of a bare key. Bytes of non-ASCII
// characters are let through, so that a key the decoder refuses is still
// found.
func bare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

// unquote returns a quoted key's text.
func unquote(q string) string {
	if len(q) < 2 || q[len(q)-1] != q[0] {
		return strings.Trim(q, `"'`)
	}
	if q[0] == '\'' || !strings.Contains(q, `\`) {
		return q[1 : len(q)-1]
	}
	if u, err := strconv.Unquote(q); err == nil {
		return u
	}
	return q[1 : len(q)-1]
}

// value reads a value of key n: a string, inline table, array or other
// scalar. n may be nil for a value inside an array.
func (s *scanner) value(n *node) {
	if s.i >= len(s.src) {
		return
	}
	switch s.src[s.i] {
	case '"', '\'':
		s.str()
	case '{':
		s.i++
		s.inline(n)
	case '[':
		s.i++
		s.array(n)
	default:
		for s.i < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// inline reads the keys of an inline table up to its closing brace.
func (s *scanner) inline(n *node) {
	if n == nil {
		n = &node{val: -1}
	}
	for {
		s.blank()
		if s.i >= len(s.src) {
			return
		}
		switch s.src[s.i] {
		case '}':
			s.i++
			return
		case ',':
			s.i++
			continue
		case ']':
			return // an unclosed table inside an array
		}
		before := s.i
		s.keyValue(n)
		if s.i == before {
			s.i++
		}
	}
}

// array reads an array's values up to its closing bracket; its inline
// tables are the tables of n.
func (s *scanner) array(n *node) {
	for {
		s.blank()
		if s.i >= len(s.src) {
			return
		}
		switch s.src[s.i] {
		case ']':
			s.i++
			return
		case ',':
			s.i++
			continue
		case '{':
			e := &node{line: s.line, off: s.i, val: s.i}
			if n != nil {
				n.elems = append(n.elems, e)
			}
			s.i++
			s.inline(e)
			continue
		}
		before := s.i
		s.value(nil)
		if s.i == before {
			s.i++
		}
	}
}

// str moves past the string that starts at s.i: basic or literal, on one
// line or on several. An unclosed one-line string ends at its line's end.
func (s *scanner) str() {
	q := s.src[s.i]
	if strings.HasPrefix(s.src[s.i:], string([]byte{q, q, q})) {
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"':
				if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
					s.line++
				}
				s.i = min(s.i+2, len(s.src))
				continue
			case c == '\n':
				s.line++
			case c == q && strings.HasPrefix(s.src[s.i:], string([]byte{q, q, q})):
				s.i += 3
				for n := 0; n < 2 && s.i < len(s.src) && s.src[s.i] == q; n++ {
					s.i++ // up to two quotes may end the string
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n':
			s.i++
		case c == '\n':
			return
		case c == q:
			s.i++
			return
		}
		s.i++
	}
}

// space skips spaces and tabs.
func (s *scanner) space() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// blank skips white space, line ends and comments.
func (s *scanner) blank() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			s.line++
			s.i++
		case '#':
			s.toLineEnd()
		default:
			return
		}
	}
}

// endLine skips the rest of the line (a comment, or text that is not
// TOML) and its line end.
func (s *scanner) endLine() {
	s.toLineEnd()
	if s.i < len(s.src) {
		s.line++
		s.i++
	}
}

func (s *scanner) toLineEnd() {
	if j := strings.IndexByte(s.src[s.i:], '\n'); j >= 0 {
		s.i += j
	} else {
		s.i = len(s.src)
	}
}
