// Package source runs a site's .sql queries against the databases named in
// site.toml's [sources.NAME] tables: PostgreSQL (and the engines that speak
// its protocol) through pgx, and an embedded DuckDB file through duckdb-go.
//
// A source is opened read-only where the driver allows it, takes the
// edition's period as bound parameters (@edition, @period_start,
// @period_end, never pasted into the text), streams its rows, and reports
// every failure as an *Error that never holds a password.
package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/internal/config"
)

// Source is an open database.
type Source interface {
	// Query runs a read-only query with positional arguments ($1, $2, …)
	// and returns its rows as a stream.
	Query(ctx context.Context, sql string, args []any) (Rows, error)
	// Close closes the connection.
	Close() error
}

// Rows is a query's result, read one row at a time.
type Rows interface {
	// Columns are the result's columns, in order.
	Columns() []Column
	// Next moves to the next row; false at the end or on an error.
	Next() bool
	// Values returns the current row, each value one of: nil, int64,
	// float64, Decimal, bool, Date, LocalTime, time.Time (an instant) or
	// string. It returns an error for a value of a type no dataset holds.
	Values() ([]any, error)
	// Err is the error that ended the rows, if any.
	Err() error
	// Close releases the rows.
	Close()
}

// Column is one result column: its name and the type the database named.
type Column struct {
	Name   string
	DBType string
}

// Decimal is an exact decimal number, as the database wrote it ("12.50").
type Decimal string

// Date is a calendar date without a time (midnight UTC).
type Date struct{ time.Time }

// LocalTime is a date and time without a zone (read as UTC).
type LocalTime struct{ time.Time }

// Kind tells what failed.
type Kind int

// Kinds of failure.
const (
	Other       Kind = iota
	Config           // the source's settings or environment
	Connect          // the connection could not be made or was lost
	Credentials      // the database refused the user or password
	SQL              // the database refused the query
	Timeout          // the query ran past its timeout
	ReadOnly         // the query tried to write
	Value            // a value no dataset can hold
)

// Error is a failure of a source. Offset, when not negative, is the byte
// offset in the query text that the database pointed at.
type Error struct {
	Kind   Kind
	Msg    string
	Hint   string
	Offset int
	// Retried counts the connection attempts that failed before this one.
	Retried int
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + " (" + e.Hint + ")"
}

func errorf(kind Kind, hint, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...), Hint: hint, Offset: -1}
}

// Options say how to open a source.
type Options struct {
	// Name is the source's name in site.toml.
	Name string
	config.Source
	// SiteDir is the site folder: a duckdb path is inside it.
	SiteDir string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Log, when set, is told about retried connections.
	Log func(msg string)
	// Backoff is the wait before the first retry, doubled for each next
	// one; zero means one second.
	Backoff time.Duration
}

// Open connects to the source. A connection that fails is tried again
// ConnectRetries times, waiting Backoff, then twice as long each time; bad
// credentials and a missing setting are not retried.
func Open(ctx context.Context, o Options) (Source, error) {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	switch o.Driver {
	case "postgres":
		return openPostgres(ctx, o)
	case "duckdb":
		return openDuckDB(o)
	}
	return nil, errorf(Config, `use "postgres" or "duckdb"`, "source %q: driver %q is not supported", o.Name, o.Driver)
}

// retry calls connect until it succeeds, fails for a reason other than the
// connection, or has been retried o.ConnectRetries() times.
func retry[T any](ctx context.Context, o Options, connect func() (T, error)) (T, error) {
	wait := o.Backoff
	for attempt := 0; ; attempt++ {
		v, err := connect()
		var se *Error
		if err == nil || !errors.As(err, &se) || se.Kind != Connect || attempt >= o.ConnectRetries() {
			if se != nil {
				se.Retried = attempt
			}
			return v, err
		}
		if o.Log != nil {
			o.Log(fmt.Sprintf("%s; trying again in %s (%d of %d)", se.Msg, wait, attempt+1, o.ConnectRetries()))
		}
		select {
		case <-ctx.Done():
			return v, err
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}
