package chart

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// strs makes a string column; "\x00" is a null.
func strs(name string, vals ...string) *dataset.Column {
	c := dataset.NewColumn(name, dataset.String, len(vals))
	for _, v := range vals {
		if v == "\x00" {
			c.Append(nil)
		} else {
			c.Append(v)
		}
	}
	return c
}

// nums makes an Int or Float column; nil is a null.
func nums(name string, typ dataset.Type, vals ...any) *dataset.Column {
	c := dataset.NewColumn(name, typ, len(vals))
	for _, v := range vals {
		c.Append(v)
	}
	return c
}

// dates makes a date column from YYYY-MM-DD strings.
func dates(name string, vals ...string) *dataset.Column {
	c := dataset.NewColumn(name, dataset.Date, len(vals))
	for _, v := range vals {
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			panic(err)
		}
		c.Append(d)
	}
	return c
}

func table(name string, cols ...*dataset.Column) *dataset.Table {
	return &dataset.Table{Name: name, File: "content/data/" + name + ".csv", Columns: cols}
}

// accounts is a small ranking of bank accounts.
func accounts() *dataset.Table {
	return table("accounts",
		strs("bank", "微众银行", "招商银行", "平安银行"),
		strs("type", "总行", "总行", "分行"),
		nums("followers", dataset.Int, 2150000, 1800000, 123000),
		nums("likes", dataset.Int, 98000, 120000, 4500),
		nums("posts", dataset.Int, 40, 160, 10),
		nums("avg_likes", dataset.Float, 2450.0, 750.0, 450.0),
	)
}

// decode parses the option JSON back into plain values.
func decode(t *testing.T, js []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(js, &m); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, js)
	}
	return m
}

// get walks a dotted path of object keys and array indexes.
func get(t *testing.T, v any, path string) any {
	t.Helper()
	for p := range strings.SplitSeq(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[p]; !ok {
				t.Fatalf("path %q: no key %q", path, p)
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(x) {
				t.Fatalf("path %q: bad index %q (len %d)", path, p, len(x))
			}
			v = x[i]
		default:
			t.Fatalf("path %q: %q under a %T", path, p, v)
		}
	}
	return v
}

// has reports whether a dotted path exists.
func has(v any, path string) bool {
	for p := range strings.SplitSeq(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[p]; !ok {
				return false
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(x) {
				return false
			}
			v = x[i]
		default:
			return false
		}
	}
	return true
}

// want compares the JSON text of the value at path.
func want(t *testing.T, m map[string]any, path, wantJSON string) {
	t.Helper()
	got, err := json.Marshal(get(t, m, path))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != wantJSON {
		t.Errorf("%s = %s, want %s", path, got, wantJSON)
	}
}

func mustBuild(t *testing.T, s *Spec, tb *dataset.Table) (*Chart, map[string]any) {
	t.Helper()
	c, err := Build(s, tb)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return c, decode(t, c.JSON)
}
