package bundle

import (
	"strings"

	"golang.org/x/net/html"
)

// compactCSS writes a stylesheet again without comments or whitespace
// that means nothing. With classes (a light bundle, where no script adds a
// class), a rule whose every selector needs a class the page does not hold
// goes too, and so does an @media block left empty.
func compactCSS(css string, classes map[string]bool) string {
	s := squeeze(css)
	items, _ := parseCSS(s, 0)
	var b strings.Builder
	b.Grow(len(s))
	writeCSS(&b, items, classes)
	return b.String()
}

// cssItem is a rule (selectors and declarations), an at-rule holding rules
// (@media), or a statement (@import …;).
type cssItem struct {
	prelude string
	body    string // declarations; "" for a nesting at-rule
	kids    []cssItem
	nesting bool
	stmt    bool
}

// squeeze drops comments and turns every run of whitespace outside
// strings into one space.
func squeeze(css string) string {
	var b strings.Builder
	b.Grow(len(css))
	space := false
	for i := 0; i < len(css); i++ {
		c := css[i]
		switch {
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := strings.Index(css[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			i += end + 3
			space = true
			continue
		case c == '"' || c == '\'':
			j := skipString(css, i)
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(css[i:j])
			i = j - 1
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// skipString returns the index just past the string starting at i.
func skipString(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return len(s)
}

// scanTo returns the index of the first of stops at the top level from
// i: outside strings, parentheses and brackets, and (when nested) outside
// braces.
func scanTo(s string, i int, stops string) int {
	depth := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\'':
			i = skipString(s, i) - 1
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && strings.IndexByte(stops, c) >= 0:
			return i
		}
	}
	return len(s)
}

// nestingAt are the at-rules whose block holds rules.
var nestingAt = []string{"@media", "@supports", "@layer", "@container", "@document", "@keyframes", "@-webkit-keyframes", "@scope"}

// parseCSS reads items from i up to the closing brace of the enclosing
// block (or the end), and returns the index past it.
func parseCSS(s string, i int) ([]cssItem, int) {
	var items []cssItem
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '}' {
			return items, i + 1
		}
		j := scanTo(s, i, "{;}")
		prelude := strings.TrimSpace(s[i:min(j, len(s))])
		if j >= len(s) || s[j] != '{' {
			if prelude != "" {
				items = append(items, cssItem{prelude: prelude, stmt: true})
			}
			i = j
			if j < len(s) && s[j] == ';' {
				i++
			}
			continue
		}
		it := cssItem{prelude: prelude}
		for _, at := range nestingAt {
			if prelude == at || strings.HasPrefix(prelude, at+" ") || strings.HasPrefix(prelude, at+"(") {
				it.nesting = true
			}
		}
		if it.nesting {
			it.kids, i = parseCSS(s, j+1)
		} else {
			end := blockEnd(s, j+1)
			it.body = s[j+1 : end]
			i = min(end+1, len(s))
		}
		items = append(items, it)
	}
	return items, i
}

// blockEnd is the index of the brace closing the block that starts at i.
func blockEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '"', '\'':
			i = skipString(s, i) - 1
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return len(s)
}

// tight drops the spaces beside the characters that need none (outside
// strings and parentheses).
func tight(s, around string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\'':
			j := skipString(s, i)
			b.WriteString(s[i:j])
			i = j - 1
			continue
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ' ':
			// Inside parentheses only a comma has room to spare:
			// calc() needs the spaces around + and -.
			set := around
			if depth > 0 {
				set = ","
			}
			prev := byte(0)
			if b.Len() > 0 {
				prev = b.String()[b.Len()-1]
			}
			if (prev != 0 && strings.IndexByte(set, prev) >= 0) || (i+1 < len(s) && strings.IndexByte(set, s[i+1]) >= 0) {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func writeCSS(b *strings.Builder, items []cssItem, classes map[string]bool) {
	for _, it := range items {
		switch {
		case it.stmt:
			b.WriteString(it.prelude)
			b.WriteByte(';')
		case it.nesting:
			var inner strings.Builder
			writeCSS(&inner, it.kids, classes)
			if inner.Len() == 0 && classes != nil && !strings.Contains(it.prelude, "keyframes") {
				continue
			}
			b.WriteString(it.prelude)
			b.WriteByte('{')
			b.WriteString(inner.String())
			b.WriteByte('}')
		default:
			sel := selectors(it.prelude, classes)
			if sel == "" {
				continue
			}
			b.WriteString(sel)
			b.WriteByte('{')
			body := strings.TrimSpace(it.body)
			if scanTo(body, 0, "{") == len(body) {
				// Nested rules hold selectors, where a space before a
				// colon means something.
				body = tight(body, ":;,>")
			}
			b.WriteString(strings.TrimSuffix(body, ";"))
			b.WriteByte('}')
		}
	}
}

// selectors is the selector list without the selectors that cannot match
// (when classes is set), or "" when none can.
func selectors(list string, classes map[string]bool) string {
	var kept []string
	for i := 0; i <= len(list); {
		j := scanTo(list, i, ",")
		sel := strings.TrimSpace(list[i:min(j, len(list))])
		if sel != "" && (classes == nil || canMatch(sel, classes)) {
			kept = append(kept, tight(sel, ">"))
		}
		i = j + 1
	}
	return strings.Join(kept, ",")
}

// canMatch reports whether a selector could match in a page holding only
// these classes: false when it needs another class outside any :not(),
// :is() or other parentheses. A selector it cannot read is kept.
func canMatch(sel string, classes map[string]bool) bool {
	depth := 0
	for i := 0; i < len(sel); i++ {
		switch c := sel[i]; {
		case c == '\\':
			return true
		case c == '"' || c == '\'':
			i = skipString(sel, i) - 1
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == '.' && depth == 0:
			j := i + 1
			for j < len(sel) && (isNameByte(sel[j])) {
				j++
			}
			if name := sel[i+1 : j]; name != "" && !classes[name] {
				return false
			}
			i = j - 1
		}
	}
	return true
}

func isNameByte(c byte) bool {
	return c == '-' || c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// classesOf lists every class the document's elements hold.
func classesOf(n *html.Node, into map[string]bool) {
	if n.Type == html.ElementNode {
		if cls, i := attr(n, "class"); i >= 0 {
			for c := range strings.FieldsSeq(cls) {
				into[c] = true
			}
		}
	}
	for c := range n.ChildNodes() {
		classesOf(c, into)
	}
}
