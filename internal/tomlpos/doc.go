package tomlpos

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// Doc is a TOML document at its place in a file: a whole file (site.toml,
// a TOML dataset, a lock file), a page's front matter, a fenced block.
type Doc struct {
	// File names the file in positions.
	File string
	// Line is the file's line of the document's first line; 0 means 1.
	Line int
	// Col is the file's column where the document's lines begin: more
	// than 1 for a fenced block indented in a list item; 0 means 1.
	Col int
	// Src is the document.
	Src string
	// Prefix goes before every message: "chart: ", "front matter: ".
	Prefix string
	// Hint is the hint of a syntax error the decoder says nothing more
	// useful about, such as `a chart block holds TOML: key = "value" lines`.
	Hint string
	// TypeHint is the hint of a value of the wrong type; empty gives one
	// about quotes and numbers.
	TypeHint string
	once     sync.Once
	index    *Index
}

// Index returns the document's index, scanning it on first use: only a
// document with a problem needs one. It is safe to call from several
// goroutines (site.toml's is read by every worker of a build).
func (d *Doc) Index() *Index {
	d.once.Do(func() { d.index = New(d.Src) })
	return d.index
}

// At returns the position in the file of the document's line n (from 1;
// 0 stands for the first line).
func (d *Doc) At(n int) diag.Pos {
	first := max(d.Line, 1)
	return diag.Pos{File: d.File, Line: first + max(n, 1) - 1}
}

// Pos returns the position in the file of the line that writes path, or of
// its nearest written ancestor, or of the document's first line.
func (d *Doc) Pos(path ...string) diag.Pos {
	return d.At(d.Index().Line(path...))
}

// Errorf returns an error at path's line.
func (d *Doc) Errorf(path []string, hint, format string, args ...any) *diag.Error {
	return &diag.Error{Pos: d.Pos(path...), Msg: d.Prefix + fmt.Sprintf(format, args...), Hint: hint}
}

// Decode decodes the document into v through Decode. Its error
// is already translated by Error.
func (d *Doc) Decode(v any) (toml.MetaData, *diag.Error) {
	md, err := Decode(d.Src, v)
	if err != nil {
		return md, d.Error(err)
	}
	return md, nil
}

// Error turns an error of the decoder into an error at its place: a
// syntax error (the depth bound's included) at its line, "invalid TOML: …",
// with a hint for the common ones; a value of the wrong type at its key, saying what the
// key takes.
func (d *Doc) Error(err error) *diag.Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = strings.TrimPrefix(pe.Error(), "toml: ")
		}
		msg = strings.NewReplacer(`'\x00'`, "end of file", `'\n'`, "the end of the line", `'\r'`, "the end of the line").Replace(msg)
		return &diag.Error{Pos: d.syntaxPos(pe.Position, strings.Contains(msg, "end of file")), Msg: d.Prefix + "invalid TOML: " + msg, Hint: d.syntaxHint(pe)}
	}
	if line, key, msg, ok := decoderLine(err.Error()); ok {
		if m := incompatible.FindStringSubmatch(msg); m != nil && key != "" {
			return &diag.Error{Pos: d.At(line), Msg: d.Prefix + fmt.Sprintf("%s must be %s, not %s", key, goWant(m[2]), tomlHas(m[1])),
				Hint: d.typeHint()}
		}
		if key != "" {
			msg = key + ": " + msg
		}
		return &diag.Error{Pos: d.At(line), Msg: d.Prefix + msg}
	}
	return &diag.Error{Pos: d.At(0), Msg: d.Prefix + strings.TrimPrefix(err.Error(), "toml: ")}
}

// syntaxPos is the place in the file of a syntax error: its line and
// column (in characters), found from the decoder's byte offset, past blanks
// at the start of the offending text. The decoder's own line is one too far
// when the offending character is the newline ending a line, and at the end
// of the document it points at the last character rather than after it. An
// error without an extent (the depth bound's) keeps its line and has no
// column.
func (d *Doc) syntaxPos(p toml.Position, atEnd bool) diag.Pos {
	if p.Len == 0 || p.Start < 0 || p.Start > len(d.Src) {
		return d.At(p.Line)
	}
	start := p.Start
	for n := 1; n < p.Len && start < len(d.Src) && (d.Src[start] == ' ' || d.Src[start] == '\t'); n++ {
		start++
	}
	if atEnd {
		start = len(strings.TrimRight(d.Src, " \t\r\n"))
	}
	before := d.Src[:start]
	lineStart := strings.LastIndexByte(before, '\n') + 1
	pos := d.At(strings.Count(before, "\n") + 1)
	pos.Col = max(d.Col, 1) + utf8.RuneCountInString(before[lineStart:])
	return pos
}

// typeHint is the hint of a value of the wrong type.
func (d *Doc) typeHint() string {
	if d.TypeHint != "" {
		return d.TypeHint
	}
	return "quotes make a string; digits alone a number; true and false need none"
}

// syntaxHint is the likely fix of a syntax error.
func (d *Doc) syntaxHint(pe toml.ParseError) string {
	m := pe.Message
	switch {
	case strings.HasPrefix(m, "nested deeper"):
		return pe.Usage
	case strings.Contains(m, "strings cannot contain newlines"):
		return `close the quotes on the same line, or write text of several lines between """ and """`
	case strings.HasPrefix(m, "invalid datetime"):
		return "write a date as 2022-03-31, or a time as 2022-03-31T09:30:00"
	case strings.Contains(m, "has already been defined"), strings.Contains(m, "already been created"):
		return "each key is set once; remove the other line, or rename one of them"
	case strings.HasPrefix(m, "invalid escape"):
		return `write \\ for a backslash, or put the text in '…' quotes`
	}
	return d.Hint
}

var (
	decoderLineRe = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key "([^"]*)"\))?:? ?(.*)$`)
	incompatible  = regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`)
)

// decoderLine reads the line, key and message out of an error text of the
// decoder that is not a ParseError: "toml: line 3 (last key
// "charts.height"): incompatible types: …".
func decoderLine(msg string) (line int, key, text string, ok bool) {
	m := decoderLineRe.FindStringSubmatch(msg)
	if m == nil || m[1] == "" && m[2] == "" {
		return 0, "", msg, false
	}
	line, _ = strconv.Atoi(m[1])
	return line, m[2], m[3], true
}

// goWant names what a destination type of the decoder takes.
func goWant(t string) string {
	switch {
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), t == "integer":
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "map", strings.HasPrefix(t, "map["):
		return "a table"
	case t == "slice", strings.HasPrefix(t, "["):
		return "a list"
	}
	return t
}

// tomlHas names the TOML type of a value the decoder describes by its Go type.
func tomlHas(t string) string {
	switch {
	case t == "string":
		return "a string"
	case t == "int64":
		return "a whole number"
	case t == "float64":
		return "a number"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "map"):
		return "a table"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "time.Time":
		return "a date"
	}
	return t
}

// TypeOf names the TOML type of a decoded value, for messages.
func TypeOf(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}

// UnknownKey returns an error for a key nothing takes at every line that
// writes path (a key under an array of tables may be written in several of
// its tables), else at its nearest written ancestor. name is the key as
// the message shows it; the hint is the closest of valid, else all of them.
func (d *Doc) UnknownKey(path []string, name string, valid []string) diag.List {
	hint := diag.DidYouMean(path[len(path)-1], valid)
	if hint == "" && len(valid) > 0 {
		hint = "valid keys: " + strings.Join(valid, ", ")
	}
	lines := d.Index().Lines(path...)
	if len(lines) == 0 {
		lines = []int{d.Index().Line(path...)}
	}
	out := make(diag.List, len(lines))
	for i, n := range lines {
		out[i] = &diag.Error{Pos: d.At(n), Msg: d.Prefix + fmt.Sprintf("unknown key %q", name), Hint: hint}
	}
	return out
}
