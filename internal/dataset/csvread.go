package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// csvPiece is the size of the buffer a CSV file is read through; a record
// longer than it grows the buffer.
var csvPiece = 1 << 20

// errNotUTF8 stops the reading of a file in pieces when it turns out not to
// be UTF-8 text, so that it is read whole and decoded instead.
var errNotUTF8 = errors.New("not UTF-8")

// readCSV reads a CSV file: a header row of column names, then one record
// per row. Records whose fields are all empty are skipped.
//
// A UTF-8 file is read a piece at a time and each piece's cells are typed
// before the next is read, so neither the text nor a record of each cell
// is ever held whole: memory is the typed table and one piece. A column
// that turns out to be text after rows typed as numbers or dates is read
// again for its text. Files in other encodings are decoded whole first.
func readCSV(fsys fs.FS, file string, decl Decl) (*Table, error) {
	if dec, _ := decoderFor(decl.Encoding); dec == nil {
		t, err := readCSVFrom(func() (io.ReadCloser, int64, error) { return openData(fsys, file) }, file, decl, true)
		if err != errNotUTF8 {
			return t, err
		}
	}
	s, err := readText(fsys, file, decl)
	if err != nil {
		return nil, err
	}
	return readCSVFrom(func() (io.ReadCloser, int64, error) {
		return io.NopCloser(strings.NewReader(s)), int64(len(s)), nil
	}, file, decl, false)
}

// csvReader types the records of a CSV file as they are read.
type csvReader struct {
	file    string
	decl    Decl
	r       *rawTable // the header, and the problems of the file
	width   int
	builder []*colBuilder
	// lines collects every kept row's line on the first pass.
	lines []int
	rows  int // kept rows so far
	// The kept rows of the current piece: their cells by column (pointing
	// into the buffer), lines and data row numbers.
	cells     [][]string
	pieceLine []int
	pieceRow  []int32
	hasValue  []bool
	row       int // data rows seen, kept or not
}

// readCSVFrom reads the CSV file that open opens; check makes it return
// errNotUTF8 if the text is not UTF-8 (or does not start as UTF-8 text).
func readCSVFrom(open func() (io.ReadCloser, int64, error), file string, decl Decl, check bool) (*Table, error) {
	c := &csvReader{file: file, decl: decl,
		r: &rawTable{file: file, probs: problems{file: file}, colRef: func(j int) string { return "column " + strconv.Itoa(j+1) }}}
	if err := c.pass(open, check, true); err != nil {
		return nil, err
	}
	if c.r.names == nil {
		return nil, c.r.probs.list()
	}
	var redo []*colBuilder
	for _, b := range c.builder {
		if b.redo {
			b.restart(c.rows)
			redo = append(redo, b)
		}
	}
	if redo != nil {
		// Read the file again for the text of the columns that turned string.
		first := c.rows
		again := &csvReader{file: file, decl: decl, builder: redo,
			r: &rawTable{file: file, probs: problems{file: file}, colRef: c.r.colRef}}
		if err := again.pass(open, check, false); err != nil {
			return nil, err
		}
		if again.rows != first || again.width != c.width {
			return nil, diag.List{{Pos: diag.Pos{File: file}, Msg: "the file changed while it was read", Hint: "build again"}}
		}
	}
	hdr := &problems{file: file}
	c.r.plan(decl, func(j int) bool { return c.hasValue[j] }, hdr)
	t := &Table{Columns: make([]*Column, len(c.builder)), Line: c.lines}
	for i, b := range c.builder {
		t.Columns[i] = b.column()
		c.r.probs.merge(&b.probs)
	}
	c.r.probs.merge(hdr)
	return t, c.r.probs.list()
}

// pass reads the file once; first is set on the first pass, which sets up
// the columns from the header and collects the rows' lines.
func (c *csvReader) pass(open func() (io.ReadCloser, int64, error), check, first bool) error {
	rc, size, err := open()
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := &csvScanner{r: rc, buf: make([]byte, min(int64(csvPiece), max(size+1, 4096))), check: check, line: 1}
	if err := sc.fill(c.file); err != nil {
		return err
	}
	if check && (bytes.HasPrefix(sc.buf[:sc.end], []byte("\xff\xfe")) || bytes.HasPrefix(sc.buf[:sc.end], []byte("\xfe\xff"))) {
		return errNotUTF8 // UTF-16: readText says so
	}
	bom := []byte("\ufeff")
	for {
		rest := sc.buf[sc.start:sc.end]
		if bytes.HasPrefix(rest, bom) {
			sc.start += len(bom)
			sc.checked = max(sc.checked, sc.start)
			continue
		}
		if len(rest) >= len(bom) || sc.eof || !bytes.HasPrefix(bom, rest) {
			break
		}
		if err := sc.fill(c.file); err != nil {
			return err
		}
	}
	header := false
	var rec []string
	for {
		rec = sc.records(rec, func(fields []string, line int, cerr *csvError) bool {
			if header {
				c.record(fields, line, cerr)
				return true
			}
			header = true
			if first {
				return c.header(fields, line, cerr)
			}
			c.width = len(fields)
			c.cells = make([][]string, c.width)
			return true
		})
		if first && header && c.width == 0 {
			return nil // the header row is wrong
		}
		c.feed(first, size, sc)
		if sc.eof {
			break
		}
		if err := sc.fill(c.file); err != nil {
			return err
		}
	}
	if !header {
		c.r.probs.add(0, -1, "a CSV dataset starts with a header row of column names", "the file is empty")
	}
	return nil
}

// header sets up the columns from the header record; it reports false
// when the record is wrong.
func (c *csvReader) header(fields []string, line int, cerr *csvError) bool {
	if cerr != nil {
		c.r.probs.add(cerr.line, -1, cerr.hint, "header row: %s", cerr.msg)
		return false
	}
	c.r.headerLine = line
	c.r.names = make([]string, len(fields))
	for j, h := range fields {
		c.r.names[j] = strings.Clone(trim(h))
	}
	c.width = len(fields)
	c.cells = make([][]string, c.width)
	c.hasValue = make([]bool, c.width)
	cols, declared := c.r.plan(c.decl, func(int) bool { return false }, &problems{})
	c.builder = c.r.builders(cols, declared, true)
	c.lines = []int{}
	return true
}

// record keeps a data record's trimmed cells for the piece, or reports
// why it cannot.
func (c *csvReader) record(rec []string, line int, cerr *csvError) {
	c.row++
	if cerr != nil {
		c.r.probs.add(cerr.line, -1, cerr.hint, "row %d: %s", c.row, cerr.msg)
		return
	}
	if len(rec) != c.width {
		hint := "add the missing values, or leave them empty between commas"
		if len(rec) > c.width {
			hint = `a value that holds a comma must be in quotes, such as "1,234"`
		}
		c.r.probs.add(line, -1, hint, "row %d has %d %s, but the header has %d",
			c.row, len(rec), plural(len(rec), "field", "fields"), c.width)
		return
	}
	empty := true
	for j, f := range rec {
		f = trim(f)
		rec[j] = f
		if f != "" {
			empty = false
		}
	}
	if empty {
		return
	}
	for j, f := range rec {
		c.cells[j] = append(c.cells[j], f)
	}
	c.pieceLine = append(c.pieceLine, line)
	c.pieceRow = append(c.pieceRow, int32(c.row))
}

// feed types the piece's rows. After the first piece it makes room in the
// columns for the rows the whole file likely holds, so they grow once.
func (c *csvReader) feed(first bool, size int64, sc *csvScanner) {
	n := len(c.pieceLine)
	if n == 0 {
		return
	}
	eachParallel(len(c.builder), n*len(c.builder) >= parallelCells, func(i int) {
		b := c.builder[i]
		for k, s := range c.cells[b.j] {
			b.add(s, c.pieceLine[k], c.pieceRow[k])
		}
	})
	if read := sc.read + int64(sc.start); first && c.rows == 0 && !sc.eof && n > 0 && read > 0 {
		est := int(float64(n)*float64(size)/float64(read)*1.05) + 16
		c.lines = slices.Grow(c.lines, est)
		for _, b := range c.builder {
			b.reserve(est)
		}
	}
	if first {
		for j, name := range c.r.names {
			if name == "" && !c.hasValue[j] && !allEmpty(c.cells[j]) {
				c.hasValue[j] = true
			}
		}
		c.lines = append(c.lines, c.pieceLine...)
	}
	c.rows += n
	for j := range c.cells {
		c.cells[j] = c.cells[j][:0]
	}
	c.pieceLine, c.pieceRow = c.pieceLine[:0], c.pieceRow[:0]
}

// csvScanner reads CSV text through a buffer, handing out the complete
// records it holds.
type csvScanner struct {
	r          io.Reader
	buf        []byte
	start, end int // the bytes not yet parsed
	// check makes fill verify that the text is UTF-8; buf[:checked] is.
	check   bool
	checked int
	eof     bool
	line    int   // the line number at buf[start]
	read    int64 // bytes parsed before buf[start]
}

// fill moves the bytes not yet parsed to the front of the buffer (growing
// it when they fill it) and reads until the buffer is full or the text
// ends. Cells of earlier records are invalid afterwards.
func (s *csvScanner) fill(file string) error {
	s.read += int64(s.start)
	n := copy(s.buf, s.buf[s.start:s.end])
	s.checked = max(s.checked-s.start, 0)
	s.start, s.end = 0, n
	if n == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for s.end < len(s.buf) && !s.eof {
		m, err := s.r.Read(s.buf[s.end:])
		s.end += m
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			return diag.List{{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot read the file: %v", err)}}
		}
	}
	if s.check {
		// Up to the last line break, so that no character is cut in two.
		upto := s.end
		if !s.eof {
			upto = s.checked + bytes.LastIndexByte(s.buf[s.checked:s.end], '\n') + 1
		}
		if !utf8.Valid(s.buf[s.checked:upto]) {
			return errNotUTF8
		}
		s.checked = upto
	}
	return nil
}

// records calls f with each complete record in the buffer, until f
// reports false, and consumes them. A record is complete when a line
// break ends it, or the text does. The fields share the buffer's memory.
func (s *csvScanner) records(rec []string, f func(fields []string, line int, cerr *csvError) bool) []string {
	text := unsafe.String(unsafe.SliceData(s.buf[s.start:]), s.end-s.start)
	p := csvParser{s: text, line: s.line}
	for {
		pos, line := p.pos, p.line
		fields, at, cerr, ok := p.next(rec)
		rec = fields
		if !ok {
			// Only empty lines were left; a lone "\r" at the end may be
			// the start of a line break.
			if !s.eof && strings.HasSuffix(text, "\r") {
				p.pos = len(text) - 1
			}
			break
		}
		if !s.eof && (cerr != nil && cerr.unclosed || text[p.pos-1] != '\n') {
			p.pos, p.line = pos, line
			break
		}
		if !f(fields, at, cerr) {
			break
		}
	}
	s.start += p.pos
	s.line = p.line
	return rec
}
