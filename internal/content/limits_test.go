package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Front matter nested a million levels deep is refused at its line (the
// document's line: front matter starts on line 2).
func TestFrontMatterDeepNesting(t *testing.T) {
	n := 1_500_000
	src := "title = \"a\"\nx = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n) + "\n"
	_, errs := ParseFrontMatter([]byte(src))
	want := "front matter: invalid TOML: nested deeper than 64 levels"
	if len(errs) != 1 || errs[0].Pos.Line != 3 || errs[0].Msg != want {
		t.Errorf("got %v, want line 3: %s", errs, want)
	}
}

// A page that is not valid UTF-8 is an error at the line of its first bad
// byte, not copied into the HTML as it is.
func TestInvalidUTF8(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"+++\ntitle = \"a\"\n+++\nGood.\n\nBad \xff here.\n", "content/a.md:6: byte 0xFF is not UTF-8 (save the file as UTF-8)"},
		{"+++\ntitle = \"\xd6\xd0\"\n+++\n", "content/a.md:2: byte 0xD6 is not UTF-8 (save the file as UTF-8)"},
	} {
		_, errs := readPage(fstest.MapFS{"content/a.md": {Data: []byte(tt.src)}}, "content/a.md", "a.md")
		if errs.Error() != tt.want {
			t.Errorf("got %q, want %q", errs.Error(), tt.want)
		}
	}
}
