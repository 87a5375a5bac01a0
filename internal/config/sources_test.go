package config

import (
	"testing"
	"time"
)

func TestSources(t *testing.T) {
	cfg, err := Parse([]byte(`[sources.warehouse]
driver  = "postgres"
dsn_env = "WAREHOUSE_DSN"
timeout = "30s"
retries = 0
[datasets.accounts]
source = "warehouse"
`))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Sources["warehouse"]
	if s.QueryTimeout() != 30*time.Second || s.ConnectRetries() != 0 || cfg.SourceFor("accounts") != "warehouse" || cfg.SourceFor("other") != "warehouse" {
		t.Errorf("%+v", s)
	}
	if cfg.SourceLine("warehouse") != 1 {
		t.Errorf("SourceLine = %d", cfg.SourceLine("warehouse"))
	}
}

func TestSourceErrors(t *testing.T) {
	src := `[sources.a]
driver = "postgress"
[sources.b]
driver  = "postgres"
dsn_env = "postgres://u:secret@h/db"
timeout = "soon"
[sources.c]
driver = "duckdb"
path   = "../elsewhere.duckdb"
retries = 99
[sources.d]
dsn_env = "X"
[sources.e]
driver = "duckdb"
[datasets.accounts]
source = "warehuose"
`
	_, err := Parse([]byte(src))
	want := `site.toml:2: source "a": driver "postgress" is not supported (did you mean "postgres"?)
site.toml:5: source "b": dsn_env "…" is not an environment variable name (write the name of an environment variable, such as WAREHOUSE_DSN, not the connection string itself)
site.toml:6: source "b": timeout "soon" is not a duration (write a duration such as "30s" or "10m")
site.toml:9: source "c": path "../elsewhere.duckdb" leaves the site folder (put the database file inside the site folder and give its path from there)
site.toml:10: source "c": retries 99 is out of range (use a number from 0 to 10)
site.toml:11: source "d" has no driver (set driver = "postgres" or driver = "duckdb")
site.toml:14: source "e": a duckdb source needs path (set path to the database file inside the site, such as path = "db/warehouse.duckdb")
site.toml:16: dataset "accounts": source "warehuose" is not declared (declare it as [sources.warehuose])`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}
