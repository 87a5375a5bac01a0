package search

import (
	"html"
	"strings"
)

// isInline reports whether an element sits inside a line of text: its tags
// add no space, so 北京<strong>银行</strong> stays one run of characters.
func isInline(name string) bool {
	switch name {
	case "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
		"span", "strong", "sub", "sup", "time", "u", "var":
		return true
	}
	return false
}

// isSkipped reports whether an element's content is not text a reader
// reads.
func isSkipped(name string) bool {
	switch name {
	case "script", "style", "svg", "template":
		return true
	}
	return false
}

// TextOf returns the readable text of HTML fragments, one after the other:
// tags removed (block tags become spaces), the content of script, style and
// svg elements dropped, character references decoded, white space
// collapsed.
func TextOf(fragments ...string) string {
	n := 0
	for _, f := range fragments {
		n += len(f)
	}
	var b strings.Builder
	b.Grow(n / 2)
	space := true // at the start, or after a space: drop more space
	text := func(s string) {
		if strings.IndexByte(s, '&') >= 0 {
			s = html.UnescapeString(s)
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			j := i + 1
			for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' && s[j] != '\f' {
				j++
			}
			b.WriteString(s[i:j])
			space = false
			i = j - 1
		}
	}
	for _, src := range fragments {
		if !space {
			b.WriteByte(' ')
			space = true
		}
		markup(src, text, &b, &space)
	}
	return strings.TrimSuffix(b.String(), " ")
}

// markup walks one fragment: text goes to text, tags become a space (in b)
// unless they are inline.
func markup(src string, text func(string), b *strings.Builder, space *bool) {
	for len(src) > 0 {
		lt := strings.IndexByte(src, '<')
		if lt < 0 {
			text(src)
			break
		}
		text(src[:lt])
		src = src[lt:]
		gt := strings.IndexByte(src, '>')
		if gt < 0 {
			break
		}
		name, closing := tagName(src[1:gt])
		src = src[gt+1:]
		if !isInline(name) && !*space {
			b.WriteByte(' ')
			*space = true
		}
		if !closing && isSkipped(name) {
			end := strings.Index(src, "</"+name)
			if end < 0 {
				break
			}
			src = src[end:]
		}
	}
}

// tagName reads the lowercase element name of a tag's inside ("/p",
// `a href="…"`) and whether it closes the element.
func tagName(tag string) (string, bool) {
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	end := strings.IndexAny(tag, " \t\n\r/")
	if end >= 0 {
		tag = tag[:end]
	}
	return strings.ToLower(tag), closing
}
