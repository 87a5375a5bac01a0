package sqlengine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

func sample() map[string]*dataset.Table {
	bank := dataset.NewColumn("bank", dataset.String, 3)
	followers := dataset.NewColumn("followers", dataset.Int, 3)
	share := dataset.NewColumn("share", dataset.Float, 3)
	day := dataset.NewColumn("day", dataset.Date, 3)
	for i, b := range []string{"工商银行", "Bank B", "Bank C"} {
		bank.Append(b)
		followers.Append(int64((i + 1) * 100))
		share.Append(0.25 * float64(i))
		day.Append(time.Date(2022, 3, i+1, 0, 0, 0, 0, time.UTC))
	}
	followers.Valid[2] = false
	target := dataset.NewColumn("bank", dataset.String, 1)
	goal := dataset.NewColumn("goal", dataset.Int, 1)
	target.Append("工商银行")
	goal.Append(int64(400))
	return map[string]*dataset.Table{
		"accounts":          {Name: "accounts", Columns: []*dataset.Column{bank, followers, share, day}},
		"editions:accounts": {Name: "editions:accounts", Columns: []*dataset.Column{bank, followers, share, day}},
		"plan":              {Name: "plan", Columns: []*dataset.Column{target, goal}},
	}
}

func newEngine(t *testing.T) (*Engine, *[]string) {
	tables := sample()
	var asked []string
	e := New(func(name string) (*dataset.Table, error) {
		asked = append(asked, name)
		if t, ok := tables[name]; ok {
			return t, nil
		}
		return nil, &diag.Error{Msg: fmt.Sprintf("unknown dataset %q", name), Hint: "available: accounts, plan"}
	})
	t.Cleanup(func() { e.Close() })
	return e, &asked
}

func TestNotOpenedUntilQueried(t *testing.T) {
	e, _ := newEngine(t)
	if e.Opened() {
		t.Fatal("engine opened before any query")
	}
}

func TestQueryTypesAndLazyLoad(t *testing.T) {
	e, asked := newEngine(t)
	got, err := e.Query("q", `SELECT bank, followers, share, day, followers * 2 AS twice, sum(followers) OVER () AS total
FROM accounts ORDER BY day`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(*asked, []string{"accounts"}) {
		t.Errorf("datasets loaded: %v, want only accounts", *asked)
	}
	wantTypes := map[string]dataset.Type{"bank": dataset.String, "followers": dataset.Int, "share": dataset.Float,
		"day": dataset.Date, "twice": dataset.Int, "total": dataset.Int}
	for name, typ := range wantTypes {
		if c := got.Column(name); c == nil || c.Type != typ {
			t.Errorf("column %s: %+v, want type %v", name, c, typ)
		}
	}
	// 100 + 200 + null = 300 (a HUGEINT in DuckDB).
	if v := got.Column("total").Value(0); v != int64(300) {
		t.Errorf("total = %v, want 300", v)
	}
	if got.Column("bank").Text(0) != "工商银行" || got.Column("day").Text(2) != "2022-03-03" || !got.Column("followers").IsNull(2) {
		t.Errorf("rows: %v %v %v", got.Column("bank").Str, got.Column("day").Text(2), got.Column("followers").Valid)
	}
}

func TestJoinAndTrendName(t *testing.T) {
	e, asked := newEngine(t)
	got, err := e.Query("q", `SELECT a.bank, a.followers / p.goal AS attainment
FROM "editions:accounts" a JOIN plan p USING (bank)`)
	if err != nil {
		t.Fatal(err)
	}
	if v := got.Column("attainment").Value(0); v != 0.25 { // 100 / 400
		t.Errorf("attainment = %v, want 0.25", v)
	}
	slices.Sort(*asked)
	if !slices.Equal(*asked, []string{"editions:accounts", "plan"}) {
		t.Errorf("datasets loaded: %v", *asked)
	}
}

func TestLockedDown(t *testing.T) {
	for _, q := range []string{
		`SELECT * FROM read_csv('/etc/passwd')`,
		`SELECT * FROM '/etc/passwd'`,
		`ATTACH '/tmp/x.db' AS x`,
		`COPY (SELECT 1) TO '/tmp/broadsheet-sql-test.csv'`,
		`INSTALL httpfs`,
		`LOAD httpfs`,
		`SET enable_external_access = true`,
		`SET lock_configuration = false`,
		`SELECT * FROM read_parquet('https://example.com/x.parquet')`,
		`SELECT * FROM glob('/etc/*')`,
		`SELECT * FROM read_text('/etc/hostname')`,
		`SELECT getenv('HOME') AS home`,
	} {
		e, _ := newEngine(t)
		if _, err := e.Query("q", q); err == nil {
			t.Errorf("%s: ran, want refused", q)
		}
	}
}

func TestErrorPositions(t *testing.T) {
	cases := []struct {
		sql       string
		line, col int
		msg       string
	}{
		{"SELECT bank\nFORM accounts", 2, 6, `syntax error at or near "accounts"`},
		{"SELECT bank,\n  folowers\nFROM accounts", 2, 3, `"folowers" not found`},
		{"SELECT *\nFROM acounts", 2, 6, `unknown dataset "acounts"`},
	}
	for _, c := range cases {
		e, _ := newEngine(t)
		_, err := e.Query("q", c.sql)
		var de *diag.Error
		if !errors.As(err, &de) {
			t.Errorf("%q: error %v, want a diag.Error", c.sql, err)
			continue
		}
		if de.Pos.Line != c.line || de.Pos.Col != c.col || !strings.Contains(de.Msg, c.msg) {
			t.Errorf("%q: %d:%d %s, want %d:%d %s", c.sql, de.Pos.Line, de.Pos.Col, de.Msg, c.line, c.col, c.msg)
		}
	}
}

func TestTooManyRows(t *testing.T) {
	e, _ := newEngine(t)
	_, err := e.Query("q", fmt.Sprintf("SELECT * FROM range(%d)", MaxRows+1))
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Fatalf("err = %v", err)
	}
}

func TestOnlyOneSelect(t *testing.T) {
	for _, q := range []string{
		`CREATE TABLE x AS SELECT 1`,
		`DROP TABLE accounts`,
		`SELECT 1; DROP TABLE accounts`,
	} {
		e, _ := newEngine(t)
		if _, err := e.Query("q", q); err == nil {
			t.Errorf("%s: ran, want refused", q)
		}
	}
	e, _ := newEngine(t)
	if _, err := e.Query("q", "WITH top AS (SELECT * FROM accounts) SELECT count(*) AS n FROM top"); err != nil {
		t.Errorf("WITH … SELECT: %v", err)
	}
}

func TestErrorPositionInLongLine(t *testing.T) {
	pad := strings.Repeat("followers + ", 30)
	src := "SELECT " + pad + "folowers AS x FROM accounts"
	e, _ := newEngine(t)
	_, err := e.Query("q", src)
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("err = %v", err)
	}
	if want := strings.Index(src, "folowers") + 1; de.Pos.Line != 1 || de.Pos.Col != want {
		t.Errorf("position %d:%d, want 1:%d (%s)", de.Pos.Line, de.Pos.Col, want, de.Msg)
	}
}
