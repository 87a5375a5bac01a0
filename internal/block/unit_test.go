package block

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

func accountsTable() *dataset.Table {
	bank := dataset.NewColumn("bank", dataset.String, 2)
	bank.Append("</script><b>x</b>")
	bank.Append("B\u2028C")
	f := dataset.NewColumn("followers", dataset.Int, 2)
	f.Append(2)
	f.Append(1)
	return &dataset.Table{Name: "accounts", Columns: []*dataset.Column{bank, f}}
}

func env(lookup func(string) (*dataset.Table, error)) *Env {
	return &Env{Lang: "zh-CN", Page: "index.md", Height: 420, Renderer: "canvas", Lookup: lookup}
}

// The script element holds exactly encoding/json's bytes: html/template
// must neither quote nor re-escape them.
func TestOptionJSONLandsVerbatim(t *testing.T) {
	src := "type = \"bar\"\ndata = \"accounts\"\nx = \"bank\"\ny = \"followers\"\ntitle = \"a</script>&'\\\"\"\n"
	out, errs := Render(env(func(string) (*dataset.Table, error) { return accountsTable(), nil }), "chart", src, diag.Pos{File: "index.md", Line: 3}, "chart-1")
	if errs != nil {
		t.Fatal(errs)
	}
	html := string(out.HTML)
	const open = `<script type="application/json" class="bs-chart-option">`
	i := strings.Index(html, open)
	j := strings.Index(html, "</script>")
	if i < 0 || j < i {
		t.Fatalf("no option script in\n%s", html)
	}
	body := html[i+len(open) : j]
	if strings.Count(html, "</script>") != 1 {
		t.Errorf("dataset text closed a script element:\n%s", html)
	}
	var option map[string]any
	if err := json.Unmarshal([]byte(body), &option); err != nil {
		t.Fatalf("script body is not JSON: %v\n%s", err, body)
	}
	title := option["title"].(map[string]any)["text"]
	if title != "a</script>&'\"" {
		t.Errorf("title round-trips as %q", title)
	}
	for _, raw := range []string{"<", ">", "&", "\u2028"} {
		if strings.Contains(body, raw) {
			t.Errorf("script body holds a raw %q:\n%s", raw, body)
		}
	}
	if !strings.Contains(body, `"data":["\u003c/script\u003e\u003cb\u003ex\u003c/b\u003e","B\u2028C"]`) {
		t.Errorf("categories not escaped as expected:\n%s", body)
	}
	if _, ok := out.Files["chart-1.csv"]; !ok || out.Charts != 1 {
		t.Errorf("files %v, charts %d", out.Files, out.Charts)
	}
}

func TestLookupErrors(t *testing.T) {
	src := "type = \"bar\"\ndata = \"accounts\"\nx = \"bank\"\ny = \"followers\"\n"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"dataset file problem kept as it is",
			diag.List{{Pos: diag.Pos{File: "content/data/accounts.csv", Line: 7}, Msg: `column "followers": "many" is not an int`}},
			`content/data/accounts.csv:7: column "followers": "many" is not an int`},
		{"positioned single error kept",
			&diag.Error{Pos: diag.Pos{File: "site.toml", Line: 3}, Msg: "bad declaration"},
			`site.toml:3: bad declaration`},
		{"unpositioned error at the data line",
			&diag.Error{Msg: `unknown dataset "accounts"`, Hint: "datasets here: banks"},
			`index.md:21: chart: unknown dataset "accounts" (datasets here: banks)`},
		{"plain error at the data line",
			errors.New("disk on fire"),
			`index.md:21: chart: disk on fire`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Render(env(func(string) (*dataset.Table, error) { return nil, tt.err }), "chart", src, diag.Pos{File: "index.md", Line: 20}, "chart-1")
			if got := errs.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnknownKind(t *testing.T) {
	_, errs := Render(env(nil), "chrat", "", diag.Pos{File: "index.md", Line: 5}, "x")
	if want := `index.md:5: unknown block kind "chrat" (use chart, table, kpi)`; errs.Error() != want {
		t.Errorf("got %q, want %q", errs.Error(), want)
	}
}

func TestPageUsedWhenStartHasNoFile(t *testing.T) {
	_, errs := Render(env(nil), "table", "data = 1\n", diag.Pos{Line: 8}, "table-1")
	if want := `index.md:8: table: data must be a string, not an integer (write it in quotes: data = "…")`; errs.Error() != want {
		t.Errorf("got %q, want %q", errs.Error(), want)
	}
}
