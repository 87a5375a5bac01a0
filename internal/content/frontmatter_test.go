package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// lineMsg formats an error without a file as ":LINE: message".
func lineMsg(err error) string {
	var e *diag.Error
	if !errors.As(err, &e) {
		return fmt.Sprint(err)
	}
	return fmt.Sprintf(":%d: %s", e.Pos.Line, e.Error())
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name, src   string
		front, body string
		bodyLine    int
		err         string
	}{
		{"none", "# Hi\n", "", "# Hi\n", 1, ""},
		{"toml", "+++\ntitle = \"A\"\n+++\nbody\n", "title = \"A\"\n", "body\n", 4, ""},
		{"crlf", "+++\r\ntitle = \"A\"\r\n+++\r\nbody", "title = \"A\"\r\n", "body", 4, ""},
		{"bom", "\ufeff+++\n+++\nx", "", "x", 3, ""},
		{"empty body", "+++\ntitle = \"A\"\n+++", "title = \"A\"\n", "", 4, ""},
		{"yaml", "---\ntitle: A\n---\n", "", "", 0, ":1: front matter must be TOML between +++ lines, not YAML between --- (replace both --- lines with +++ and write the keys as TOML (title = \"...\"))"},
		{"unclosed", "+++\ntitle = \"A\"\n", "", "", 0, ":1: front matter opened with +++ is never closed (add a line with +++ after the last front-matter key)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, line, err := Split([]byte(tt.src))
			if tt.err != "" {
				if got := lineMsg(err); got != tt.err {
					t.Fatalf("err = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.front || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got (%q, %q, %d), want (%q, %q, %d)", front, body, line, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestParseFrontMatter(t *testing.T) {
	fm, errs := ParseFrontMatter([]byte("title = \"2022年3月刊\"\ndate = 2022-03-31\nsummary = \"s\"\nweight = 2\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if fm.Title != "2022年3月刊" || !fm.Date.Equal(time.Date(2022, 3, 31, 0, 0, 0, 0, time.UTC)) || fm.Weight != 2 || fm.Summary != "s" {
		t.Errorf("got %+v", fm)
	}
	_, errs = ParseFrontMatter([]byte("title = \"x\"\nsumary = \"s\"\ndate = \"soon\"\n"))
	want := ":3: front matter: unknown key \"sumary\" (did you mean \"summary\"?)\n:4: front matter: date \"soon\" is not a date (write it as 2022-03-31)"
	var got []string
	for _, e := range errs.Sort() {
		got = append(got, lineMsg(e))
	}
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// FuzzSplit checks that splitting never panics and that the parts, when
// found, come from the document in order.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "+++\n+++\n", "+++\ntitle = \"a\"\n+++\nbody", "---\na: b\n---\n", "+++", "\ufeff+++\r\n+++\r\n", "+++\n+++"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, line, err := Split(src)
		if err != nil {
			return
		}
		if line < 1 {
			t.Fatalf("body line %d", line)
		}
		if !bytes.Contains(src, body) || !bytes.Contains(src, front) {
			t.Fatalf("parts are not from the document")
		}
		_, _ = ParseFrontMatter(front)
	})
}
