// Package tomlpos knows where things are written in a TOML document: the
// line and column of a key, of a table header and of the n-th table of an
// array of tables. It turns what the decoder (BurntSushi/toml, through
// Decode) reports into diag errors at those places: syntax
// errors, values of the wrong type and keys nothing takes.
//
// A key path is a list of keys, such as ["charts", "height"]; "name#n"
// stands for the n-th table (from 0) of the array of tables name, whether
// written as [[name]] headers or as name = [{…}, {…}]. A plain name of an
// array of tables stands for the first of its tables that writes the rest
// of the path.
package tomlpos

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Index is where the keys and headers of one TOML document are written.
// It is built by one forgiving scan: on text that is not TOML it still
// ends, and finds what it can.
type Index struct {
	src  string
	root *node
}

// node is a key or table of the document.
type node struct {
	line int // line of the key or header, from 1; 0 when not written
	off  int // byte offset of the key or header
	val  int // byte offset of the value's first character, or -1
	// implicit is set for a table named only as part of a longer key
	// or header: its place is that of the first such mention.
	implicit bool
	kids     map[string]*node
	elems    []*node // the tables of an array of tables
}

func (n *node) child(name string, line, off int) *node {
	if c, ok := n.kids[name]; ok {
		return c
	}
	if n.kids == nil {
		n.kids = make(map[string]*node, 8)
	}
	c := &node{line: line, off: off, val: -1, implicit: true}
	n.kids[name] = c
	return c
}

// last is the table that keys under n go into: the latest table of an
// array of tables, else n itself.
func (n *node) last() *node {
	if len(n.elems) > 0 {
		return n.elems[len(n.elems)-1]
	}
	return n
}

// New scans src.
func New(src string) *Index {
	s := &scanner{src: src, line: 1}
	root := &node{val: -1}
	s.document(root)
	return &Index{src: src, root: root}
}

// Line returns the line where path is written or, when it is not, where
// its nearest written ancestor is; 0 when nothing of it is written.
func (ix *Index) Line(path ...string) int {
	n, _ := ix.find(path)
	if n == nil {
		return 0
	}
	return n.line
}

// Key returns the line and column (in characters, from 1) of the key or
// header that writes path exactly; ok is false when path is not written.
func (ix *Index) Key(path ...string) (line, col int, ok bool) {
	n := ix.exact(path)
	if n == nil {
		return 0, 0, false
	}
	return n.line, ix.col(n.off), true
}

// Value returns the line and column of the first character of path's
// value; ok is false when path is not a written key.
func (ix *Index) Value(path ...string) (line, col int, ok bool) {
	n := ix.exact(path)
	if n == nil || n.val < 0 {
		return 0, 0, false
	}
	return n.line + strings.Count(ix.src[n.off:n.val], "\n"), ix.col(n.val), true
}

// Text returns the line and column of the first character inside path's
// quoted string value (after the opening quotes); col is 0 when the value
// is not a quoted string, and line then the line Line gives.
func (ix *Index) Text(path ...string) (line, col int) {
	line, col, ok := ix.Value(path...)
	if !ok {
		return ix.Line(path...), 0
	}
	val := ix.src[ix.exact(path).val:]
	switch {
	case strings.HasPrefix(val, `"""`), strings.HasPrefix(val, `'''`):
		return line, col + 3
	case strings.HasPrefix(val, `"`), strings.HasPrefix(val, `'`):
		return line, col + 1
	}
	return line, 0
}

// exact returns the node written at path, or nil.
func (ix *Index) exact(path []string) *node {
	n, depth := ix.find(path)
	if n == nil || depth < len(path) || n.line == 0 {
		return nil
	}
	return n
}

// Lines returns every line that writes path, in document order: a key
// under an array of tables may be written in several of its tables.
func (ix *Index) Lines(path ...string) []int {
	return ix.root.lines(path, nil)
}

func (n *node) lines(path []string, out []int) []int {
	if len(path) == 0 {
		if n.line > 0 {
			out = append(out, n.line)
		}
		return out
	}
	c := n.get(path[0])
	switch {
	case c == nil:
	case c.isArray() && len(path) > 1 && c.kids[path[1]] == nil:
		for _, e := range c.elems {
			out = e.lines(path[1:], out)
		}
	default:
		out = c.lines(path[1:], out)
	}
	return out
}

// Count returns how many tables the array of tables at path has.
func (ix *Index) Count(path ...string) int {
	if n := ix.exact(path); n != nil {
		return len(n.elems)
	}
	return 0
}

func (n *node) isArray() bool { return len(n.elems) > 0 }

// get returns the child written as name, or the table "key#n" names.
func (n *node) get(name string) *node {
	if c, ok := n.kids[name]; ok {
		return c
	}
	if i := strings.LastIndexByte(name, '#'); i > 0 {
		if k, err := strconv.Atoi(name[i+1:]); err == nil {
			if c, ok := n.kids[name[:i]]; ok && k >= 0 && k < len(c.elems) {
				return c.elems[k]
			}
		}
	}
	return nil
}

// array returns the array of tables that "name#n" names, when it has no
// table n.
func (n *node) array(name string) *node {
	if i := strings.LastIndexByte(name, '#'); i > 0 {
		return n.kids[name[:i]]
	}
	return nil
}

// find walks path as far as it is written. It returns the deepest written
// node and how many parts of path it stands for; nil when not even the
// first part is written.
func (ix *Index) find(path []string) (*node, int) {
	var f finding
	ix.root.find(path, 0, &f)
	return f.best, f.depth
}

// finding is the deepest node a find has reached.
type finding struct {
	best  *node
	depth int
}

// find walks path from n, which stands for d parts of it, and reports
// whether the whole path is written.
func (n *node) find(path []string, d int, f *finding) bool {
	if d > f.depth || f.best == nil && d > 0 {
		f.best, f.depth = n, d
	}
	if len(path) == 0 {
		return true
	}
	c := n.get(path[0])
	if c == nil {
		if a := n.array(path[0]); a != nil && d >= f.depth {
			f.best, f.depth = a, d // a table the array does not have: the array
		}
		return false
	}
	if c.isArray() && len(path) > 1 && c.kids[path[1]] == nil {
		if d+1 > f.depth {
			f.best, f.depth = c, d+1
		}
		for _, e := range c.elems {
			if e.find(path[1:], d+1, f) {
				return true
			}
		}
		return false
	}
	return c.find(path[1:], d+1, f)
}

// col is the column, in characters from 1, of byte offset off.
func (ix *Index) col(off int) int {
	start := strings.LastIndexByte(ix.src[:off], '\n') + 1
	return utf8.RuneCountInString(ix.src[start:off]) + 1
}
