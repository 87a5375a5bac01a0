package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/locale"
)

// Inline is a value written in a sentence, {{ expression }}, handed to a
// ValueHook.
type Inline struct {
	// Expr is the text between the braces, trimmed, with "\|" read as "|"
	// (the escape a table cell needs).
	Expr string
	// Pos is the position of the first character of Expr.
	Pos diag.Pos
	// Abs asks for the value without its sign: a words group such as
	// {上升|下降} says the direction.
	Abs bool
}

// InlineValue is a resolved inline value.
type InlineValue struct {
	// Text is written into the sentence, escaped.
	Text string
	// Sign is the direction of a number: 1, -1 or 0. Known is false for a
	// value without a direction (text, or an empty cell).
	Sign  int
	Known bool
}

// ValueHook resolves an inline value. Its errors are reported with the
// page's.
type ValueHook func(v Inline) (InlineValue, error)

// KindValue and KindWords are the AST kinds of inline values and words
// groups.
var (
	KindValue = ast.NewNodeKind("Value")
	KindWords = ast.NewNodeKind("Words")
)

// valueNode is {{ expression }} in the AST; Text is set once resolved.
type valueNode struct {
	ast.BaseInline
	in   Inline
	text string
	raw  []byte
	bad  bool // not closed or empty: reported by the parser
	// lead is written before the value: the line break of the text before
	// it, which goldmark's East Asian line breaking drops before a node
	// that is not text.
	lead string
}

func (n *valueNode) Kind() ast.NodeKind { return KindValue }

func (n *valueNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Expr": n.in.Expr}, nil)
}

// wordsNode is {a|b} or {a|b|c} in the AST: the first word for a rise,
// the second for a fall, the third (or the language's "unchanged") for no
// change, chosen by the value it follows.
type wordsNode struct {
	ast.BaseInline
	alts []string
	pos  diag.Pos
	text string
}

func (n *wordsNode) Kind() ast.NodeKind { return KindWords }

func (n *wordsNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Words": strings.Join(n.alts, "|")}, nil)
}

// token is a value or a words group found by scan.
type token struct {
	n     int      // bytes consumed
	expr  string   // a value's expression
	off   int      // offset of expr in the scanned bytes
	words []string // a words group's alternatives
	err   string   // a value that is not closed or empty
}

// scan reads a value ({{ … }}) or a words group ({a|b}) at the start of s,
// which holds the rest of one line; prev is the character before it. It
// returns n == 0 when s starts with neither (a literal brace).
func scan(s []byte, prev rune) token {
	if len(s) < 2 || s[0] != '{' || prev == '{' {
		return token{}
	}
	if s[1] == '{' {
		inQuote := byte(0)
		for i := 2; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '\n':
				return token{n: i, err: "a value {{ … }} is not closed on its line"}
			case inQuote != 0:
				if c == inQuote {
					inQuote = 0
				}
			case c == '"' || c == '\'':
				inQuote = c
			case c == '}' && i+1 < len(s) && s[i+1] == '}':
				raw := string(s[2:i])
				expr := strings.TrimSpace(raw)
				off := 2 + strings.Index(raw, expr)
				if expr == "" {
					return token{n: i + 2, off: 2, err: "a value {{ }} is empty"}
				}
				return token{n: i + 2, expr: strings.ReplaceAll(expr, `\|`, "|"), off: off}
			}
		}
		return token{n: len(s), err: "a value {{ … }} is not closed on its line"}
	}
	end := bytes.IndexByte(s, '}')
	if end < 0 {
		return token{}
	}
	inner := string(s[1:end])
	if strings.ContainsAny(inner, "{\n") || !strings.Contains(inner, "|") {
		return token{}
	}
	alts := strings.Split(strings.ReplaceAll(inner, `\|`, "|"), "|")
	if len(alts) > 3 {
		return token{}
	}
	for _, a := range alts {
		if a == "" || strings.TrimSpace(a) != a {
			return token{} // {x | x > 0} is text: words sit right against | and the braces
		}
	}
	return token{n: end + 1, words: alts}
}

// valueParser is the goldmark inline parser of values and words groups.
type valueParser struct{}

func (valueParser) Trigger() []byte { return []byte{'{'} }

func (valueParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	t := scan(line, block.PrecendingCharacter())
	if t.n == 0 {
		return nil
	}
	src := block.Source()
	block.Advance(t.n)
	if t.words != nil {
		return &wordsNode{alts: t.words, pos: offsetPos(src, seg.Start)}
	}
	n := &valueNode{in: Inline{Expr: t.expr, Pos: offsetPos(src, seg.Start+t.off)}, raw: line[:t.n]}
	if t.err != "" {
		n.bad = true
		pc.Set(valueErrKey, append(valueErrs(pc), &diag.Error{Pos: offsetPos(src, seg.Start), Msg: "value: " + t.err,
			Hint: `write {{ dataset[key].column }} on one line, or \{{ for literal braces`}))
	}
	return n
}

var valueErrKey = parser.NewContextKey()

func valueErrs(pc parser.Context) diag.List {
	l, _ := pc.Get(valueErrKey).(diag.List)
	return l
}

// offsetPos returns the line and column (in characters, from 1) of a byte
// offset of the body; the caller adds the body's first line and file.
func offsetPos(src []byte, off int) diag.Pos {
	before := src[:off]
	line := bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{Line: line + 1, Col: utf8.RuneCount(before[start:]) + 1}
}

// valueRenderer writes resolved values and words, escaped.
type valueRenderer struct{}

func (valueRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindValue, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*valueNode)
			_, _ = w.WriteString(n.lead)
			_, _ = w.WriteString(html.EscapeString(n.text))
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindWords, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(html.EscapeString(node.(*wordsNode).text))
		}
		return ast.WalkContinue, nil
	})
}

// item is a value or a words group of a text, in reading order.
type item struct {
	value *valueNode
	words *wordsNode
}

// resolveValues resolves every value of a document and chooses every words
// group's word. A words group follows the next value of its paragraph,
// heading or table cell, else the one before it.
func resolveValues(doc ast.Node, hook ValueHook, lang string, at func(diag.Pos) diag.Pos) diag.List {
	groups := map[ast.Node][]item{}
	var order []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var it item
		switch t := n.(type) {
		case *valueNode:
			it.value = t
		case *wordsNode:
			it.words = t
		default:
			return ast.WalkContinue, nil
		}
		b := n.Parent()
		for b != nil && b.Type() != ast.TypeBlock {
			b = b.Parent()
		}
		if _, ok := groups[b]; !ok {
			order = append(order, b)
		}
		groups[b] = append(groups[b], it)
		return ast.WalkContinue, nil
	})
	var errs diag.List
	for _, b := range order {
		errs = append(errs, resolveItems(groups[b], hook, lang, at)...)
	}
	for _, b := range order {
		for _, it := range groups[b] {
			if it.value != nil {
				it.value.lead = lineBreakBefore(it.value, it.value.text)
			}
		}
	}
	return errs
}

// lineBreakBefore returns the line break to write before a value that
// starts a line: kept, unless the text before it and the value are both
// East Asian (then the line joins without a space, as goldmark's CJK
// extension joins text).
func lineBreakBefore(n ast.Node, text string) string {
	t, ok := n.PreviousSibling().(*ast.Text)
	if !ok || !t.SoftLineBreak() || t.HardLineBreak() || t.Segment.Len() == 0 || text == "" {
		return "" // an empty text writes its line break itself
	}
	first, _ := utf8.DecodeRuneInString(text)
	if eastAsian(first) {
		return ""
	}
	return "\n"
}

// eastAsian reports whether r is Han, kana, Hangul or CJK punctuation.
func eastAsian(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// resolveItems resolves the values and words of one text.
func resolveItems(items []item, hook ValueHook, lang string, at func(diag.Pos) diag.Pos) diag.List {
	bound, errs := bindWords(items, at)
	values, failed, verrs := evalValues(items, hook, at)
	errs = append(errs, verrs...)
	return append(errs, chooseWords(items, bound, values, failed, hook != nil, lang, at)...)
}

// bindWords gives each words group the value it follows: the next value
// in the text, else the one before. That value is then written without
// its sign, since the words say the direction.
func bindWords(items []item, at func(diag.Pos) diag.Pos) ([]int, diag.List) {
	var errs diag.List
	bound := make([]int, len(items))
	for i, it := range items {
		bound[i] = -1
		if it.words == nil {
			continue
		}
		for j := i + 1; j < len(items) && bound[i] < 0; j++ {
			if items[j].value != nil {
				bound[i] = j
			}
		}
		for j := i - 1; j >= 0 && bound[i] < 0; j-- {
			if items[j].value != nil {
				bound[i] = j
			}
		}
		if bound[i] < 0 {
			errs = append(errs, &diag.Error{Pos: at(it.words.pos),
				Msg:  fmt.Sprintf("words {%s} have no value to follow", strings.Join(it.words.alts, "|")),
				Hint: `write a value {{ … }} in the same sentence, or \{ for a literal brace`})
			continue
		}
		items[bound[i]].value.in.Abs = true
	}
	return bound, errs
}

// evalValues runs the hook on each value; a value that fails, or that
// cannot be read, keeps its source text.
func evalValues(items []item, hook ValueHook, at func(diag.Pos) diag.Pos) ([]InlineValue, []bool, diag.List) {
	var errs diag.List
	values := make([]InlineValue, len(items))
	failed := make([]bool, len(items))
	for i, it := range items {
		if it.value == nil {
			continue
		}
		if hook == nil || it.value.bad {
			it.value.text = string(it.value.raw)
			failed[i] = it.value.bad
			continue
		}
		in := it.value.in
		in.Pos = at(in.Pos)
		v, err := hook(in)
		if err != nil {
			errs = append(errs, hookErrors(in.Pos, err)...)
			failed[i] = true
			it.value.text = string(it.value.raw)
			continue
		}
		values[i] = v
		it.value.text = v.Text
	}
	return values, failed, errs
}

// hookErrors are the errors a value hook returned, as a list.
func hookErrors(pos diag.Pos, err error) diag.List {
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
		return list
	case errors.As(err, &one):
		return diag.List{one}
	}
	return diag.List{&diag.Error{Pos: pos, Msg: "value: " + err.Error()}}
}

// chooseWords writes each words group as the word its value's sign picks.
// A group whose value failed writes nothing more; one whose value is no
// number is an error, unless the value is empty.
func chooseWords(items []item, bound []int, values []InlineValue, failed []bool, hooked bool, lang string, at func(diag.Pos) diag.Pos) diag.List {
	var errs diag.List
	for i, it := range items {
		if it.words == nil || bound[i] < 0 || failed[bound[i]] {
			continue
		}
		v, val := values[bound[i]], items[bound[i]].value
		if hooked && !v.Known {
			if val.text == "" || val.text == "—" {
				continue // an empty value: no direction, no word
			}
			errs = append(errs, &diag.Error{Pos: at(it.words.pos),
				Msg:  fmt.Sprintf("words {%s} follow %q, which is not a number", strings.Join(it.words.alts, "|"), val.in.Expr),
				Hint: "words follow a number: a change, a delta or a rank movement"})
			continue
		}
		it.words.text = word(it.words.alts, v.Sign, lang)
	}
	return errs
}

// word chooses among alternatives by a sign: the first for a rise, the
// second for a fall, and for no change the third, or the language's word
// for "unchanged".
func word(alts []string, sign int, lang string) string {
	switch {
	case sign > 0:
		return alts[0]
	case sign < 0:
		return alts[1]
	case len(alts) > 2:
		return alts[2]
	}
	return locale.Of(lang).Word(locale.Unchanged)
}

// ExpandText writes the values and words of a plain text, such as a page
// title or summary from front matter: the same syntax as in markdown, with
// "\{" for a literal brace. pos is the position of the text's first
// character; the columns of a one-line text are counted from it.
func ExpandText(s string, pos diag.Pos, hook ValueHook, lang string) (string, diag.List) {
	if !strings.Contains(s, "{") {
		return s, nil
	}
	items, parts, errs := scanText([]byte(s), pos)
	if len(errs) > 0 {
		return s, errs
	}
	if errs = resolveItems(items, hook, lang, func(p diag.Pos) diag.Pos { return p }); len(errs) > 0 {
		return s, errs
	}
	var b strings.Builder
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			b.WriteString(v)
		case int:
			if it := items[v]; it.value != nil {
				b.WriteString(it.value.text)
			} else {
				b.WriteString(it.words.text)
			}
		}
	}
	return b.String(), nil
}

// scanText splits a plain text into its values and words (items, each at
// its position counted from pos) and the literal text around them: parts
// holds strings and indexes into items, in order.
func scanText(src []byte, pos diag.Pos) (items []item, parts []any, errs diag.List) {
	at := func(off int) diag.Pos {
		p := offsetPos(src, off)
		if p.Line == 1 {
			p.Col += pos.Col - 1
		}
		p.Line += pos.Line - 1
		p.File = pos.File
		return p
	}
	var lit strings.Builder
	prev := rune(0)
	for i := 0; i < len(src); {
		if src[i] == '\\' && i+1 < len(src) && src[i+1] == '{' {
			lit.WriteByte('{')
			i += 2
			prev = '\\'
			continue
		}
		eol := bytes.IndexByte(src[i:], '\n')
		if eol < 0 {
			eol = len(src) - i
		}
		if t := scan(src[i:i+eol], prev); t.n > 0 {
			parts = append(parts, lit.String(), len(items))
			lit.Reset()
			it, err := textItem(t, src[i:i+t.n], i, at)
			items = append(items, it)
			if err != nil {
				errs = append(errs, err)
			}
			i += t.n
			prev = '}'
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		lit.WriteRune(r)
		prev = r
		i += size
	}
	return items, append(parts, lit.String()), errs
}

// textItem is the item of token t, whose source raw starts at offset i.
func textItem(t token, raw []byte, i int, at func(int) diag.Pos) (item, *diag.Error) {
	switch {
	case t.err != "":
		return item{value: &valueNode{raw: raw, bad: true}},
			&diag.Error{Pos: at(i), Msg: "value: " + t.err, Hint: `write {{ dataset[key].column }}, or \{{ for literal braces`}
	case t.words != nil:
		return item{words: &wordsNode{alts: t.words, pos: at(i)}}, nil
	}
	return item{value: &valueNode{in: Inline{Expr: t.expr, Pos: at(i + t.off)}, raw: raw}}, nil
}

// stripValues removes values and words groups from a heading's source, so
// that its anchor stays the same whatever the data says.
func stripValues(s []byte) []byte { return replaceValues(s, false) }

// BlankValues replaces the values and words groups of a text by spaces,
// one a character, so that what is left is the text typed by hand, in its
// columns.
func BlankValues(s string) string { return string(replaceValues([]byte(s), true)) }

func replaceValues(s []byte, blank bool) []byte {
	if !bytes.Contains(s, []byte("{")) {
		return s
	}
	var out []byte
	prev := rune(0)
	for i := 0; i < len(s); {
		if t := scan(s[i:], prev); t.n > 0 && t.err == "" {
			if blank {
				out = append(out, bytes.Repeat([]byte(" "), utf8.RuneCount(s[i:i+t.n]))...)
			}
			i += t.n
			prev = '}'
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		out = append(out, s[i:i+size]...)
		prev = r
		i += size
	}
	return out
}

// prose hands every run of text outside code spans to f, at its position:
// adjacent text nodes (goldmark splits text at punctuation) are one run.
func prose(doc ast.Node, src []byte, f func(string, diag.Pos), at func(diag.Pos) diag.Pos) {
	var run []byte
	start, stop := -1, -1
	flush := func() {
		if start >= 0 {
			f(string(run), at(offsetPos(src, start)))
		}
		run, start, stop = run[:0], -1, -1
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			flush()
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if t.Segment.Start != stop {
				flush()
				start = t.Segment.Start
			}
			run = append(run, t.Segment.Value(src)...)
			stop = t.Segment.Stop
			if t.SoftLineBreak() || t.HardLineBreak() {
				flush()
			}
		default:
			flush()
		}
		return ast.WalkContinue, nil
	})
	flush()
}
