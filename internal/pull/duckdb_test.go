package pull_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/broadsheet/broadsheet/internal/pull"
)

const duckSite = `title = "t"
[sources.local]
driver = "duckdb"
path   = "db/local.duckdb"
timeout = "5s"
`

// makeDuckDB creates the site's database file with one table of sales.
func makeDuckDB(t *testing.T, dir string) {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(dir, "db/local.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE sales (day DATE, bank VARCHAR, amount DECIMAL(12,2), n HUGEINT, ts TIMESTAMPTZ, f REAL);
		INSERT INTO sales VALUES
		  ('2022-02-28', '招商银行', 1.10, 1, '2022-02-28 23:00:00+00', 0.1),
		  ('2022-03-01', '招商银行', 10.25, 2, '2022-03-01 08:00:00.5+08', 0.25),
		  ('2022-03-31', '平安银行', 100.00, 170141183460469231731687303715884105727, NULL, NULL),
		  ('2022-04-01', '平安银行', 1000.00, 4, '2022-04-01 00:00:00+00', 1.5)`)
	if err != nil {
		t.Fatal(err)
	}
}

func TestDuckDB(t *testing.T) {
	ed := "content/editions/2022-03/"
	dir := writeSite(t, map[string]string{
		"site.toml":     duckSite,
		"db/.keep":      "",
		ed + "index.md": edition("m"),
		ed + "sales.sql": "SELECT bank, sum(amount) AS total, max(n) AS n, min(ts) AS ts, min(f) AS f\n" +
			"FROM sales WHERE day >= @period_start AND day < @period_end AND @edition = '2022-03'\nGROUP BY bank ORDER BY bank\n",
	})
	makeDuckDB(t, dir)
	if _, log, err := pullSite(t, dir, pull.Options{Edition: "2022-03"}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	want := "bank,total,n,ts,f\n平安银行,100.00,170141183460469231731687303715884105727,,\n招商银行,10.25,2,2022-03-01T00:00:00.500Z,0.25\n"
	if got := read(t, dir, ed+"sales.csv"); got != want {
		t.Errorf("sales.csv:\n%s\nwant\n%s", got, want)
	}
	mustContain(t, read(t, dir, ed+"pull.lock"), `driver = "duckdb"`, `name = "total"`, `type = "float"`, `db_type = "DECIMAL(38,2)"`,
		`name = "n"`, `type = "string"`, `db_type = "HUGEINT"`, `name = "ts"`, `type = "date"`)
}

// A DuckDB source is read-only and cannot reach files outside its own.
func TestDuckDBIsolated(t *testing.T) {
	for name, c := range map[string]struct{ q, want string }{
		"insert":   {"INSERT INTO sales VALUES ('2022-03-02', 'x', 1, 1, NULL, NULL) RETURNING bank\n", "tries to write"},
		"file":     {"SELECT * FROM read_csv('/etc/passwd')\n", `Cannot access file "/etc/passwd"`},
		"attach":   {"ATTACH '/tmp/other.duckdb' AS o\n", `Cannot access file "/tmp/other.duckdb"`},
		"settings": {"SET enable_external_access = true\n", "the configuration has been locked"},
		"syntax":   {"SELECT bank\nFROM sales\nWHERE amount >> 'x' AND nope = 1\n", "sales.sql:3:14: Binder Error: No function matches"},
	} {
		t.Run(name, func(t *testing.T) {
			ed := "content/editions/2022-03/"
			dir := writeSite(t, map[string]string{
				"site.toml":      duckSite,
				"db/.keep":       "",
				ed + "index.md":  edition("m"),
				ed + "sales.sql": c.q,
			})
			makeDuckDB(t, dir)
			_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("%v\nwant %q", err, c.want)
			}
		})
	}
}

// A database path must stay inside the site.
func TestDuckDBPathInsideSite(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                         strings.Replace(duckSite, "db/local.duckdb", "../outside.duckdb", 1),
		"content/editions/2022-03/index.md": edition("m"),
		"content/editions/2022-03/a.sql":    "SELECT 1 AS a\n",
	})
	_, _, err := pullSite(t, dir, pull.Options{Edition: "2022-03"})
	if err == nil || !strings.Contains(err.Error(), `site.toml:4: source "local": path "../outside.duckdb" leaves the site folder`) {
		t.Errorf("%v", err)
	}
}

// --all pulls the site-wide queries of content/data/ (its subfolders too)
// and those of page bundles; they have no period.
func TestSiteWideQueries(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                         duckSite,
		"db/.keep":                          "",
		"content/data/banks.sql":            "SELECT DISTINCT bank FROM sales ORDER BY bank\n",
		"content/data/more/n.sql":           "SELECT count(*) AS n, @edition AS edition FROM sales\n",
		"content/about/index.md":            edition("about"),
		"content/about/top.sql":             "SELECT max(amount) AS top FROM sales\n",
		"content/editions/2022-03/index.md": edition("m"),
	})
	makeDuckDB(t, dir)
	res, log, err := pullSite(t, dir, pull.Options{All: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if res.Folders != 3 || res.Snapshots != 3 {
		t.Errorf("%+v", res)
	}
	for file, want := range map[string]string{
		"content/data/banks.csv":  "bank\n平安银行\n招商银行\n",
		"content/data/more/n.csv": "n,edition\n4,\n",
		"content/about/top.csv":   "top\n1000.00\n",
	} {
		if got := read(t, dir, file); got != want {
			t.Errorf("%s = %q, want %q", file, got, want)
		}
	}
	if code, out := runCLI("check", "--source", dir, "--strict"); code != 0 {
		t.Errorf("check: %s", out)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/data/banks.sql"), []byte("SELECT bank FROM sales\nWHERE day >= @period_start\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = pullSite(t, dir, pull.Options{All: true})
	if err == nil || !strings.Contains(err.Error(), `content/data/banks.sql:2:14: @period_start: this query is not an edition's, so it has no period`) {
		t.Errorf("%v", err)
	}
}
