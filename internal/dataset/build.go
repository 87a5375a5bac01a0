package dataset

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/internal/diag"
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
	// spans, when set, holds the cells instead of cols (CSV files).
	spans *spanCells
	// lines[i] is the source line of row i; rows[i] its 1-based data row
	// number as the messages count it.
	lines []int
	rows  []int32
	probs problems
}

// addRow appends one row; cells beyond len(r.names) must not be passed.
func (r *rawTable) addRow(line, row int, cells []string) {
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

// cells returns the cells of column j.
func (r *rawTable) cells(j int) cellList {
	if r.spans != nil {
		return cellList{src: r.spans.src, spans: r.spans.cols[j], owned: r.spans.owned}
	}
	return cellList{strs: r.cols[j]}
}

// release lets go of the cells of column j once it is typed.
func (r *rawTable) release(j int) {
	if r.spans != nil {
		r.spans.cols[j] = nil
		return
	}
	r.cols[j] = nil
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

// addAt records a problem of the file found at another place (the
// declaration in site.toml).
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

// build checks the header against the declaration and turns the raw cells
// into typed columns, reporting problems into r.probs.
func (r *rawTable) build(decl Decl) *Table {
	// Columns without a name: dropped when empty, an error otherwise.
	type kept struct {
		name string
		idx  int
	}
	var cols []kept
	first := map[string]int{}
	hdr := &problems{file: r.file}
	defer r.probs.merge(hdr)
	for j, name := range r.names {
		if name == "" {
			if !allEmpty(r.cells(j)) {
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
		cols = append(cols, kept{name, j})
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

	t := &Table{Columns: make([]*Column, len(cols)), Line: r.lines}
	results := make([]problems, len(cols))
	one := func(i int, c kept) {
		dt, isDeclared := declared[c.name]
		results[i].file = r.file
		t.Columns[i] = r.column(c.name, c.idx, dt, isDeclared, &results[i])
		r.release(c.idx)
	}
	if len(r.lines)*len(cols) < parallelCells {
		// A small table: goroutines would cost more than typing it here.
		for i, c := range cols {
			one(i, c)
		}
	} else {
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		for i, c := range cols {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				one(i, c)
			}()
		}
		wg.Wait()
	}
	for i := range results {
		r.probs.merge(&results[i])
	}
	return t
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

func allEmpty(cells cellList) bool {
	for i := range cells.len() {
		if cells.at(i) != "" {
			return false
		}
	}
	return true
}

// column types and converts column j. A declared type is enforced cell by
// cell; otherwise the narrowest type that fits every non-empty cell wins,
// found in one pass that parses each cell once and promotes the column
// (int to float, anything else to string) as it goes.
func (r *rawTable) column(name string, j int, declared Type, isDeclared bool, probs *problems) *Column {
	cells := r.cells(j)
	n := cells.len()
	valid := make([]bool, n)
	if isDeclared && declared == String {
		return stringColumn(name, cells, valid)
	}
	if isDeclared {
		num := make([]float64, n)
		for i := range n {
			s := cells.at(i)
			if s == "" {
				continue
			}
			v, msg, hint := convert(s, declared)
			if msg != "" {
				probs.add(r.lines[i], j, hint, "row %d, column %q: %s", r.rows[i], name, msg)
				continue
			}
			num[i], valid[i] = v, true
		}
		return &Column{Name: name, Type: declared, Num: num, Valid: valid}
	}
	// The first non-empty cell sets the starting type.
	start := 0
	for start < n && cells.at(start) == "" {
		start++
	}
	if start == n {
		return stringColumn(name, cells, valid)
	}
	typ, _ := kind(cells.at(start))
	if typ == String {
		return stringColumn(name, cells, valid)
	}
	num := make([]float64, n)
	for i := start; i < n; i++ {
		s := cells.at(i)
		if s == "" {
			continue
		}
		v, ok := fits(s, typ)
		if !ok {
			var k Type
			k, v = kind(s)
			if typ = join(typ, k); typ == String {
				clear(valid)
				return stringColumn(name, cells, valid)
			}
		}
		num[i], valid[i] = v, true
	}
	return &Column{Name: name, Type: typ, Num: num, Valid: valid}
}

// fits parses s as a cell of an inferred column of type t.
func fits(s string, t Type) (float64, bool) {
	switch t {
	case Int:
		v, f, ok := scanNumber(s)
		return v, ok && f&(numInt|numLeadingZero|numBig) == numInt
	case Float:
		v, f, ok := scanNumber(s)
		return v, ok && f&numLeadingZero == 0 && f&(numInt|numBig) != numInt|numBig
	case Date:
		ms, ok := parseDate(s)
		return float64(ms), ok
	case Bool:
		b, ok := parseBool(s)
		if b {
			return 1, ok
		}
		return 0, ok
	}
	return 0, false
}

// internLimit bounds the distinct values a string column shares copies of.
const internLimit = 1 << 14

// stringColumn makes a string column of cells. Values are copied once per
// distinct value (up to internLimit of them), so a column of repeated names
// costs little and no longer holds on to the whole source text.
func stringColumn(name string, cells cellList, valid []bool) *Column {
	str := make([]string, cells.len())
	seen := make(map[string]string)
	for i := range str {
		s := cells.at(i)
		if s == "" {
			continue
		}
		valid[i] = true
		if c, ok := seen[s]; ok {
			str[i] = c
			continue
		}
		if len(seen) < internLimit {
			c := strings.Clone(s)
			seen[c] = c
			str[i] = c
			continue
		}
		str[i] = s
	}
	return &Column{Name: name, Type: String, Str: str, Valid: valid}
}
