package config

import (
	"strings"
	"testing"
)

// A site.toml nested a million levels deep is refused at its line, not
// decoded into a stack overflow.
func TestDeepNesting(t *testing.T) {
	n := 1_500_000
	src := "title = \"R\"\n\nx = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
	_, err := Parse([]byte(src))
	want := "site.toml:3: nested deeper than 64 levels"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}
