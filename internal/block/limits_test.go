package block

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// A block nested a million levels deep is refused at its line in the page.
func TestDeepNesting(t *testing.T) {
	n := 1_500_000
	src := "type = \"bar\"\ndata = \"accounts\"\nx = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
	_, errs := Render(env(nil), "chart", src, diag.Pos{File: "index.md", Line: 10}, "chart-1")
	want := "index.md:12: chart: invalid TOML: nested deeper than 64 levels"
	if errs == nil || !strings.HasPrefix(errs.Error(), want) {
		t.Errorf("got %v, want %s", errs, want)
	}
}
