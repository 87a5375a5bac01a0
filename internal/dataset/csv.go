package dataset

import "strings"

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
	// unclosed is set for a quoted field that runs to the end of the text.
	unclosed bool
}

// next returns the next record's fields (reusing dst), the line where the
// record starts, and a syntax error if the record has one. ok is false at
// the end of the text.
func (p *csvParser) next(dst []string) (fields []string, line int, cerr *csvError, ok bool) {
	p.skipEmptyLines()
	if p.pos >= len(p.s) {
		return dst[:0], 0, nil, false
	}
	start := p.line
	if fields, ok := p.plainLine(dst[:0]); ok {
		return fields, start, nil, true
	}
	fields, cerr = p.record(dst[:0], start)
	return fields, start, cerr, true
}

// skipEmptyLines moves past empty lines, and a lone "\r" at the end.
func (p *csvParser) skipEmptyLines() {
	s := p.s
	for p.pos < len(s) {
		switch {
		case s[p.pos] == '\n':
			p.pos++
			p.line++
		case s[p.pos] == '\r' && p.pos+1 < len(s) && s[p.pos+1] == '\n':
			p.pos += 2
			p.line++
		case s[p.pos] == '\r' && p.pos+1 == len(s):
			p.pos++
		default:
			return
		}
	}
}

// plainLine is the fast path: a line without quotes splits at its commas.
// ok is false, and nothing is read, when the line holds a quote.
func (p *csvParser) plainLine(fields []string) ([]string, bool) {
	s := p.s
	end := strings.IndexByte(s[p.pos:], '\n')
	if end < 0 {
		end = len(s) - p.pos
	}
	line := s[p.pos : p.pos+end]
	if strings.IndexByte(line, '"') >= 0 {
		return fields, false
	}
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
			return append(fields, line), true
		}
		fields = append(fields, line[:i])
		line = line[i+1:]
	}
}

// record reads a record that holds quotes, field by field, to the end of
// its last line.
func (p *csvParser) record(fields []string, start int) ([]string, *csvError) {
	for {
		var done bool
		var cerr *csvError
		if p.pos < len(p.s) && p.s[p.pos] == '"' {
			fields, done, cerr = p.quotedField(fields, start)
		} else {
			fields, done, cerr = p.plainField(fields)
		}
		if done || cerr != nil {
			return fields, cerr
		}
	}
}

// quotedField reads a quoted field and what follows its closing quote: a
// comma, the end of the line (done), or the end of the text (done).
func (p *csvParser) quotedField(fields []string, start int) ([]string, bool, *csvError) {
	s := p.s
	field, cerr := p.quoted(start)
	if cerr != nil {
		return fields, true, cerr
	}
	fields = append(fields, field)
	switch {
	case p.pos == len(s):
		return fields, true, nil
	case s[p.pos] == ',':
		p.pos++
		return fields, false, nil
	case s[p.pos] == '\n':
		p.pos++
		p.line++
		return fields, true, nil
	case s[p.pos] == '\r' && (p.pos+1 == len(s) || s[p.pos+1] == '\n'):
		p.pos++
		if p.pos < len(s) {
			p.pos++
			p.line++
		}
		return fields, true, nil
	}
	cerr = &csvError{line: p.line,
		msg:  "text follows the closing quote of a quoted field",
		hint: `inside a quoted field write a quote as two quotes: "say ""hi"""`}
	p.skipLine()
	return fields, true, cerr
}

// plainField reads an unquoted field, which runs to the next comma or line
// break; done is set at the end of the line or the text.
func (p *csvParser) plainField(fields []string) ([]string, bool, *csvError) {
	s := p.s
	i := p.pos
	for i < len(s) && s[i] != ',' && s[i] != '\n' && s[i] != '"' {
		i++
	}
	if i < len(s) && s[i] == '"' {
		cerr := &csvError{line: p.line,
			msg:  `a quote appears inside a field that does not start with one`,
			hint: `put the whole field in quotes and write the quote as two quotes: "say ""hi"""`}
		p.pos = i
		p.skipLine()
		return fields, true, cerr
	}
	field := s[p.pos:i]
	if i == len(s) || s[i] == '\n' {
		field = strings.TrimSuffix(field, "\r")
	}
	fields = append(fields, field)
	if i == len(s) {
		p.pos = i
		return fields, true, nil
	}
	p.pos = i + 1
	if s[i] == '\n' {
		p.line++
		return fields, true, nil
	}
	return fields, false, nil
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
			return "", &csvError{line: open, unclosed: true,
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
