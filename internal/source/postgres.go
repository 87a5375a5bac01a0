package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// postgres is a PostgreSQL connection whose every query runs in a read-only
// transaction of a session that defaults to read-only.
type postgres struct {
	conn    *pgx.Conn
	timeout time.Duration
	scrub   func(string) string
}

const defaultConnectTimeout = 10 * time.Second

func openPostgres(ctx context.Context, o Options) (Source, error) {
	dsn := o.Getenv(o.DSNEnv)
	if dsn == "" {
		return nil, errorf(Config, fmt.Sprintf("set %s to the connection string, such as postgres://USER@HOST:5432/DB (in CI, from a secret)", o.DSNEnv),
			"source %q: the environment variable %s is not set", o.Name, o.DSNEnv)
	}
	scrub := scrubber(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		msg := "cannot be read"
		var pe *pgconn.ParseConfigError
		if errors.As(err, &pe) && pe.Unwrap() != nil {
			msg += ": " + pe.Unwrap().Error()
		}
		return nil, errorf(Config, "write it as postgres://USER:PASSWORD@HOST:PORT/DB or as key=value pairs",
			"source %q: the connection string in %s %s", o.Name, o.DSNEnv, scrub(msg))
	}
	scrub = scrubber(dsn, cfg.Password)
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = defaultConnectTimeout
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(o.QueryTimeout().Milliseconds(), 10)
	cfg.RuntimeParams["application_name"] = "broadsheet pull"
	where := fmt.Sprintf("source %q (%s)", o.Name, o.DSNEnv)
	conn, err := retry(ctx, o, func() (*pgx.Conn, error) {
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			return nil, connectError(where, err, scrub)
		}
		return conn, nil
	})
	if err != nil {
		return nil, err
	}
	return &postgres{conn: conn, timeout: o.QueryTimeout(), scrub: scrub}, nil
}

// connectError sorts a failed connection: refused credentials and a missing
// database are final, anything else is worth another try.
func connectError(where string, err error, scrub func(string) string) *Error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return errorf(Credentials, "check the user and password in the connection string, and that the server lets this user in",
				"%s: the server refused the login: %s", where, scrub(pe.Message))
		case pe.Code == "3D000":
			return errorf(Credentials, "check the database name in the connection string", "%s: %s", where, scrub(pe.Message))
		}
		return errorf(Connect, "", "%s: %s", where, scrub(pe.Message))
	}
	msg := err.Error()
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) && ce.Unwrap() != nil {
		msg = ce.Unwrap().Error()
	}
	return errorf(Connect, "check that the server is running and reachable at the host and port of the connection string",
		"%s: cannot connect: %s", where, scrub(oneLine(msg)))
}

func (p *postgres) Close() error { return p.conn.Close(context.Background()) }

func (p *postgres) Query(ctx context.Context, sql string, args []any) (Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	tx, err := p.conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		cancel()
		return nil, p.queryError(ctx, err, sql)
	}
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		_ = tx.Rollback(context.Background())
		cancel()
		return nil, p.queryError(ctx, err, sql)
	}
	fds := rows.FieldDescriptions()
	cols := make([]Column, len(fds))
	for i, fd := range fds {
		cols[i] = Column{Name: fd.Name, DBType: p.typeName(fd.DataTypeOID)}
	}
	return &pgRows{p: p, sql: sql, ctx: ctx, cancel: cancel, tx: tx, rows: rows, cols: cols, fds: fds}, nil
}

func (p *postgres) typeName(oid uint32) string {
	if t, ok := p.conn.TypeMap().TypeForOID(oid); ok {
		return t.Name
	}
	return "oid " + strconv.FormatUint(uint64(oid), 10)
}

// queryError turns what pgx returns into an *Error, with the offset the
// server reported.
func (p *postgres) queryError(ctx context.Context, err error, sql string) *Error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "25006":
			return errorf(ReadOnly, "a query only reads: write a SELECT; sources are opened read-only",
				"the query tries to write: %s", p.scrub(pe.Message))
		case "57014":
			return errorf(Timeout, "make the query faster, or raise timeout in the source's [sources.NAME] table",
				"the query ran past its timeout of %s and was stopped", p.timeout)
		}
		if strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P") {
			return lostError(p.scrub(pe.Message))
		}
		e := errorf(SQL, p.scrub(pe.Hint), "%s", p.scrub(pe.Message))
		if pe.Detail != "" {
			e.Msg += ": " + p.scrub(pe.Detail)
		}
		if pe.Position > 0 {
			e.Offset = charOffset(sql, int(pe.Position))
		}
		return e
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errorf(Timeout, "make the query faster, or raise timeout in the source's [sources.NAME] table",
			"the query ran past its timeout of %s and was stopped", p.timeout)
	}
	if errors.Is(err, context.Canceled) {
		return errorf(Other, "", "the pull was interrupted")
	}
	var ne net.Error
	if p.conn.IsClosed() || errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err) {
		return lostError(p.scrub(err.Error()))
	}
	return errorf(Other, "", "%s", p.scrub(err.Error()))
}

func lostError(msg string) *Error {
	return errorf(Connect, "check that the server is running; nothing was written, so run the pull again",
		"the connection to the server was lost: %s", msg)
}

// charOffset turns a 1-based character position, as PostgreSQL reports it,
// into a byte offset in text.
func charOffset(text string, pos int) int {
	off := 0
	for n := 1; n < pos && off < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	return off
}

type pgRows struct {
	p      *postgres
	sql    string
	ctx    context.Context
	cancel context.CancelFunc
	tx     pgx.Tx
	rows   pgx.Rows
	cols   []Column
	fds    []pgconn.FieldDescription
	err    error
	closed bool
}

func (r *pgRows) Columns() []Column { return r.cols }
func (r *pgRows) Next() bool        { return r.rows.Next() }

func (r *pgRows) Err() error {
	if r.err != nil {
		return r.err
	}
	if err := r.rows.Err(); err != nil {
		r.err = r.p.queryError(r.ctx, err, r.sql)
	}
	return r.err
}

func (r *pgRows) Close() {
	if r.closed {
		return
	}
	r.closed = true
	r.rows.Close()
	_ = r.tx.Rollback(context.Background())
	r.cancel()
}

func (r *pgRows) Values() ([]any, error) {
	vals, err := r.rows.Values()
	if err != nil {
		return nil, r.p.queryError(r.ctx, err, r.sql)
	}
	for i, v := range vals {
		nv, err := pgValue(r.fds[i].DataTypeOID, v)
		if err != nil {
			return nil, errorf(Value, fmt.Sprintf("cast it in the query, such as %s::text", quoteIdent(r.cols[i].Name)),
				"column %q: %v", r.cols[i].Name, err)
		}
		vals[i] = nv
	}
	return vals, nil
}

// pgValue turns a value as pgx decodes it into one of the kinds Rows hold.
func pgValue(oid uint32, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch oid {
	case pgtype.DateOID:
		t, ok := v.(time.Time)
		if !ok {
			return nil, fmt.Errorf("the date %v is infinite", v)
		}
		return Date{t}, nil
	case pgtype.TimestampOID:
		t, ok := v.(time.Time)
		if !ok {
			return nil, fmt.Errorf("the timestamp %v is infinite", v)
		}
		return LocalTime{t}, nil
	case pgtype.TimestamptzOID:
		t, ok := v.(time.Time)
		if !ok {
			return nil, fmt.Errorf("the timestamp %v is infinite", v)
		}
		return t, nil
	case pgtype.NumericOID:
		n := v.(pgtype.Numeric)
		if n.NaN || n.InfinityModifier != pgtype.Finite {
			return nil, errors.New("NaN and infinity are not numbers a dataset can hold")
		}
		b, err := n.MarshalJSON()
		if err != nil {
			return nil, err
		}
		return Decimal(b), nil
	case pgtype.Float4OID:
		return Decimal(strconv.FormatFloat(float64(v.(float32)), 'g', -1, 32)), nil
	case pgtype.JSONOID, pgtype.JSONBOID:
		b, err := json.Marshal(v)
		return string(b), err
	case pgtype.UUIDOID:
		u := v.([16]byte)
		return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
	}
	switch x := v.(type) {
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int64, float64, bool, string:
		return x, nil
	case uint32:
		return int64(x), nil
	}
	return nil, fmt.Errorf("values of type %T cannot be written to a dataset", v)
}

var plainIdent = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// quoteIdent quotes a column name for a hint, when it needs quotes.
func quoteIdent(s string) string {
	if plainIdent.MatchString(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// scrubber returns a function that replaces every secret in a message:
// the whole connection string, its password, and anything shaped like a
// password in a URL or key=value pair.
func scrubber(dsn string, secrets ...string) func(string) string {
	secrets = append(secrets, dsn)
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			secrets = append(secrets, pw, url.QueryEscape(pw), url.PathEscape(pw))
		}
	}
	return func(s string) string {
		for _, sec := range secrets {
			if len(sec) >= 4 {
				s = strings.ReplaceAll(s, sec, "xxxxx")
			}
		}
		s = urlPassword.ReplaceAllString(s, "${1}xxxxx@")
		return kvPassword.ReplaceAllString(s, "${1}xxxxx")
	}
}

var (
	urlPassword = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)
	kvPassword  = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)
)

// oneLine joins the distinct lines of a message (pgx gives one per address
// and TLS mode it tried).
func oneLine(msg string) string {
	var out []string
	seen := map[string]bool{}
	for l := range strings.SplitSeq(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}
