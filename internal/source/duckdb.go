package source

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// duckDB is an embedded DuckDB database file inside the site, opened
// read-only with access to any other file turned off.
type duckDB struct {
	db      *sql.DB
	timeout time.Duration
}

func openDuckDB(o Options) (Source, error) {
	rel := filepath.ToSlash(filepath.Clean(filepath.FromSlash(o.Path)))
	if err := dataset.CheckInside(o.SiteDir, rel); err != nil {
		return nil, errorf(Config, "put the database file inside the site folder and set path to it",
			"source %q: database file %s: %v", o.Name, o.Path, strings.TrimPrefix(err.Error(), rel+": "))
	}
	file := filepath.Join(o.SiteDir, filepath.FromSlash(rel))
	dsn := file + "?access_mode=read_only&threads=2"
	conn, err := duckdb.NewConnector(dsn, func(ex driver.ExecerContext) error {
		for _, stmt := range []string{
			"SET enable_external_access = false",
			"SET autoinstall_known_extensions = false",
			"SET autoload_known_extensions = false",
			"SET lock_configuration = true",
		} {
			if _, err := ex.ExecContext(context.Background(), stmt, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, errorf(Config, "check that path names a DuckDB database file", "source %q: cannot open %s: %v", o.Name, o.Path, duckMessage(err))
	}
	return &duckDB{db: sql.OpenDB(conn), timeout: o.QueryTimeout()}, nil
}

func (d *duckDB) Close() error { return d.db.Close() }

func (d *duckDB) Query(ctx context.Context, query string, args []any) (Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		cancel()
		return nil, d.queryError(ctx, err, query)
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		rows.Close()
		cancel()
		return nil, d.queryError(ctx, err, query)
	}
	cols := make([]Column, len(types))
	for i, t := range types {
		cols[i] = Column{Name: t.Name(), DBType: t.DatabaseTypeName()}
	}
	return &duckRows{d: d, ctx: ctx, cancel: cancel, rows: rows, cols: cols, sql: query}, nil
}

var duckLine = regexp.MustCompile(`(?m)^LINE (\d+): (.*)\n( *)\^`)

// queryError turns a DuckDB error into an *Error. DuckDB shows the place
// it points at as the query line with a caret under it; the offset is
// found from those when the shown line is the whole line.
func (d *duckDB) queryError(ctx context.Context, err error, query string) *Error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errorf(Timeout, "make the query faster, or raise timeout in the source's [sources.NAME] table",
			"the query ran past its timeout of %s and was stopped", d.timeout)
	}
	msg := duckMessage(err)
	var de *duckdb.Error
	if errors.As(err, &de) && strings.Contains(msg, "read-only") {
		return errorf(ReadOnly, "a query only reads: write a SELECT; sources are opened read-only", "the query tries to write: %s", firstLine(msg))
	}
	e := errorf(SQL, "", "%s", firstLine(msg))
	if m := duckLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		lines := strings.Split(query, "\n")
		prefix := len("LINE ") + len(m[1]) + len(": ")
		col := len(m[3]) - prefix
		if line >= 1 && line <= len(lines) && !strings.HasPrefix(m[2], "...") && col >= 0 {
			off := 0
			for _, l := range lines[:line-1] {
				off += len(l) + 1
			}
			e.Offset = off + min(charOffset(lines[line-1], col+1), len(lines[line-1]))
		}
	}
	return e
}

func duckMessage(err error) string {
	var de *duckdb.Error
	if errors.As(err, &de) {
		return de.Msg
	}
	return err.Error()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}

type duckRows struct {
	d      *duckDB
	ctx    context.Context
	cancel context.CancelFunc
	rows   *sql.Rows
	cols   []Column
	sql    string
	vals   []any
	ptrs   []any
	closed bool
}

func (r *duckRows) Columns() []Column { return r.cols }
func (r *duckRows) Next() bool        { return r.rows.Next() }

func (r *duckRows) Err() error {
	if err := r.rows.Err(); err != nil {
		return r.d.queryError(r.ctx, err, r.sql)
	}
	return nil
}

func (r *duckRows) Close() {
	if !r.closed {
		r.closed = true
		r.rows.Close()
		r.cancel()
	}
}

func (r *duckRows) Values() ([]any, error) {
	if r.vals == nil {
		r.vals = make([]any, len(r.cols))
		r.ptrs = make([]any, len(r.cols))
		for i := range r.vals {
			r.ptrs[i] = &r.vals[i]
		}
	}
	if err := r.rows.Scan(r.ptrs...); err != nil {
		return nil, r.d.queryError(r.ctx, err, r.sql)
	}
	out := make([]any, len(r.vals))
	for i, v := range r.vals {
		nv, err := duckValue(r.cols[i].DBType, v)
		if err != nil {
			return nil, errorf(Value, fmt.Sprintf("cast it in the query, such as CAST(%s AS VARCHAR)", quoteIdent(r.cols[i].Name)),
				"column %q: %v", r.cols[i].Name, err)
		}
		out[i] = nv
	}
	return out, nil
}

// duckValue turns a value as duckdb-go scans it into one of the kinds Rows
// hold.
func duckValue(dbType string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case time.Time:
		switch dbType {
		case "DATE":
			return Date{x.UTC()}, nil
		case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
			return x, nil
		case "TIME", "TIMETZ", "TIME WITH TIME ZONE":
			return nil, fmt.Errorf("a time of day without a date cannot be written to a dataset")
		}
		return LocalTime{x.UTC()}, nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint64:
		return Decimal(strconv.FormatUint(x, 10)), nil
	case float32:
		return Decimal(strconv.FormatFloat(float64(x), 'g', -1, 32)), nil
	case *big.Int:
		return Decimal(x.String()), nil
	case duckdb.Decimal:
		return Decimal(decimalText(x.Value, int(x.Scale))), nil
	case duckdb.UUID:
		return x.String(), nil
	case int64, float64, bool, string:
		return x, nil
	}
	return nil, fmt.Errorf("values of type %s cannot be written to a dataset", dbType)
}

// decimalText writes the unscaled value v with scale digits after the point.
func decimalText(v *big.Int, scale int) string {
	s := new(big.Int).Abs(v).String()
	if scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if v.Sign() < 0 {
		s = "-" + s
	}
	return s
}
