package dataset

import (
	"fmt"
	"slices"
	"strings"
	"unsafe"
)

// colBuilder types one column cell by cell, in row order. A declared type
// is enforced on each cell; otherwise the narrowest type that fits every
// non-empty cell wins: the first non-empty cell sets the starting type, and
// a cell that does not fit promotes the column (int to float, anything else
// to string). Each cell is parsed once.
//
// A column that turns string after it has typed cells drops them and sets
// redo: its cells must be given again from the first row (after restart),
// as their text is no longer known.
type colBuilder struct {
	name       string
	j          int // the column's place in the source, for messages
	typ        Type
	isDeclared bool
	// started is set once typ is known: declared, or set by a non-empty cell.
	started bool
	redo    bool
	// copy makes a string column copy the cells it does not share with
	// others, for cells that live in a buffer that is reused.
	copy  bool
	num   []float64
	valid []bool
	str   []string
	seen  map[string]string
	arena []byte
	probs problems
	// pct follows whether the numbers were written as percentages.
	pct percentCells
	// currency is that of the column's first amount of money, and
	// currencyRow its data row; a column holds one currency.
	currency    string
	currencyRow int32
}

func newColBuilder(file, name string, j int, declared Type, isDeclared, copy bool) *colBuilder {
	return &colBuilder{name: name, j: j, typ: declared, isDeclared: isDeclared, started: isDeclared,
		copy: copy, probs: problems{file: file}}
}

// reserve makes room for n rows in all.
func (b *colBuilder) reserve(n int) {
	if n <= cap(b.valid) {
		return
	}
	b.valid = slices.Grow(b.valid, n-len(b.valid))
	if b.started && b.typ == String {
		b.str = slices.Grow(b.str, n-len(b.str))
	} else if !b.redo {
		b.num = slices.Grow(b.num, n-len(b.num))
	}
}

// add types the next cell, s, which starts at line and is data row row.
func (b *colBuilder) add(s string, line int, row int32) {
	switch {
	case b.redo:
		return
	case b.started && b.typ == String:
		b.addString(s)
		return
	case s == "":
		b.num = append(b.num, 0)
		b.valid = append(b.valid, false)
		return
	case b.isDeclared:
		v, cur, msg, hint := convert(s, b.typ)
		if msg == "" && cur != b.currency {
			msg, hint = b.sameCurrency(s, cur, row), moneyHint
		}
		if msg != "" {
			b.probs.add(line, b.j, hint, "row %d, column %q: %s", row, b.name, msg)
			b.num = append(b.num, 0)
			b.valid = append(b.valid, false)
			return
		}
		b.num = append(b.num, v)
		b.valid = append(b.valid, true)
		b.pct.note(s)
		return
	case !b.started:
		b.started = true
		if b.typ, _, _ = kind(s); b.typ == String {
			b.str = make([]string, len(b.valid), max(cap(b.valid), len(b.valid)+1))
			b.num = nil
			b.addString(s)
			return
		}
	}
	v, cur, ok := fits(s, b.typ)
	if !ok {
		var k Type
		k, v, cur = kind(s)
		if b.typ = join(b.typ, k); b.typ == String {
			// A text column holds any marks: no currency is wrong in it.
			b.redo = true
			b.num, b.valid = nil, nil
			b.probs = problems{file: b.probs.file}
			return
		}
	}
	ok = true
	if cur != b.currency {
		if msg := b.sameCurrency(s, cur, row); msg != "" {
			b.probs.add(line, b.j, moneyHint, "row %d, column %q: %s", row, b.name, msg)
			v, ok = 0, false
		}
	}
	b.num = append(b.num, v)
	b.valid = append(b.valid, ok)
	b.pct.note(s)
}

// sameCurrency notes the currency cur of cell s, data row row, and says
// what is wrong when it differs from the column's earlier amounts.
func (b *colBuilder) sameCurrency(s, cur string, row int32) string {
	switch {
	case cur == "" || cur == b.currency:
		return ""
	case b.currency == "":
		b.currency, b.currencyRow = cur, row
		return ""
	}
	return fmt.Sprintf("%s is in %s, but row %d is in %s", quoteCell(s), cur, b.currencyRow, b.currency)
}

// restart readies a column that set redo to take its cells again, as
// strings, from the first row; n is the number of rows.
func (b *colBuilder) restart(n int) {
	b.redo = false
	b.str = make([]string, 0, n)
	b.valid = make([]bool, 0, n)
}

// internLimit bounds the distinct values a string column shares copies of.
const internLimit = 1 << 14

// addString appends a cell of a string column. Values are copied once per
// distinct value (up to internLimit of them), so a column of repeated names
// costs little and holds on to none of the source text.
func (b *colBuilder) addString(s string) {
	if s == "" {
		b.str = append(b.str, "")
		b.valid = append(b.valid, false)
		return
	}
	b.valid = append(b.valid, true)
	if c, ok := b.seen[s]; ok {
		b.str = append(b.str, c)
		return
	}
	if b.seen == nil {
		b.seen = make(map[string]string)
	}
	if len(b.seen) < internLimit {
		c := strings.Clone(s)
		b.seen[c] = c
		b.str = append(b.str, c)
		return
	}
	if b.copy {
		s = b.keep(s)
	}
	b.str = append(b.str, s)
}

// arenaSize is the size of the blocks that the copied cells of a string
// column are packed into.
const arenaSize = 64 << 10

// keep copies s into the column's current block of text, so that a column
// of many distinct values costs one allocation a block, not one a cell.
// The blocks are never written again where a cell has been copied.
func (b *colBuilder) keep(s string) string {
	if len(s) > arenaSize/16 {
		return strings.Clone(s)
	}
	if cap(b.arena)-len(b.arena) < len(s) {
		b.arena = make([]byte, 0, arenaSize)
	}
	n := len(b.arena)
	b.arena = append(b.arena, s...)
	return unsafe.String(&b.arena[n], len(s))
}

// column returns the typed column. A column without a non-empty cell is
// a string column of nulls.
func (b *colBuilder) column() *Column {
	if !b.started {
		b.typ = String
		b.str = make([]string, len(b.valid))
		b.num = nil
	}
	if b.valid == nil {
		b.valid = []bool{}
	}
	c := &Column{Name: b.name, Type: b.typ, Valid: b.valid}
	if b.typ == String {
		c.Str = b.str
		if c.Str == nil {
			c.Str = []string{}
		}
	} else {
		c.Num = b.num
		if c.Num == nil {
			c.Num = []float64{}
		}
		if b.typ == Float {
			c.Format = b.pct.format()
		}
	}
	b.seen, b.arena = nil, nil
	return c
}
