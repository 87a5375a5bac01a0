package query

import (
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// Error is one problem with a query spec. Key names the spec entry it concerns
// ("where", "compute.avg_likes", "group", "aggregate.likes", "sort", "limit",
// "series") so that the caller can point at the line of the block that holds
// it. Msg starts with the key; Hint, when set, suggests the likely fix.
type Error struct {
	Key  string
	Msg  string
	Hint string
}

// Error returns the message followed by the hint in parentheses.
func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + " (" + e.Hint + ")"
}

// At returns the problem as a diag.Error at pos.
func (e *Error) At(pos diag.Pos) *diag.Error {
	return &diag.Error{Pos: pos, Msg: e.Msg, Hint: e.Hint}
}

// Errors is every problem found in one spec, in the order of the steps they
// concern (where, compute, group, aggregate, sort, limit, series).
type Errors []*Error

// Error prints each problem on its own line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems one by one, for errors.As and errors.Is.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// add appends a new problem and returns it.
func (es *Errors) add(key, hint, msg string) *Error {
	e := &Error{Key: key, Msg: msg, Hint: hint}
	*es = append(*es, e)
	return e
}
