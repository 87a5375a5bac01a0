package block

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// FuzzRender feeds arbitrary block sources to Render: it must not panic,
// every problem must point inside the block, and output must hold no script
// but the chart option.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		kind := "chart"
		for line := range strings.SplitSeq(string(ar.Comment), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "kind" {
				kind = strings.TrimSpace(v)
			}
		}
		for _, af := range ar.Files {
			if af.Name == "block" {
				f.Add(kind, string(af.Data))
			}
		}
	}
	if len(files) == 0 {
		f.Fatal("no seeds")
	}
	lookup := func(name string) (*dataset.Table, error) {
		if name != "accounts" {
			return nil, &diag.Error{Msg: "unknown dataset " + name}
		}
		return accountsTable(), nil
	}
	f.Fuzz(func(t *testing.T, kind, src string) {
		start := diag.Pos{File: "page.md", Line: 7}
		out, errs := Render(env(lookup), kind, src, start, "b-1")
		lines := strings.Count(src, "\n") + 1
		for _, e := range errs {
			if e.Pos.File != "page.md" || e.Pos.Line < start.Line || e.Pos.Line > start.Line+lines-1 {
				t.Errorf("error outside the block (lines %d..%d): %v", start.Line, start.Line+lines-1, e)
			}
		}
		if len(errs) > 0 {
			if out.HTML != "" {
				t.Errorf("output despite errors")
			}
			return
		}
		html := string(out.HTML)
		if n := strings.Count(html, "<script"); n != out.Charts {
			t.Errorf("%d script elements for %d charts:\n%s", n, out.Charts, html)
		}
		if strings.Count(html, "</script>") != out.Charts {
			t.Errorf("a script element was closed early:\n%s", html)
		}
	})
}
