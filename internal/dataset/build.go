package dataset

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/parallel"
)

// rawTable is what a format reader hands over: column names and trimmed
// cell text, column by column, with each row's source line and number.
type rawTable struct {
	file string
	// headerLine is the line of the header row (0 when the format has none).
	headerLine int
	// colRef names column j for messages about a column without a name.
	colRef func(j int) string
	names  []string
	cols   [][]string
	// lines[i] is the source line of row i; rows[i] its 1-based data row
	// number as the messages count it.
	lines []int
	rows  []int32
	probs problems
}

// addRow appends one row; cells beyond len(r.names) must not be passed.
// A row whose cells are all empty is skipped, in every format as in CSV:
// a JSON object of nulls or a TOML table of empty strings names columns
// without adding a row.
func (r *rawTable) addRow(line, row int, cells []string) {
	if allEmpty(cells) {
		return
	}
	for j := range r.cols {
		v := ""
		if j < len(cells) {
			v = cells[j]
		}
		r.cols[j] = append(r.cols[j], v)
	}
	r.lines = append(r.lines, line)
	r.rows = append(r.rows, int32(row))
}

// addColumn appends a column, null in every row so far, and returns its index.
func (r *rawTable) addColumn(name string) int {
	r.names = append(r.names, name)
	col := make([]string, len(r.lines), len(r.lines)+16)
	r.cols = append(r.cols, col)
	return len(r.cols) - 1
}

// problem is an error with the place it sorts at: its line, then the
// column it concerns (-1 for a whole row or the file).
type problem struct {
	line, col int
	err       *diag.Error
}

// problems collects a file's errors. It keeps the first maxErrors+1 and
// counts the rest, so a file with a million bad rows costs no memory.
type problems struct {
	file  string
	kept  []problem
	count int
}

func (p *problems) add(line, col int, hint, format string, args ...any) {
	p.count++
	if len(p.kept) > maxErrors {
		return
	}
	p.kept = append(p.kept, problem{line, col, &diag.Error{
		Pos:  diag.Pos{File: p.file, Line: line},
		Msg:  fmt.Sprintf(format, args...),
		Hint: hint,
	}})
}

// addAt records a problem at a position of its own: a place in the file
// with its column in characters, or another place (the declaration in
// site.toml).
func (p *problems) addAt(pos diag.Pos, hint, format string, args ...any) {
	p.count++
	p.kept = append(p.kept, problem{pos.Line, -1, &diag.Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint}})
}

func (p *problems) merge(q *problems) {
	p.kept = append(p.kept, q.kept...)
	p.count += q.count
}

// list returns the errors in line order: at most maxErrors of them, then an
// entry that counts the others. It returns nil when there are none.
func (p *problems) list() error {
	if p.count == 0 {
		return nil
	}
	sort.SliceStable(p.kept, func(i, j int) bool {
		a, b := p.kept[i], p.kept[j]
		if a.line != b.line {
			return a.line < b.line
		}
		return a.col < b.col
	})
	var out diag.List
	for i, k := range p.kept {
		if i == maxErrors {
			break
		}
		out = append(out, k.err)
	}
	if rest := p.count - len(out); rest > 0 {
		first := p.kept[len(out)]
		out = append(out, &diag.Error{
			Pos: diag.Pos{File: p.file, Line: first.line, Col: math.MaxInt32},
			Msg: fmt.Sprintf("and %d more %s in this file", rest, plural(rest, "error", "errors")),
		})
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// keptCol is a named column that is typed: its name and place in the source.
type keptCol struct {
	name string
	idx  int
}

// plan checks the header against the declaration, reporting problems into
// hdr, and returns the columns to type and the declared types. Columns
// without a name are dropped, and are an error when hasValues says they
// hold a value.
func (r *rawTable) plan(decl Decl, hasValues func(j int) bool, hdr *problems) ([]keptCol, map[string]Type) {
	var cols []keptCol
	first := map[string]int{}
	for j, name := range r.names {
		if name == "" {
			if hasValues(j) {
				hdr.add(r.headerLine, j, "name it in the header row, or delete the column",
					"%s has values but no name in the header row", r.colRef(j))
			}
			continue
		}
		if k, dup := first[name]; dup {
			hdr.add(r.headerLine, j, "rename one of them",
				"column %q appears twice in the header row (%s and %s)", name, r.colRef(k), r.colRef(j))
			continue
		}
		first[name] = j
		cols = append(cols, keptCol{name, j})
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	declared := map[string]Type{}
	for _, name := range sortedKeys(decl.Columns) {
		t, _ := ParseType(decl.Columns[name])
		if _, ok := first[name]; !ok {
			hdr.add(r.headerLine, -1, columnHint(name, names), "declared column %q is not in the file", name)
			continue
		}
		declared[name] = t
	}
	for _, k := range decl.Key {
		if _, ok := first[k]; ok {
			continue
		}
		if decl.KeyAt.File == "" {
			hdr.add(r.headerLine, -1, columnHint(k, names), "key column %q is not in the file", k)
			continue
		}
		hdr.addAt(decl.KeyAt, columnHint(k, names), "key column %q is not in %s", k, r.file)
	}
	return cols, declared
}

// builders returns a column builder for each kept column.
func (r *rawTable) builders(cols []keptCol, declared map[string]Type, copy bool) []*colBuilder {
	bs := make([]*colBuilder, len(cols))
	for i, c := range cols {
		dt, isDeclared := declared[c.name]
		bs[i] = newColBuilder(r.file, c.name, c.idx, dt, isDeclared, copy)
	}
	return bs
}

// build checks the header against the declaration and turns the raw cells
// into typed columns, reporting problems into r.probs.
func (r *rawTable) build(decl Decl) *Table {
	hdr := &problems{file: r.file}
	cols, declared := r.plan(decl, func(j int) bool { return !allEmpty(r.cols[j]) }, hdr)
	bs := r.builders(cols, declared, false)
	t := &Table{Columns: make([]*Column, len(cols)), Line: r.lines}
	eachParallel(len(bs), len(r.lines)*len(bs) >= parallelCells, func(i int) {
		t.Columns[i] = r.column(bs[i])
		r.cols[bs[i].j] = nil
	})
	for _, b := range bs {
		r.probs.merge(&b.probs)
	}
	r.probs.merge(hdr)
	return t
}

// eachParallel calls f(0) … f(n-1), on all cores when onCores is set.
func eachParallel(n int, onCores bool, f func(i int)) {
	if !onCores {
		for i := range n {
			f(i)
		}
		return
	}
	parallel.Do(n, f)
}

// parallelCells is the size, in cells, from which a table's columns are
// typed on all cores.
const parallelCells = 1 << 16

func columnHint(name string, names []string) string {
	if h := diag.DidYouMean(name, names); h != "" {
		return h
	}
	if len(names) == 0 {
		return "the file has no columns"
	}
	const show = 12
	list := make([]string, 0, show)
	for i, n := range names {
		if i == show {
			list = append(list, "…")
			break
		}
		list = append(list, fmt.Sprintf("%q", n))
	}
	return "the file's columns are " + strings.Join(list, ", ")
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// column types the cells of b's column.
func (r *rawTable) column(b *colBuilder) *Column {
	cells := r.cols[b.j]
	b.reserve(len(cells))
	for i, s := range cells {
		b.add(s, r.lines[i], r.rows[i])
	}
	if b.redo {
		b.restart(len(cells))
		for i, s := range cells {
			b.add(s, r.lines[i], r.rows[i])
		}
	}
	return b.column()
}

// fits parses s as a cell of an inferred column of type t.
func fits(s string, t Type) (float64, string, bool) {
	switch t {
	case Int, Float:
		cur := ""
		v, f, ok := scanNumber(s)
		if !ok {
			v, f, cur, ok = scanMoney(s)
		}
		if t == Int {
			return v, cur, ok && f&(numInt|numLeadingZero|numBig) == numInt
		}
		return v, cur, ok && f&numLeadingZero == 0 && f&(numInt|numBig) != numInt|numBig
	case Date:
		ms, ok := parseDate(s)
		return float64(ms), "", ok
	case Bool:
		b, ok := parseBool(s)
		if b {
			return 1, "", ok
		}
		return 0, "", ok
	}
	return 0, "", false
}
