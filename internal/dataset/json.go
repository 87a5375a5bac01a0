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
	r := &rawTable{file: file, probs: problems{file: file}, colRef: func(j int) string { return fmt.Sprintf("key %d", j+1) }}
	lc := &lineCounter{s: s, line: 1}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	syntax := func(err error) (*rawTable, error) {
		line := 0
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			line = lc.at(int(se.Offset))
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			line = lc.at(len(s))
			err = errors.New("unexpected end of the file")
		}
		r.probs.add(line, -1, "", "invalid JSON: %v", err)
		return nil, r.probs.list()
	}
	// valueStart finds the line of the value the decoder reads next.
	valueStart := func() int {
		off := int(dec.InputOffset())
		for off < len(s) && strings.IndexByte(" \t\r\n,:", s[off]) >= 0 {
			off++
		}
		return lc.at(off)
	}
	const shape = `write the rows as [{"bank": "招商银行", "followers": 1234}, ...]`
	line := valueStart()
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			r.probs.add(0, -1, shape, "the file is empty")
			return nil, r.probs.list()
		}
		return syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		r.probs.add(line, -1, shape, "a JSON dataset must be an array of objects")
		return nil, r.probs.list()
	}
	index := map[string]int{}
	var cells []string
	var seen []int
	for row := 1; dec.More(); row++ {
		line := valueStart()
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			r.probs.add(line, -1, `each element of the array must be an object: {"column": value, ...}`, "row %d is not an object", row)
			if ok {
				if err := skipValue(dec); err != nil {
					return syntax(err)
				}
			}
			continue
		}
		cells = cells[:0]
		for range r.names {
			cells = append(cells, "")
		}
		for j := range seen {
			seen[j] = 0
		}
		for dec.More() {
			keyLine := valueStart()
			tok, err := dec.Token()
			if err != nil {
				return syntax(err)
			}
			key := tok.(string)
			val, err := dec.Token()
			if err != nil {
				return syntax(err)
			}
			var text string
			switch v := val.(type) {
			case json.Delim:
				r.probs.add(keyLine, -1, "give each value its own column", "row %d, column %q: nested arrays and objects are not supported", row, key)
				if err := skipValue(dec); err != nil {
					return syntax(err)
				}
				continue
			case json.Number:
				text = string(v)
			case string:
				text = trim(v)
			case bool:
				text = "false"
				if v {
					text = "true"
				}
			case nil:
				text = ""
			}
			if key == "" {
				r.probs.add(keyLine, -1, "every value needs a column name", "row %d has an empty key", row)
				continue
			}
			j, ok := index[key]
			if !ok {
				j = r.addColumn(key)
				index[key] = j
				cells = append(cells, "")
				seen = append(seen, 0)
			}
			if seen[j] == row {
				r.probs.add(keyLine, -1, "remove one of them", "row %d has the key %q twice", row, key)
				continue
			}
			seen[j] = row
			cells[j] = text
		}
		if _, err := dec.Token(); err != nil { // '}'
			return syntax(err)
		}
		r.addRow(line, row, cells)
	}
	if _, err := dec.Token(); err != nil { // ']'
		return syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		off := int(dec.InputOffset())
		if err != nil {
			return syntax(err)
		}
		r.probs.add(lc.at(off), -1, "a dataset file holds one array of objects", "unexpected text after the end of the array")
		return nil, r.probs.list()
	}
	return r, nil
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
