package content

import (
	"strings"
	"testing"
)

// Front matter nested a million levels deep is refused at its line (the
// document's line: front matter starts on line 2).
func TestFrontMatterDeepNesting(t *testing.T) {
	n := 1_500_000
	src := "title = \"a\"\nx = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n) + "\n"
	_, errs := ParseFrontMatter([]byte(src))
	want := "front matter: nested deeper than 64 levels"
	if len(errs) != 1 || errs[0].Pos.Line != 3 || errs[0].Msg != want {
		t.Errorf("got %v, want line 3: %s", errs, want)
	}
}
