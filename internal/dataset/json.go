package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// lineCounter turns byte offsets that only move forward into line numbers.
type lineCounter struct {
	s    string
	off  int
	line int
}

func (c *lineCounter) at(off int) int {
	if off > len(c.s) {
		off = len(c.s)
	}
	if off > c.off {
		c.line += strings.Count(c.s[c.off:off], "\n")
		c.off = off
	}
	return c.line
}

// readJSON reads a JSON array of objects. Keys become columns in the order
// they are first seen; a key missing from an object is null in that row.
// Values must be numbers, strings, true, false or null; strings are read
// like CSV cells, so "2022-03-31" is a date and "12.5%" a number.
func readJSON(fsys fs.FS, file string, decl Decl) (*rawTable, error) {
	s, err := readText(fsys, file, decl)
	if err != nil {
		return nil, err
	}
	j := newJSONReader(file, s)
	if err := j.open(); err != nil {
		return nil, err
	}
	for row := 1; j.dec.More(); row++ {
		if err := j.row(row); err != nil {
			return nil, err
		}
	}
	if err := j.close(); err != nil {
		return nil, err
	}
	return j.r, nil
}

// jsonShape is the fix for a file that is not an array of objects.
const jsonShape = `write the rows as [{"bank": "招商银行", "followers": 1234}, ...]`

// jsonReader reads the tokens of a JSON dataset into a rawTable.
type jsonReader struct {
	s     string
	r     *rawTable
	lc    *lineCounter
	dec   *json.Decoder
	index map[string]int // column of each key
	cells []string       // the current row's cells
	seen  []int          // the last row each column was given in
}

func newJSONReader(file, s string) *jsonReader {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	return &jsonReader{s: s, dec: dec, lc: &lineCounter{s: s, line: 1}, index: map[string]int{},
		r: &rawTable{file: file, probs: problems{file: file}, colRef: func(j int) string { return fmt.Sprintf("key %d", j+1) }}}
}

// syntax reports a decoder error at its line and ends the reading.
func (j *jsonReader) syntax(err error) error {
	line := 0
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		line = j.lc.at(int(se.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		line = j.lc.at(len(j.s))
		err = errors.New("unexpected end of the file")
	}
	j.r.probs.add(line, -1, "", "invalid JSON: %v", err)
	return j.r.probs.list()
}

// valueStart finds the line of the value the decoder reads next.
func (j *jsonReader) valueStart() int {
	off := int(j.dec.InputOffset())
	for off < len(j.s) && strings.IndexByte(" \t\r\n,:", j.s[off]) >= 0 {
		off++
	}
	return j.lc.at(off)
}

// open reads the opening bracket of the array.
func (j *jsonReader) open() error {
	line := j.valueStart()
	tok, err := j.dec.Token()
	if err == io.EOF {
		j.r.probs.add(0, -1, jsonShape, "the file is empty")
		return j.r.probs.list()
	}
	if err != nil {
		return j.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		j.r.probs.add(line, -1, jsonShape, "a JSON dataset must be an array of objects")
		return j.r.probs.list()
	}
	return nil
}

// row reads one element of the array, data row row, as a row of cells;
// an element that is no object is reported and skipped.
func (j *jsonReader) row(row int) error {
	line := j.valueStart()
	tok, err := j.dec.Token()
	if err != nil {
		return j.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		j.r.probs.add(line, -1, `each element of the array must be an object: {"column": value, ...}`, "row %d is not an object", row)
		if ok {
			if err := skipValue(j.dec); err != nil {
				return j.syntax(err)
			}
		}
		return nil
	}
	j.cells = j.cells[:0]
	for range j.r.names {
		j.cells = append(j.cells, "")
	}
	for j.dec.More() {
		if err := j.field(row); err != nil {
			return err
		}
	}
	if _, err := j.dec.Token(); err != nil { // '}'
		return j.syntax(err)
	}
	j.r.addRow(line, row, j.cells)
	return nil
}

// field reads one key and its value into the current row's cells.
func (j *jsonReader) field(row int) error {
	keyLine := j.valueStart()
	tok, err := j.dec.Token()
	if err != nil {
		return j.syntax(err)
	}
	key := tok.(string)
	val, err := j.dec.Token()
	if err != nil {
		return j.syntax(err)
	}
	if _, nested := val.(json.Delim); nested {
		j.r.probs.add(keyLine, -1, "give each value its own column", "row %d, column %q: nested arrays and objects are not supported", row, key)
		if err := skipValue(j.dec); err != nil {
			return j.syntax(err)
		}
		return nil
	}
	if key == "" {
		j.r.probs.add(keyLine, -1, "every value needs a column name", "row %d has an empty key", row)
		return nil
	}
	c, ok := j.index[key]
	if !ok {
		c = j.r.addColumn(key)
		j.index[key] = c
		j.cells = append(j.cells, "")
		j.seen = append(j.seen, 0)
	}
	if j.seen[c] == row {
		j.r.probs.add(keyLine, -1, "remove one of them", "row %d has the key %q twice", row, key)
		return nil
	}
	j.seen[c] = row
	j.cells[c] = jsonText(val)
	return nil
}

// jsonText is the cell text of a JSON number, string, bool or null.
func jsonText(val any) string {
	switch v := val.(type) {
	case json.Number:
		return string(v)
	case string:
		return trim(v)
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return ""
}

// close reads the closing bracket and checks that nothing follows.
func (j *jsonReader) close() error {
	if _, err := j.dec.Token(); err != nil { // ']'
		return j.syntax(err)
	}
	_, err := j.dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return j.syntax(err)
	}
	j.r.probs.add(j.lc.at(int(j.dec.InputOffset())), -1, "a dataset file holds one array of objects", "unexpected text after the end of the array")
	return j.r.probs.list()
}

// skipValue consumes the rest of an array or object whose opening delimiter
// the decoder has just returned.
func skipValue(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}
