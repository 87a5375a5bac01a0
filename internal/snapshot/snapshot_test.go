package snapshot

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestRoundTrip(t *testing.T) {
	l := &Lock{Datasets: map[string]*Entry{"b": {File: "b.csv", Query: "b.sql", QuerySHA256: Hash([]byte("SELECT 1")), Source: "s", Driver: "duckdb",
		Rows: 2, PulledAt: time.Date(2022, 4, 1, 6, 0, 0, 0, time.UTC), Columns: []Column{{"x", "int", "INTEGER"}, {"y", "string", "VARCHAR"}}}}}
	fsys := fstest.MapFS{"e/" + LockFile: {Data: l.Encode()}}
	got, err := Read(fsys, "e")
	if err != nil {
		t.Fatal(err)
	}
	e := got.Datasets["b"]
	if e == nil || e.Rows != 2 || !e.PulledAt.Equal(l.Datasets["b"].PulledAt) || e.Types()["x"] != "int" || e.Types()["y"] != "string" || len(e.Columns) != 2 || e.Columns[0].Name != "x" {
		t.Errorf("%+v", e)
	}
	if empty, err := Read(fsys, "other"); err != nil || len(empty.Datasets) != 0 {
		t.Errorf("a folder without a lock: %v %v", empty, err)
	}
}

func TestParseError(t *testing.T) {
	_, err := Parse("c/pull.lock", []byte("[datasets.a]\nrows = \n"))
	if err == nil || !strings.HasPrefix(err.Error(), "c/pull.lock:2:8: the lock file cannot be read: invalid TOML: expected value but found the end of the line instead") {
		t.Errorf("%v", err)
	}
}
