package dataset

import (
	"io/fs"
	"strconv"
	"strings"
)

// csvParser splits RFC 4180 text into records as encoding/csv does with its
// default settings (comma, no lazy quotes): "\r\n" counts as "\n", empty
// lines are skipped, a field that starts with a quote runs to the closing
// quote and may hold commas, doubled quotes and line breaks. Unlike
// encoding/csv it returns fields that share the memory of the text, so a
// large file costs no allocation per record or field, and after a syntax
// error it goes on with the next line, so every error of a file is found.
type csvParser struct {
	s    string
	pos  int
	line int // line number at pos, counting from 1
}

// csvError is a syntax error in a record.
type csvError struct {
	line      int
	msg, hint string
}

// next returns the next record's fields (reusing dst), the line where the
// record starts, and a syntax error if the record has one. ok is false at
// the end of the text.
func (p *csvParser) next(dst []string) (fields []string, line int, cerr *csvError, ok bool) {
	s := p.s
	// Skip empty lines.
	for p.pos < len(s) {
		switch {
		case s[p.pos] == '\n':
			p.pos++
			p.line++
			continue
		case s[p.pos] == '\r' && p.pos+1 < len(s) && s[p.pos+1] == '\n':
			p.pos += 2
			p.line++
			continue
		case s[p.pos] == '\r' && p.pos+1 == len(s):
			p.pos++
			continue
		}
		break
	}
	if p.pos >= len(s) {
		return dst[:0], 0, nil, false
	}
	start := p.line
	fields = dst[:0]
	// Fast path: a line without quotes splits at its commas.
	end := strings.IndexByte(s[p.pos:], '\n')
	if end < 0 {
		end = len(s) - p.pos
	}
	if line := s[p.pos : p.pos+end]; strings.IndexByte(line, '"') < 0 {
		if p.pos+end == len(s) {
			p.pos = len(s)
		} else {
			p.pos += end + 1
			p.line++
		}
		line = strings.TrimSuffix(line, "\r")
		for {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				return append(fields, line), start, nil, true
			}
			fields = append(fields, line[:i])
			line = line[i+1:]
		}
	}
	for {
		if p.pos < len(s) && s[p.pos] == '"' {
			field, cerr := p.quoted(start)
			if cerr != nil {
				return fields, start, cerr, true
			}
			fields = append(fields, field)
			// After the closing quote: a comma, the end of the line, or
			// the end of the text.
			switch {
			case p.pos == len(s):
				return fields, start, nil, true
			case s[p.pos] == ',':
				p.pos++
				continue
			case s[p.pos] == '\n':
				p.pos++
				p.line++
				return fields, start, nil, true
			case s[p.pos] == '\r' && (p.pos+1 == len(s) || s[p.pos+1] == '\n'):
				p.pos++
				if p.pos < len(s) {
					p.pos++
					p.line++
				}
				return fields, start, nil, true
			}
			cerr = &csvError{line: p.line,
				msg:  "text follows the closing quote of a quoted field",
				hint: `inside a quoted field write a quote as two quotes: "say ""hi"""`}
			p.skipLine()
			return fields, start, cerr, true
		}
		// An unquoted field runs to the next comma or line break.
		i := p.pos
		for i < len(s) {
			c := s[i]
			if c == ',' || c == '\n' || c == '"' {
				break
			}
			i++
		}
		if i < len(s) && s[i] == '"' {
			cerr := &csvError{line: p.line,
				msg:  `a quote appears inside a field that does not start with one`,
				hint: `put the whole field in quotes and write the quote as two quotes: "say ""hi"""`}
			p.pos = i
			p.skipLine()
			return fields, start, cerr, true
		}
		field := s[p.pos:i]
		if i == len(s) || s[i] == '\n' {
			field = strings.TrimSuffix(field, "\r")
		}
		fields = append(fields, field)
		if i == len(s) {
			p.pos = i
			return fields, start, nil, true
		}
		p.pos = i + 1
		if s[i] == '\n' {
			p.line++
			return fields, start, nil, true
		}
	}
}

// quoted reads a quoted field at p.pos, leaving p.pos after its closing
// quote. The field shares the text's memory unless it holds a doubled quote
// or a "\r\n" line break, which it turns into "\n".
func (p *csvParser) quoted(start int) (string, *csvError) {
	s := p.s
	open := p.line
	begin := p.pos + 1
	i := begin
	escaped := false
	for {
		j := strings.IndexByte(s[i:], '"')
		if j < 0 {
			p.line += strings.Count(s[begin:], "\n")
			p.pos = len(s)
			return "", &csvError{line: open,
				msg:  "a quoted field is never closed",
				hint: `add the closing quote, and write a quote inside the field as two quotes: "say ""hi"""`}
		}
		i += j + 1
		if i < len(s) && s[i] == '"' {
			escaped = true
			i++
			continue
		}
		break
	}
	raw := s[begin : i-1]
	p.pos = i
	nl := strings.Count(raw, "\n")
	p.line += nl
	crlf := nl > 0 && strings.Contains(raw, "\r\n")
	if !escaped && !crlf {
		return raw, nil
	}
	if escaped {
		raw = strings.ReplaceAll(raw, `""`, `"`)
	}
	if crlf {
		raw = strings.ReplaceAll(raw, "\r\n", "\n")
	}
	return raw, nil
}

// skipLine moves past the end of the current line.
func (p *csvParser) skipLine() {
	j := strings.IndexByte(p.s[p.pos:], '\n')
	if j < 0 {
		p.pos = len(p.s)
		return
	}
	p.pos += j + 1
	p.line++
}

// readCSV reads a CSV file: a header row of column names, then one record
// per row. Records whose fields are all empty are skipped.
func readCSV(fsys fs.FS, file string, decl Decl) (*rawTable, error) {
	s, err := readText(fsys, file, decl)
	if err != nil {
		return nil, err
	}
	r := &rawTable{file: file, probs: problems{file: file}, colRef: func(j int) string { return "column " + strconv.Itoa(j+1) }}
	p := &csvParser{s: s, line: 1}
	header, line, cerr, ok := p.next(nil)
	if !ok {
		r.probs.add(0, -1, "a CSV dataset starts with a header row of column names", "the file is empty")
		return nil, r.probs.list()
	}
	if cerr != nil {
		r.probs.add(cerr.line, -1, cerr.hint, "header row: %s", cerr.msg)
		return nil, r.probs.list()
	}
	r.headerLine = line
	// A rough row count from the line breaks, so the columns grow once.
	est := strings.Count(s[p.pos:], "\n") + 1
	r.lines = make([]int, 0, est)
	r.rows = make([]int32, 0, est)
	// Cells are kept as places in the text when it is small enough.
	sc := &spanCells{src: s}
	if sc.usable() {
		r.spans = sc
	}
	for _, h := range header {
		r.names = append(r.names, strings.Clone(trim(h)))
		if r.spans != nil {
			sc.cols = append(sc.cols, make([]span, 0, est))
		} else {
			r.cols = append(r.cols, make([]string, 0, est))
		}
	}
	width := len(header)
	var rec []string
	for row := 1; ; row++ {
		rec, line, cerr, ok = p.next(rec)
		if !ok {
			break
		}
		if cerr != nil {
			r.probs.add(cerr.line, -1, cerr.hint, "row %d: %s", row, cerr.msg)
			continue
		}
		if len(rec) != width {
			hint := "add the missing values, or leave them empty between commas"
			if len(rec) > width {
				hint = `a value that holds a comma must be in quotes, such as "1,234"`
			}
			r.probs.add(line, -1, hint, "row %d has %d %s, but the header has %d",
				row, len(rec), plural(len(rec), "field", "fields"), width)
			continue
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
			continue
		}
		for j, f := range rec {
			if r.spans != nil {
				sc.add(j, f)
			} else {
				r.cols[j] = append(r.cols[j], f)
			}
		}
		r.lines = append(r.lines, line)
		r.rows = append(r.rows, int32(row))
	}
	return r, nil
}
