package pull_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/pgtest"
	"github.com/broadsheet/broadsheet/internal/pull"
	"github.com/broadsheet/broadsheet/internal/snapshot"
)

func edition(name string) string {
	return "+++\ntitle = \"" + name + "\"\n+++\n\ntext\n"
}

// Each edition's query gets its own period, bound as parameters.
func TestParamsPerEdition(t *testing.T) {
	pgtest.Need(t, pg)
	sqlExec(t, `CREATE TABLE IF NOT EXISTS sales (day date, bank text, amount bigint);
		TRUNCATE sales;
		INSERT INTO sales VALUES ('2022-02-28','a',1), ('2022-03-01','a',10), ('2022-03-31','a',100),
		  ('2022-04-01','a',1000), ('2022-01-15','b',5), ('2022-03-31','b',7)`)
	q := "-- the period's sales per bank\nSELECT @edition AS edition, @period_start::date AS start, @period_end::date AS stop,\n" +
		"  bank, sum(amount) AS total\nFROM sales WHERE day >= @period_start AND day < @period_end\nGROUP BY bank ORDER BY bank\n"
	dir := writeSite(t, map[string]string{
		"site.toml":                             pgSite,
		"content/editions/2022-03/index.md":     edition("m"),
		"content/editions/2022-03/sales.sql":    q,
		"content/editions/2022-Q1/index.md":     edition("q"),
		"content/editions/2022-Q1/sales.sql":    q,
		"content/editions/2022-03-31/index.md":  edition("d"),
		"content/editions/2022-03-31/sales.sql": q,
	})
	if _, log, err := pullSite(t, dir, pull.Options{All: true}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	want := map[string]string{
		"2022-03":    "edition,start,stop,bank,total\n2022-03,2022-03-01,2022-04-01,a,110\n2022-03,2022-03-01,2022-04-01,b,7\n",
		"2022-Q1":    "edition,start,stop,bank,total\n2022-Q1,2022-01-01,2022-04-01,a,111\n2022-Q1,2022-01-01,2022-04-01,b,12\n",
		"2022-03-31": "edition,start,stop,bank,total\n2022-03-31,2022-03-31,2022-04-01,a,100\n2022-03-31,2022-03-31,2022-04-01,b,7\n",
	}
	for ed, w := range want {
		if got := read(t, dir, "content/editions/"+ed+"/sales.csv"); got != w {
			t.Errorf("%s:\n%s\nwant\n%s", ed, got, w)
		}
	}
	// One edition alone leaves the others as they are.
	os.Remove(filepath.Join(dir, "content/editions/2022-Q1/sales.csv"))
	if _, log, err := pullSite(t, dir, pull.Options{Edition: "2022-03"}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/editions/2022-Q1/sales.csv")); err == nil {
		t.Error("--edition 2022-03 pulled 2022-Q1 too")
	}
}

const typesQuery = `SELECT * FROM (VALUES
  (1, 42::int2, 9007199254740993::int8, 12.50::numeric(10,2), 0.1::float8, true,
   '2022-03-31'::date, '2022-03-31 10:11:12.345'::timestamp, '2022-03-31 10:11:12.345+08:00'::timestamptz,
   '招商银行信用卡', 'say "hi", then, go'),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, -7::int2, -5::int8, 123456789.123::numeric(12,3), -1.5e-7::float8, false,
   '1999-12-31'::date, '2000-01-01 00:00:00'::timestamp, '2021-12-31 23:59:59.999-05:00'::timestamptz,
   '多行' || chr(10) || '文本', '007')
) AS t(n, small, big, amount, ratio, flag, day, local_at, zoned_at, name, note)
ORDER BY n`

// Every type comes back from the snapshot as the database gave it.
func TestTypesReadBackExactly(t *testing.T) {
	pgtest.Need(t, pg)
	dir := writeSite(t, map[string]string{
		"site.toml":                          pgSite,
		"content/editions/2022-03/index.md":  edition("m") + "\n```table\ndata = \"types\"\n```\n",
		"content/editions/2022-03/types.sql": typesQuery,
	})
	res, log, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if res.Snapshots != 1 || res.Rows != 3 {
		t.Errorf("result %+v", res)
	}
	lock, err := snapshot.Read(os.DirFS(dir), "content/editions/2022-03")
	if err != nil {
		t.Fatal(err)
	}
	e := lock.Datasets["types"]
	wantTypes := "n=int small=int big=string amount=float ratio=float flag=bool day=date local_at=date zoned_at=date name=string note=string"
	var got []string
	for _, c := range e.Columns {
		got = append(got, c.Name+"="+c.Type)
	}
	if strings.Join(got, " ") != wantTypes {
		t.Errorf("types %s\nwant  %s", strings.Join(got, " "), wantTypes)
	}
	tbl, err := dataset.Read(os.DirFS(dir), "content/editions/2022-03/types.csv", dataset.Decl{Columns: e.Types()})
	if err != nil {
		t.Fatal(err)
	}
	ms := func(s string) time.Time { v, _ := time.Parse(time.RFC3339Nano, s); return v.UTC() }
	want := map[string][]any{
		"small":    {int64(42), nil, int64(-7)},
		"big":      {"9007199254740993", nil, "-5"},
		"amount":   {12.5, nil, 123456789.123},
		"ratio":    {0.1, nil, -1.5e-7},
		"flag":     {true, nil, false},
		"day":      {ms("2022-03-31T00:00:00Z"), nil, ms("1999-12-31T00:00:00Z")},
		"local_at": {ms("2022-03-31T10:11:12.345Z"), nil, ms("2000-01-01T00:00:00Z")},
		"zoned_at": {ms("2022-03-31T02:11:12.345Z"), nil, ms("2022-01-01T04:59:59.999Z")},
		"name":     {"招商银行信用卡", nil, "多行\n文本"},
		"note":     {`say "hi", then, go`, nil, "007"},
	}
	for col, vals := range want {
		c := tbl.Column(col)
		if c == nil {
			t.Fatalf("no column %q", col)
		}
		for i, w := range vals {
			g := c.Value(i)
			if wt, ok := w.(time.Time); ok {
				if gt, ok := g.(time.Time); !ok || !gt.Equal(wt) {
					t.Errorf("%s row %d: %v, want %v", col, i+1, g, w)
				}
				continue
			}
			if g != w {
				t.Errorf("%s row %d: %#v, want %#v", col, i+1, g, w)
			}
		}
	}
	// The build reads the snapshot with the lock's types, and never
	// publishes the query or the lock.
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Write(build.Options{Source: dir}, out); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"types.sql", snapshot.LockFile} {
		if _, err := os.Stat(filepath.Join(out, "editions/2022-03", f)); err == nil {
			t.Errorf("%s was published", f)
		}
	}
	page := read(t, out, "editions/2022-03/index.html")
	mustContain(t, page, "招商银行信用卡", "9007199254740993", "007")
}

// The lock records source, query hash, columns, rows and time; check
// reports a query changed since, and one never pulled.
func TestLockAndCheck(t *testing.T) {
	pgtest.Need(t, pg)
	q := "SELECT 1::int AS one, 'x'::text AS two\n"
	dir := writeSite(t, map[string]string{
		"site.toml":                         pgSite,
		"content/editions/2022-03/index.md": edition("m"),
		"content/editions/2022-03/a.sql":    q,
	})
	if _, log, err := pullSite(t, dir, pull.Options{Edition: "2022-03"}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	lock := read(t, dir, "content/editions/2022-03/"+snapshot.LockFile)
	mustContain(t, lock, `[datasets.a]`, `file = "a.csv"`, `query = "a.sql"`, `query_sha256 = "`+snapshot.Hash([]byte(q))+`"`,
		`source = "wh"`, `driver = "postgres"`, `rows = 1`, `pulled_at = 2026-11-30T10:00:00Z`,
		`name = "one"`, `type = "int"`, `db_type = "int4"`, `name = "two"`, `type = "string"`, `db_type = "text"`)
	if code, out := runCLI("check", "--source", dir, "--strict"); code != 0 {
		t.Fatalf("check after pull: %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(dir, "content/editions/2022-03/a.sql"), []byte("SELECT 2::int AS one, 'x'::text AS two\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/editions/2022-03/b.sql"), []byte("SELECT 1 AS b\n"), 0o644)
	code, out := runCLI("check", "--source", dir)
	if code != 0 {
		t.Errorf("check without --strict: %d", code)
	}
	mustContain(t, out, "content/editions/2022-03/a.sql: warning: the query changed after a.csv was pulled",
		"content/editions/2022-03/b.sql: warning: the query has no snapshot", "broadsheet pull --edition 2022-03")
	if code, _ := runCLI("check", "--source", dir, "--strict"); code != 1 {
		t.Errorf("check --strict: %d, want 1", code)
	}
}

func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		m[e.Name()] = read(t, dir, e.Name())
	}
	return m
}

func sameFiles(t *testing.T, before, after map[string]string) {
	t.Helper()
	for n, b := range before {
		if after[n] != b {
			t.Errorf("%s changed", n)
		}
	}
	for n := range after {
		if _, ok := before[n]; !ok {
			t.Errorf("%s was left behind", n)
		}
	}
}

// A query that fails halfway through its rows leaves every snapshot of the
// edition as it was, those of the queries that succeeded included.
func TestAllOrNothing(t *testing.T) {
	pgtest.Need(t, pg)
	ed := "content/editions/2022-03/"
	dir := writeSite(t, map[string]string{
		"site.toml":                         pgSite,
		ed + "index.md":                     edition("m"),
		ed + "a.sql":                        "SELECT i FROM generate_series(1, 100) i\n",
		ed + "b.sql":                        "SELECT i, 100 / (i - 50000) AS r FROM generate_series(1, 10) i\n",
		ed + "c.sql":                        "SELECT 'c' AS c\n",
		"content/editions/2022-04/index.md": edition("n"),
		"content/editions/2022-04/a.sql":    "SELECT 1 AS a\n",
	})
	if _, log, err := pullSite(t, dir, pull.Options{All: true}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	before := snapshotFiles(t, filepath.Join(dir, ed))
	os.WriteFile(filepath.Join(dir, ed, "a.sql"), []byte("SELECT i FROM generate_series(1, 200) i\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ed, "b.sql"), []byte("SELECT i, 100 / (i - 50000) AS r\nFROM generate_series(1, 100000) i\n"), 0o644)
	before["a.sql"] = read(t, dir, ed+"a.sql")
	before["b.sql"] = read(t, dir, ed+"b.sql")
	os.Remove(filepath.Join(dir, "content/editions/2022-04/a.csv"))
	_, log, err := pullSite(t, dir, pull.Options{All: true})
	if err == nil {
		t.Fatal("a query dividing by zero after 49,999 rows succeeded")
	}
	mustContain(t, err.Error(), ed+"b.sql", "division by zero")
	sameFiles(t, before, snapshotFiles(t, filepath.Join(dir, ed)))
	if strings.Contains(log, ed) {
		t.Errorf("the failed edition logged a snapshot:\n%s", log)
	}
	// The other edition, which has no error, is pulled.
	if got := read(t, dir, "content/editions/2022-04/a.csv"); got != "a\n1\n" {
		t.Errorf("2022-04/a.csv = %q", got)
	}
}

// The server going away in the middle of a pull fails the edition and
// writes nothing.
func TestServerGoesAway(t *testing.T) {
	pgtest.Need(t, pg)
	ed := "content/editions/2022-03/"
	dir := writeSite(t, map[string]string{
		"site.toml":     strings.Replace(pgSite, `timeout = "3s"`, `timeout = "60s"`, 1),
		ed + "index.md": edition("m"),
		ed + "a.sql":    "SELECT 1 AS a\n",
		ed + "slow.sql": "SELECT i, pg_sleep(0.01) FROM generate_series(1, 3000) i\n",
	})
	done := make(chan error, 1)
	go func() {
		_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
		done <- err
	}()
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := pg.Query(ctx, "SELECT count(*)::text FROM pg_stat_activity WHERE query LIKE '%pg_sleep%' AND application_name = 'broadsheet pull'")
		if err == nil && n != "0" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the slow query never started")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := pg.Kill(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := pg.Restart(); err != nil {
			t.Fatal(err)
		}
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("the pull succeeded with the server gone")
		}
		t.Log(err)
		mustContain(t, err.Error(), ed+"slow.sql", "connection to the server was lost")
	case <-time.After(30 * time.Second):
		t.Fatal("the pull did not notice the server going away")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, ed))
	if len(entries) != 3 {
		t.Errorf("the folder holds %d files, want the 3 written by the test", len(entries))
	}
}

// A query past its timeout is stopped, with a message naming the timeout.
func TestTimeout(t *testing.T) {
	pgtest.Need(t, pg)
	dir := writeSite(t, map[string]string{
		"site.toml":                         strings.Replace(pgSite, `timeout = "3s"`, `timeout = "500ms"`, 1),
		"content/editions/2022-03/index.md": edition("m"),
		"content/editions/2022-03/a.sql":    "SELECT pg_sleep(30)\n",
	})
	start := time.Now()
	_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
	if err == nil {
		t.Fatal("a 30 s query finished within a 500 ms timeout")
	}
	if time.Since(start) > 20*time.Second {
		t.Errorf("the timeout did not stop the query")
	}
	mustContain(t, err.Error(), "content/editions/2022-03/a.sql", "ran past its timeout of 500ms")
}

// Sources are read-only: a query that writes is refused, even after
// trying to switch the session back to read-write.
func TestQueryCannotWrite(t *testing.T) {
	pgtest.Need(t, pg)
	sqlExec(t, `CREATE TABLE IF NOT EXISTS guarded (n int); TRUNCATE guarded; GRANT ALL ON guarded TO reader;
		CREATE SEQUENCE IF NOT EXISTS guarded_seq; GRANT ALL ON guarded_seq TO reader`)
	for name, q := range map[string]string{
		"insert":  "INSERT INTO guarded VALUES (1) RETURNING n\n",
		"nextval": "SELECT nextval('guarded_seq') AS n\n",
		"setting": "SELECT set_config('transaction_read_only', 'off', false) AS s\n",
		"create":  "CREATE TABLE made_by_pull AS SELECT 1 AS n\n",
		"delete":  "WITH d AS (DELETE FROM guarded RETURNING n) SELECT * FROM d\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeSite(t, map[string]string{
				"site.toml":                         pgSite,
				"content/editions/2022-03/index.md": edition("m"),
				"content/editions/2022-03/w.sql":    q,
			})
			_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
			if err == nil {
				t.Fatal("a writing query succeeded")
			}
			if name == "setting" {
				mustContain(t, err.Error(), "transaction read-write mode must be set before any query")
			} else {
				mustContain(t, err.Error(), "tries to write")
			}
		})
	}
	n, err := pg.Query(context.Background(), "SELECT count(*)::text FROM guarded")
	if err != nil || n != "0" {
		t.Errorf("guarded holds %s rows (%v)", n, err)
	}
	if _, err := pg.Query(context.Background(), "SELECT 'made_by_pull'::regclass::text"); err == nil {
		t.Error("a table was created")
	}
}

// An SQL error names the query file with the line and column the server
// pointed at; unknown parameters are found before the server is asked.
func TestSQLErrorPosition(t *testing.T) {
	pgtest.Need(t, pg)
	dir := writeSite(t, map[string]string{
		"site.toml":                         pgSite,
		"content/editions/2022-03/index.md": edition("m"),
		"content/editions/2022-03/a.sql":    "-- 账户\nSELECT '银行' AS bank,\n       nope AS n\nFROM (SELECT 1) t WHERE @edition <> ''\n",
		"content/editions/2022-03/b.sql":    "SELECT 1\nWHERE @period_begin IS NULL\n",
	})
	_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
	if err == nil {
		t.Fatal("no error")
	}
	mustContain(t, err.Error(), `content/editions/2022-03/a.sql:3:8: column "nope" does not exist`,
		"content/editions/2022-03/b.sql:2:7: unknown parameter @period_begin (the parameters are @edition, @period_start and @period_end)")
}

// The password never appears in anything pull prints: not on success, not
// with a wrong password, not when the server is unreachable, not when the
// connection string is malformed.
func TestPasswordNeverPrinted(t *testing.T) {
	pgtest.Need(t, pg)
	dir := writeSite(t, map[string]string{
		"site.toml":                         pgSite,
		"content/editions/2022-03/index.md": edition("m"),
		"content/editions/2022-03/a.sql":    "SELECT current_user AS who\n",
	})
	good := pg.ReaderDSN()
	wrong := strings.Replace(good, pgtest.Password, "Wr0ng-pa55-plugh", 1)
	cases := []struct {
		name, dsn, secret string
		code              int
		want              string
	}{
		{"right", good, pgtest.Password, 0, "pulled 1 snapshot"},
		{"wrong", wrong, "Wr0ng-pa55-plugh", 1, "the server refused the login"},
		{"no server", closedPort(good), pgtest.Password, 1, "cannot connect"},
		{"malformed", "postgres://reader:" + pgtest.Password + "@127.0.0.1:notaport/bs", pgtest.Password, 1, "cannot be read"},
		{"key-value", "host=127.0.0.1 port=1 user=reader password=" + pgtest.Password + " connect_timeout=2", pgtest.Password, 1, "cannot connect"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("BS_TEST_DSN", c.dsn)
			code, out := runCLI("pull", "--site", dir, "--edition", "2022-03")
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, out)
			}
			mustContain(t, out, c.want)
			if strings.Contains(out, c.secret) || strings.Contains(out, c.dsn) {
				t.Errorf("the password was printed:\n%s", out)
			}
		})
	}
	t.Run("missing variable", func(t *testing.T) {
		os.Unsetenv("BS_TEST_DSN")
		code, out := runCLI("pull", "--site", dir, "--edition", "2022-03")
		if code != 1 {
			t.Errorf("exit %d", code)
		}
		mustContain(t, out, "site.toml:2: ", `source "wh": the environment variable BS_TEST_DSN is not set`)
	})
}

// A connection that fails is retried a bounded number of times.
func TestConnectRetries(t *testing.T) {
	pgtest.Need(t, pg)
	dir := writeSite(t, map[string]string{
		"site.toml":                         strings.Replace(pgSite, "retries = 0", "retries = 2", 1),
		"content/editions/2022-03/index.md": edition("m"),
		"content/editions/2022-03/a.sql":    "SELECT 1 AS a\n",
	})
	dsn := closedPort(pg.ReaderDSN())
	_, log, err := pullSite(t, dir, pull.Options{Edition: "2022-03", Getenv: env(map[string]string{"BS_TEST_DSN": dsn})})
	if err == nil {
		t.Fatal("connected to a closed port")
	}
	if n := strings.Count(log, "trying again"); n != 2 {
		t.Errorf("%d retries, want 2:\n%s", n, log)
	}
	mustContain(t, log, "(1 of 2)", "(2 of 2)")
}

// closedPort points a connection string at port 1 of the loopback address,
// where nothing listens.
func closedPort(dsn string) string {
	return strings.Replace(dsn, fmt.Sprintf("127.0.0.1:%d", pg.Port), "127.0.0.1:1", 1)
}

// A value no dataset holds exactly is an error with the cast that fixes
// it, not a silent change.
func TestValuesADatasetCannotHold(t *testing.T) {
	pgtest.Need(t, pg)
	for q, want := range map[string]string{
		"SELECT interval '1 day' AS span":                     `column "span": values of type pgtype.Interval cannot be written to a dataset (cast it in the query, such as span::text)`,
		"SELECT '2022-03-31 10:00:00.123456'::timestamp AS t": `row 1, column "t": 2022-03-31T10:00:00.123456Z has a fraction of a millisecond`,
		"SELECT 'NaN'::float8 AS r":                           `row 1, column "r": NaN is not a number a dataset can hold`,
		"SELECT 'NaN'::numeric AS r":                          `column "r": NaN and infinity are not numbers a dataset can hold`,
		"SELECT 1 AS a, 2 AS a":                               `the result has two columns named "a" (give each column its own name with AS)`,
	} {
		dir := writeSite(t, map[string]string{
			"site.toml":                         pgSite,
			"content/editions/2022-03/index.md": edition("m"),
			"content/editions/2022-03/v.sql":    q + "\n",
		})
		_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v\nwant %s", q, err, want)
		}
	}
}
