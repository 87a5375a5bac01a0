// Package sqlengine runs the SQL of a block on an embedded DuckDB database
// that holds nothing but the page's datasets.
//
// An Engine opens its database on the first query, never before, so a page
// without SQL costs nothing. A dataset enters the database only when a query
// names it: the query is bound, and each table DuckDB reports missing is
// loaded (through the Appender) and the query tried again. Before any table
// is loaded the database is locked down: no file or network access, no
// extensions, and no settings changes (SET enable_external_access = false,
// SET lock_configuration = true).
//
// A failed query is a *diag.Error whose Pos holds the line and column inside
// the SQL text (File is empty); the caller adds the block's position.
package sqlengine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// Limits of one query.
const (
	// MaxRows is the most rows a query may return.
	MaxRows = 1_000_000
	// Timeout stops a query that runs longer.
	Timeout = 60 * time.Second
)

// Engine runs queries over datasets resolved by name. It is not safe for
// concurrent use: a page's blocks run one after another.
type Engine struct {
	lookup func(name string) (*dataset.Table, error)
	conn   *sql.Conn
	db     *sql.DB
	loaded map[string]bool
	err    error // from opening the database
}

// New returns an engine over the datasets that lookup resolves. It opens
// nothing until the first Query.
func New(lookup func(name string) (*dataset.Table, error)) *Engine {
	return &Engine{lookup: lookup, loaded: map[string]bool{}}
}

// lockdown is run on the fresh database before any data enters it.
var lockdown = []string{
	"SET autoinstall_known_extensions = false",
	"SET autoload_known_extensions = false",
	"SET allow_community_extensions = false",
	"SET enable_external_access = false",
	"SET lock_configuration = true",
}

// open starts the in-memory database, locked down.
func (e *Engine) open() error {
	if e.conn != nil || e.err != nil {
		return e.err
	}
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		e.err = fmt.Errorf("starting the SQL engine: %w", err)
		return e.err
	}
	e.db = sql.OpenDB(connector)
	e.db.SetMaxOpenConns(1)
	ctx := context.Background()
	e.conn, err = e.db.Conn(ctx)
	if err == nil {
		for _, s := range lockdown {
			if _, err = e.conn.ExecContext(ctx, s); err != nil {
				break
			}
		}
	}
	if err != nil {
		e.err = fmt.Errorf("starting the SQL engine: %w", err)
		e.Close()
	}
	return e.err
}

// Close releases the database, if it was opened.
func (e *Engine) Close() error {
	var err error
	if e.conn != nil {
		err = e.conn.Close()
		e.conn = nil
	}
	if e.db != nil {
		err = errors.Join(err, e.db.Close())
		e.db = nil
	}
	return err
}

// Opened reports whether the database was started.
func (e *Engine) Opened() bool { return e.conn != nil }

var missingTable = regexp.MustCompile(`Table with name (.+?) does not exist`)

// Query runs one SELECT and returns its result as a table named name. Each
// dataset the query names is loaded on first use. Errors are *diag.Error
// positioned inside src; a dataset's own problem is returned as it is.
func (e *Engine) Query(name, src string) (*dataset.Table, error) {
	if err := e.open(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	for {
		err := e.check(src)
		if err == nil {
			rows, err := e.conn.QueryContext(ctx, src)
			if err != nil {
				return nil, e.queryError(ctx, src, err)
			}
			t, err := readRows(rows, name)
			rows.Close()
			if err != nil {
				return nil, e.queryError(ctx, src, err)
			}
			return t, nil
		}
		m := missingTable.FindStringSubmatch(err.Error())
		if m == nil || e.loaded[m[1]] {
			return nil, e.queryError(ctx, src, err)
		}
		t, lerr := e.lookup(m[1])
		if lerr != nil {
			var de *diag.Error
			if errors.As(lerr, &de) && de.Pos.File == "" {
				return nil, &diag.Error{Pos: position(src, err.Error()), Msg: de.Msg, Hint: de.Hint}
			}
			return nil, lerr
		}
		if err := e.load(ctx, m[1], t); err != nil {
			return nil, err
		}
	}
}

// check prepares src, which binds it (a missing table is an error), and
// makes sure it is one SELECT statement: nothing else runs.
func (e *Engine) check(src string) error {
	return e.conn.Raw(func(dc any) error {
		st, err := dc.(*duckdb.Conn).Prepare(src)
		if err != nil {
			if strings.Contains(err.Error(), "multi-statement") {
				return &diag.Error{Pos: diag.Pos{Line: 1}, Msg: "sql holds more than one statement",
					Hint: "write one SELECT query, without a ; between statements"}
			}
			return err
		}
		defer st.Close()
		typ, err := st.(*duckdb.Stmt).StatementType()
		if err == nil && typ != duckdb.STATEMENT_TYPE_SELECT {
			return &diag.Error{Pos: diag.Pos{Line: 1}, Msg: "sql must be a SELECT query",
				Hint: "a block's SQL only reads: SELECT … FROM dataset (WITH … SELECT works too)"}
		}
		return err
	})
}

// queryError turns DuckDB's error into a message positioned in src.
func (e *Engine) queryError(ctx context.Context, src string, err error) error {
	if ctx.Err() != nil {
		return &diag.Error{Msg: fmt.Sprintf("the query ran longer than %s and was stopped", Timeout),
			Hint: "aggregate before joining, or filter the rows first"}
	}
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	msg := err.Error()
	pos := position(src, msg)
	msg, rest, _ := strings.Cut(msg, "\n")
	msg = strings.TrimSpace(msg)
	hint := ""
	if next, _, _ := strings.Cut(rest, "\n"); strings.HasPrefix(next, "Candidate bindings:") || strings.HasPrefix(next, "Did you mean") {
		hint = strings.TrimSpace(next)
	}
	switch {
	case hint != "":
	case strings.Contains(msg, "Permission Error"), strings.Contains(msg, "disabled by configuration"), strings.Contains(msg, "external access"):
		hint = "a block's SQL reads only the page's datasets, by name: no files, network, extensions or settings"
	case strings.Contains(msg, "does not exist"):
		hint = `datasets are tables named as the file without extension; quote other names: FROM "editions:accounts"`
	}
	return &diag.Error{Pos: pos, Msg: msg, Hint: hint}
}

var linePos = regexp.MustCompile(`LINE (\d+): `)

// position finds where DuckDB's message points inside src: "LINE n:" with a
// caret under the column on the next line. Without it the position is line 1.
func position(src, msg string) diag.Pos {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		loc := linePos.FindStringSubmatchIndex(l)
		if loc == nil || i+1 >= len(lines) {
			continue
		}
		n, _ := strconv.Atoi(l[loc[2]:loc[3]])
		shown := l[loc[1]:]
		caret := strings.Index(lines[i+1], "^")
		if caret < loc[1] {
			return diag.Pos{Line: n}
		}
		// The shown text may be a window of the line, cut with "..." at
		// either end: find the window in the line.
		offset := caret - loc[1]
		srcLines := strings.Split(src, "\n")
		if n < 1 || n > len(srcLines) {
			return diag.Pos{Line: n}
		}
		line := srcLines[n-1]
		start := 0
		if frag, cut := strings.CutPrefix(shown, "..."); cut {
			if j := strings.Index(line, strings.TrimSuffix(frag, "...")); j >= 0 {
				start = j - 3
			}
		}
		col := len([]rune(line[:min(len(line), max(0, start+offset))])) + 1
		return diag.Pos{Line: n, Col: col}
	}
	return diag.Pos{Line: 1}
}

// load copies a dataset into a table of the database under its name.
func (e *Engine) load(ctx context.Context, name string, t *dataset.Table) error {
	var cols []string
	for _, c := range t.Columns {
		cols = append(cols, quote(c.Name)+" "+sqlType(c))
	}
	if _, err := e.conn.ExecContext(ctx, "CREATE TABLE "+quote(name)+" ("+strings.Join(cols, ", ")+")"); err != nil {
		return fmt.Errorf("loading dataset %q into the SQL engine: %w", name, err)
	}
	err := e.conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", name)
		if err != nil {
			return err
		}
		row := make([]driver.Value, len(t.Columns))
		for i := range t.Len() {
			for j, c := range t.Columns {
				row[j] = value(c, i)
			}
			if err := a.AppendRow(row...); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	})
	if err != nil {
		return fmt.Errorf("loading dataset %q into the SQL engine: %w", name, err)
	}
	e.loaded[name] = true
	return nil
}

// quote writes a name as a double-quoted SQL identifier.
func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// sqlType is the DuckDB type of a column: dates without a time of day are
// DATE, other dates TIMESTAMP.
func sqlType(c *dataset.Column) string {
	switch c.Type {
	case dataset.Int:
		return "BIGINT"
	case dataset.Float:
		return "DOUBLE"
	case dataset.Bool:
		return "BOOLEAN"
	case dataset.Date:
		if wholeDays(c) {
			return "DATE"
		}
		return "TIMESTAMP"
	}
	return "VARCHAR"
}

func wholeDays(c *dataset.Column) bool {
	for i, v := range c.Num {
		if c.Valid[i] && math.Mod(v, 86_400_000) != 0 {
			return false
		}
	}
	return true
}

// value is row i of c as the Appender takes it.
func value(c *dataset.Column, i int) driver.Value {
	if !c.Valid[i] {
		return nil
	}
	switch c.Type {
	case dataset.Int:
		return int64(c.Num[i])
	case dataset.Float:
		return c.Num[i]
	case dataset.Bool:
		return c.Num[i] != 0
	case dataset.Date:
		return time.UnixMilli(int64(c.Num[i])).UTC()
	}
	return c.Str[i]
}

// readRows turns a result into a table, typing each column from DuckDB's.
func readRows(rows *sql.Rows, name string) (*dataset.Table, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	t := &dataset.Table{Name: name}
	seen := map[string]bool{}
	for _, ct := range types {
		typ, ok := columnType(ct.DatabaseTypeName())
		if !ok {
			return nil, &diag.Error{Pos: diag.Pos{Line: 1}, Msg: fmt.Sprintf("column %q is of type %s, which a block cannot show", ct.Name(), ct.DatabaseTypeName()),
				Hint: fmt.Sprintf("cast it: CAST(… AS VARCHAR) AS %s", quote(ct.Name()))}
		}
		if seen[ct.Name()] {
			return nil, &diag.Error{Pos: diag.Pos{Line: 1}, Msg: fmt.Sprintf("the result has two columns named %q", ct.Name()),
				Hint: "name each column with AS"}
		}
		seen[ct.Name()] = true
		t.Columns = append(t.Columns, dataset.NewColumn(ct.Name(), typ, 0))
	}
	vals := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if t.Len() >= MaxRows {
			return nil, &diag.Error{Pos: diag.Pos{Line: 1}, Msg: fmt.Sprintf("the query returns more than %d rows", MaxRows),
				Hint: "aggregate or add a LIMIT: a block shows a summary, not a dump"}
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, c := range t.Columns {
			c.Append(goValue(vals[i], c.Type))
		}
	}
	return t, rows.Err()
}

// columnType maps a DuckDB type name to a dataset column type.
func columnType(name string) (dataset.Type, bool) {
	switch {
	case name == "TINYINT", name == "SMALLINT", name == "INTEGER", name == "BIGINT", name == "HUGEINT",
		name == "UTINYINT", name == "USMALLINT", name == "UINTEGER", name == "UBIGINT", name == "UHUGEINT":
		return dataset.Int, true
	case name == "FLOAT", name == "DOUBLE", strings.HasPrefix(name, "DECIMAL"):
		return dataset.Float, true
	case name == "BOOLEAN":
		return dataset.Bool, true
	case name == "DATE", strings.HasPrefix(name, "TIMESTAMP"):
		return dataset.Date, true
	case name == "VARCHAR", name == "UUID", name == "ENUM" || strings.HasPrefix(name, "ENUM"):
		return dataset.String, true
	}
	return 0, false
}

// goValue converts a scanned value into what dataset.Column.Append takes.
func goValue(v any, typ dataset.Type) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int64:
		return x
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		return float64(x)
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	case float32:
		return float64(x)
	case float64:
		return x
	case duckdb.Decimal:
		return x.Float64()
	case bool:
		return x
	case time.Time:
		return x.UTC()
	case string:
		if typ != dataset.String {
			return nil
		}
		return x
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
