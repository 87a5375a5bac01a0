package source

import (
	"fmt"
	"strings"
)

// Params are the values a query can use, by name: @edition,
// @period_start and @period_end.
type Params struct {
	Edition string
	// Start and End bound the edition's period: Start is its first day,
	// End the first day after it. Both are zero for an edition whose name
	// is not a date.
	Start, End Date
}

func (p Params) value(name string) (any, bool) {
	switch name {
	case "edition":
		return p.Edition, true
	case "period_start":
		return p.Start.Time, !p.Start.IsZero()
	case "period_end":
		return p.End.Time, !p.End.IsZero()
	}
	return nil, false
}

// Bind turns the @name parameters of a query into the positional
// placeholders every driver binds ($1, $2, …) and returns the values to
// bind with it. Each placeholder is padded with spaces to the length of the
// name it replaces, so an offset in the bound text is the same offset in
// the query file. Text in quotes, quoted names and comments is left alone.
// An unknown name, or a period parameter of an edition without a period,
// is an *Error at its offset.
func Bind(query string, p Params) (string, []any, error) {
	var b strings.Builder
	b.Grow(len(query))
	var args []any
	index := map[string]int{}
	last := 0
	err := scanParams(query, func(at int, name string) error {
		v, ok := p.value(name)
		if !ok {
			e := errorf(SQL, "", "unknown parameter @%s", name)
			e.Offset = at
			switch name {
			case "period_start", "period_end":
				e.Msg = fmt.Sprintf("@%s: edition %q is not named by a date, so it has no period", name, p.Edition)
				e.Hint = "name the edition folder like 2022-03, 2022-Q1 or 2022-03-31, or use @edition"
				if p.Edition == "" {
					e.Msg = fmt.Sprintf("@%s: this query is not an edition's, so it has no period", name)
					e.Hint = "put the query in an edition's folder, or filter without the period"
				}
			default:
				e.Hint = "the parameters are @edition, @period_start and @period_end"
			}
			return e
		}
		n, seen := index[name]
		if !seen {
			args = append(args, v)
			n = len(args)
			index[name] = n
		}
		ph := fmt.Sprintf("$%d", n)
		b.WriteString(query[last:at])
		b.WriteString(ph)
		b.WriteString(strings.Repeat(" ", 1+len(name)-len(ph)))
		last = at + 1 + len(name)
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	b.WriteString(query[last:])
	return b.String(), args, nil
}

// scanParams calls found for every @name outside quotes and comments, with
// the offset of its @.
func scanParams(q string, found func(at int, name string) error) error {
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			i = skipQuoted(q, i, c)
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			if j := strings.IndexByte(q[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(q)
			}
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			i = skipBlockComment(q, i)
		case c == '$':
			i = skipDollarQuoted(q, i)
		case c == '@' && i+1 < len(q) && isNameStart(q[i+1]) && (i == 0 || !isNamePart(q[i-1]) && q[i-1] != '@'):
			j := i + 1
			for j < len(q) && isNamePart(q[j]) {
				j++
			}
			if err := found(i, q[i+1:j]); err != nil {
				return err
			}
			i = j - 1
		}
	}
	return nil
}

// skipQuoted returns the offset of the quote that closes the string or
// quoted name opened at i (a doubled quote is a quote inside it).
func skipQuoted(q string, i int, quote byte) int {
	escapes := quote == '\'' && i > 0 && (q[i-1] == 'E' || q[i-1] == 'e') && (i < 2 || !isNamePart(q[i-2]))
	for j := i + 1; j < len(q); j++ {
		switch {
		case escapes && q[j] == '\\':
			j++
		case q[j] == quote && j+1 < len(q) && q[j+1] == quote:
			j++
		case q[j] == quote:
			return j
		}
	}
	return len(q)
}

// skipBlockComment returns the offset of the end of the /* … */ comment
// opened at i; such comments nest.
func skipBlockComment(q string, i int) int {
	depth := 0
	for j := i; j+1 < len(q); j++ {
		switch {
		case q[j] == '/' && q[j+1] == '*':
			depth++
			j++
		case q[j] == '*' && q[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j
			}
		}
	}
	return len(q)
}

// skipDollarQuoted returns the end of a $tag$ … $tag$ string opened at i,
// or i when the $ does not open one ($1, or a $ inside a name).
func skipDollarQuoted(q string, i int) int {
	if i > 0 && isNamePart(q[i-1]) {
		return i
	}
	j := i + 1
	for j < len(q) && isNamePart(q[j]) && !(j == i+1 && q[j] >= '0' && q[j] <= '9') {
		j++
	}
	if j >= len(q) || q[j] != '$' {
		return i
	}
	tag := q[i : j+1]
	if k := strings.Index(q[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag) - 1
	}
	return len(q)
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNamePart(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c >= 0x80
}
