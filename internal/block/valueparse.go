package block

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// Def is a named value, written once in front matter ([values] name =
// "expression") and used as {{ name }} or {{ name.column }}.
type Def struct {
	Name string
	Expr string
	// Pos is the position of the expression's first character.
	Pos diag.Pos
}

// part is a piece of an inline expression and where it was written.
type part struct {
	text string
	pos  diag.Pos
}

// valueExpr is a parsed inline expression:
//
//	[aggregate] source[row].column [where COND] [by ORDER] [against PLAN] | filter | …
type valueExpr struct {
	agg     part
	source  part // a dataset or a named value
	row     part // a key, or "#N"
	column  part
	where   part
	by      part
	plan    part // the plan dataset of a plan comparison
	filters []part
	// def is the named value the source expanded, for messages.
	def string
}

// aggregates are the functions an inline value may reduce a column with.
var aggregates = []string{"sum", "avg", "count", "min", "max", "median"}

// parseValue parses an inline expression written at pos (the position of
// its first character, on one line).
func parseValue(s string, pos diag.Pos) (*valueExpr, *diag.Error) {
	at := func(off int) diag.Pos {
		p := pos
		p.Col += utf8.RuneCountInString(s[:off])
		return p
	}
	e := &valueExpr{}
	pieces := splitTop(s, '|')
	if err := e.parseFilters(pieces, at); err != nil {
		return nil, err
	}
	h, err := e.parseClauses(pieces[0].text, at)
	if err != nil {
		return nil, err
	}
	if err := e.parseRef(h, at); err != nil {
		return nil, err
	}
	return e, nil
}

// parseFilters reads the filters after the head's "|"s.
func (e *valueExpr) parseFilters(pieces []part, at func(int) diag.Pos) *diag.Error {
	off := len(pieces[0].text) + 1
	for _, f := range pieces[1:] {
		name := strings.TrimSpace(f.text)
		if name == "" {
			return &diag.Error{Pos: at(off), Msg: "value: an empty filter after |", Hint: "write a format after |, such as | compact, or remove the |"}
		}
		e.filters = append(e.filters, part{name, at(off + strings.Index(f.text, name))})
		off += len(f.text) + 1
	}
	return nil
}

// parseClauses takes the clauses (where COND, by ORDER, against PLAN) out of
// the head h, at top level, each ending where another begins, and returns
// h with them blanked out.
func (e *valueExpr) parseClauses(h string, at func(int) diag.Pos) (string, *diag.Error) {
	cut := func(word string) {
		i := findWord(h, word)
		if i < 0 {
			return
		}
		rest := h[i+len(word):]
		end := len(rest)
		for _, other := range clauses {
			if j := findWord(rest, other); other != word && j >= 0 && j < end {
				end = j
			}
		}
		text := strings.TrimSpace(rest[:end])
		e.setClause(word, part{text, at(i + len(word) + strings.Index(rest, text))})
		h = h[:i] + strings.Repeat(" ", len(word)+end) + rest[end:]
	}
	for _, c := range clauses {
		cut(c)
	}
	if e.where.pos.Line != 0 && e.where.text == "" {
		return h, &diag.Error{Pos: e.where.pos, Msg: "value: where has no condition", Hint: `write where column == "text", or where column > 100`}
	}
	if e.plan.pos.Line != 0 && (e.plan.text == "" || strings.ContainsAny(e.plan.text, " \t")) {
		return h, &diag.Error{Pos: e.plan.pos, Msg: "value: against names one plan dataset", Hint: "write against targets"}
	}
	if e.by.pos.Line != 0 && e.by.text == "" {
		return h, &diag.Error{Pos: e.by.pos, Msg: "value: by has no column", Hint: "write by -followers (a \"-\" sorts descending)"}
	}
	return h, nil
}

// parseRef reads the reference left in h: [aggregate] dataset[row].column.
func (e *valueExpr) parseRef(h string, at func(int) diag.Pos) *diag.Error {
	ref := strings.TrimRight(h, " ")
	start := len(ref) - len(strings.TrimLeft(ref, " "))
	ref, start, err := e.parseAggregate(strings.TrimSpace(ref), start, at)
	if err != nil {
		return err
	}
	i := strings.IndexAny(ref, "[. \t")
	if i < 0 {
		i = len(ref)
	}
	e.source = part{ref[:i], at(start)}
	if e.source.text == "" {
		return &diag.Error{Pos: at(start), Msg: "value: no dataset named", Hint: "write {{ dataset[key].column }}"}
	}
	n, err := e.parseRow(ref[i:], start+i, at)
	if err != nil {
		return err
	}
	i += n
	n, err = e.parseColumn(ref[i:], start+i, at)
	if err != nil {
		return err
	}
	i += n
	if rest := ref[i:]; strings.TrimSpace(rest) != "" {
		i += len(rest) - len(strings.TrimLeft(rest, " \t"))
		return &diag.Error{Pos: at(start + i), Msg: fmt.Sprintf("value: unexpected %q", strings.TrimSpace(rest)),
			Hint: "a value is dataset[key].column, then where …, by … and | format"}
	}
	return nil
}

// parseAggregate reads an aggregate word in front of the reference ref,
// which starts at offset start; it returns the reference after it and its
// offset.
func (e *valueExpr) parseAggregate(ref string, start int, at func(int) diag.Pos) (string, int, *diag.Error) {
	if sp := strings.IndexFunc(ref, unicode.IsSpace); sp > 0 && !strings.ContainsAny(ref[:sp], "[.(") {
		word := ref[:sp]
		if !isAggregate(word) {
			hint := diag.DidYouMean(word, aggregates)
			if hint == "" {
				hint = "a value is dataset[key].column, an aggregate such as sum dataset.column, then where …, by … and | format"
			}
			return "", 0, &diag.Error{Pos: at(start), Msg: fmt.Sprintf("value: %q is not an aggregate, where or by", word), Hint: hint}
		}
		e.agg = part{word, at(start)}
		rest := strings.TrimLeft(ref[sp:], " \t")
		start += len(ref) - len(rest)
		ref = rest
	}
	if ref == "" {
		return "", 0, &diag.Error{Pos: at(start), Msg: "value: no dataset named", Hint: "write {{ dataset[key].column }}"}
	}
	return ref, start, nil
}

// parseRow reads a row key, [key], at the start of rest (at offset off);
// it returns the bytes read.
func (e *valueExpr) parseRow(rest string, off int, at func(int) diag.Pos) (int, *diag.Error) {
	if !strings.HasPrefix(rest, "[") {
		return 0, nil
	}
	j := closing(rest)
	if j < 0 {
		return 0, &diag.Error{Pos: at(off), Msg: "value: [ is not closed", Hint: `write dataset[key], or dataset["a key with ]"]`}
	}
	key := strings.TrimSpace(rest[1:j])
	if len(key) >= 2 && len(splitTop(key, ',')) == 1 && (key[0] == '"' && key[len(key)-1] == '"' || key[0] == '\'' && key[len(key)-1] == '\'') {
		key = key[1 : len(key)-1]
	}
	if key == "" {
		return 0, &diag.Error{Pos: at(off), Msg: "value: [] names no row", Hint: "write the row's key, dataset[key], or dataset[#1] for the first row in an order"}
	}
	e.row = part{key, at(off + 1)}
	return j + 1, nil
}

// parseColumn reads a column, .name or .(expression), at the start of rest
// (at offset off); it returns the bytes read.
func (e *valueExpr) parseColumn(rest string, off int, at func(int) diag.Pos) (int, *diag.Error) {
	switch {
	case strings.HasPrefix(rest, ".("):
		j := strings.LastIndexByte(rest, ')')
		if j < 0 {
			return 0, &diag.Error{Pos: at(off + 1), Msg: "value: ( is not closed", Hint: "write dataset[key].(likes / posts)"}
		}
		e.column = part{rest[1 : j+1], at(off + 1)}
		return j + 1, nil
	case strings.HasPrefix(rest, "."):
		name, _, _ := strings.Cut(rest[1:], " ")
		e.column = part{name, at(off + 1)}
		if name == "" {
			return 0, &diag.Error{Pos: at(off), Msg: "value: no column after .", Hint: "write dataset[key].column"}
		}
		return 1 + len(name), nil
	}
	return 0, nil
}

// clauses are the words that start a clause of an inline value.
var clauses = []string{"where", "by", "against"}

func (e *valueExpr) setClause(word string, p part) {
	switch word {
	case "where":
		e.where = p
	case "by":
		e.by = p
	default:
		e.plan = p
	}
}

func isAggregate(s string) bool {
	return slices.Contains(aggregates, s)
}

// topLevel yields the offsets of the bytes of s that stand outside quotes
// and brackets (quotes and brackets themselves excluded).
func topLevel(s string) iter.Seq[int] {
	return func(yield func(int) bool) {
		depth, quote := 0, byte(0)
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '[' || c == '(':
				depth++
			case c == ']' || c == ')':
				depth--
			case depth == 0:
				if !yield(i) {
					return
				}
			}
		}
	}
}

// splitTop splits s at sep outside quotes and brackets; "||" (or in a
// condition) does not split.
func splitTop(s string, sep byte) []part {
	var out []part
	last, skip := 0, -1
	for i := range topLevel(s) {
		switch {
		case i == skip || s[i] != sep:
		case i+1 < len(s) && s[i+1] == sep:
			skip = i + 1
		default:
			out = append(out, part{text: s[last:i]})
			last = i + 1
		}
	}
	return append(out, part{text: s[last:]})
}

// findWord returns the offset of word standing alone (spaces around it)
// outside quotes and brackets, or -1.
func findWord(s, word string) int {
	for i := range topLevel(s) {
		if i == 0 || (s[i-1] != ' ' && s[i-1] != '\t') || !strings.HasPrefix(s[i:], word) {
			continue
		}
		if after := i + len(word); after == len(s) || s[after] == ' ' || s[after] == '\t' {
			return i
		}
	}
	return -1
}

// closing returns the index of the "]" closing s[0], outside quotes.
func closing(s string) int {
	quote := byte(0)
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ']':
			return i
		}
	}
	return -1
}
