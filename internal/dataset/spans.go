package dataset

import (
	"math"
	"unsafe"
)

// span is a cell of a CSV file as a place in the file's text, half the size
// of a string header: the text of a large file and its cells are the most
// memory a read holds at once. A span with n == ownedSpan is instead an
// index into spanCells.owned, for the few cells that are not a piece of the
// text (quoted fields with doubled quotes or CRLF line breaks in them).
type span struct{ off, n uint32 }

const ownedSpan = math.MaxUint32

// spanCells are the cells of a CSV file, column by column.
type spanCells struct {
	src   string
	cols  [][]span
	owned []string
}

// usable reports whether spans can hold every cell of src.
func (c *spanCells) usable() bool { return len(c.src) < math.MaxUint32 }

// add appends cell to column j.
func (c *spanCells) add(j int, cell string) {
	if off, ok := offsetIn(c.src, cell); ok {
		c.cols[j] = append(c.cols[j], span{uint32(off), uint32(len(cell))})
		return
	}
	c.cols[j] = append(c.cols[j], span{uint32(len(c.owned)), ownedSpan})
	c.owned = append(c.owned, cell)
}

// cellList is one column's cells, held as strings or as spans.
type cellList struct {
	strs  []string
	src   string
	spans []span
	owned []string
}

func (c *cellList) len() int {
	if c.strs != nil {
		return len(c.strs)
	}
	return len(c.spans)
}

func (c *cellList) at(i int) string {
	if c.strs != nil {
		return c.strs[i]
	}
	sp := c.spans[i]
	if sp.n == ownedSpan {
		return c.owned[sp.off]
	}
	return c.src[sp.off : sp.off+sp.n]
}

// offsetIn returns where sub starts in s when sub is a piece of s's memory
// (as the CSV parser's fields are); an empty sub is at 0.
func offsetIn(s, sub string) (int, bool) {
	if len(sub) == 0 {
		return 0, true
	}
	if len(s) == 0 {
		return 0, false
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(sub)))
	if p < base || p+uintptr(len(sub)) > base+uintptr(len(s)) {
		return 0, false
	}
	return int(p - base), true
}
