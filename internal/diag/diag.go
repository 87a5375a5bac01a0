// Package diag carries positions in a site's files and the errors that point at
// them. Every problem a build finds is a *diag.Error; a build collects them in a
// List and reports all of them at once, sorted by file and line.
package diag

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Pos is a place in a site file. File is slash-separated and relative to the
// site folder; Line and Col count from 1, and zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as "file:line", "file:line:col" when the
// column is known (it counts characters), or "file" when the line is unknown.
func (p Pos) String() string {
	if p.Line <= 0 {
		return p.File
	}
	if p.Col > 0 && p.Col < math.MaxInt32 {
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Error is one problem found at a position, with an optional hint that suggests
// the likely fix. Warning marks a problem that does not stop a build unless the
// build is strict.
type Error struct {
	Pos     Pos
	Msg     string
	Hint    string
	Warning bool
}

// Error formats the problem as "file:line: message (hint)".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.File != "" {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Errorf returns an error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List collects the problems of one run. The zero value is ready to use.
type List []*Error

// Add appends err. A List is flattened into the receiver; any other non-*Error
// error is kept with an empty position. Nil is ignored.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error()})
}

// Addf appends a new error at pos.
func (l *List) Addf(pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	*l = append(*l, e)
	return e
}

// Sort orders the list by file, line and column, then message, and removes
// exact duplicates.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && e.Error() == l[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Errors returns the entries that are not warnings.
func (l List) Errors() List {
	var out List
	for _, e := range l {
		if !e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the entries that are warnings.
func (l List) Warnings() List {
	var out List
	for _, e := range l {
		if e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Err returns the list as an error when it holds at least one entry that is
// not a warning, and nil otherwise.
func (l List) Err() error {
	if len(l.Errors()) == 0 {
		return nil
	}
	return l
}

// Error prints every entry on its own line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// At re-positions err: a *Error without a file gets pos, and a line offset is
// added to errors that already have a line inside a block starting at pos.
// Other errors become a new *Error at pos.
func At(pos Pos, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		if c.Pos.File == "" {
			c.Pos.File = pos.File
			if c.Pos.Line > 0 && pos.Line > 0 {
				c.Pos.Line += pos.Line - 1
			} else if c.Pos.Line <= 0 {
				c.Pos.Line = pos.Line
			}
		}
		return &c
	}
	return &Error{Pos: pos, Msg: err.Error()}
}

// Closest returns the candidate nearest to name by edit distance, or "" when
// none is near enough to be a likely typo.
func Closest(name string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(len([]rune(name))/3+1, 2)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// DidYouMean returns a hint of the form `did you mean "x"?`, or "" when no
// candidate is close to name.
func DidYouMean(name string, candidates []string) string {
	if c := Closest(name, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}

// ColumnHint is the hint for a column that does not exist: the closest
// column's name, or else the columns there are.
func ColumnHint(name string, columns []string) string {
	if h := DidYouMean(name, columns); h != "" {
		return h
	}
	if len(columns) == 0 {
		return ""
	}
	return "its columns: " + Names(columns, 12)
}

// Names lists at most n names, saying how many more there are.
func Names(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(", … (%d more)", len(names)-n)
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// KeyError is a problem with one key of a block's spec, found by a package
// that does not know where the block is. Key names the spec entry ("where",
// "compute.avg_likes", "y", "key"…) so that the block can report it at that
// key's line; Hint, when set, suggests the likely fix.
type KeyError struct {
	Key  string
	Msg  string
	Hint string
}

// Error returns the message followed by the hint in parentheses.
func (e *KeyError) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + " (" + e.Hint + ")"
}

// At returns the problem as an Error at pos.
func (e *KeyError) At(pos Pos) *Error {
	return &Error{Pos: pos, Msg: e.Msg, Hint: e.Hint}
}

// KeyErrors is every problem found in one spec.
type KeyErrors []*KeyError

// Add appends a new problem and returns it.
func (es *KeyErrors) Add(key, hint, msg string) *KeyError {
	e := &KeyError{Key: key, Msg: msg, Hint: hint}
	*es = append(*es, e)
	return e
}

// Error prints each problem on its own line.
func (es KeyErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems one by one, for errors.As and errors.Is.
func (es KeyErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
