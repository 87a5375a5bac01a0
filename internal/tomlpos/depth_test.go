package tomlpos

import (
	"errors"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/limits"
)

func TestTOMLDepth(t *testing.T) {
	deep := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	tests := []struct {
		name, src string
		line      int // 0: accepted
	}{
		{"flat", "a = 1\nb = \"x\"\n", 0},
		{"arrays at the bound", "a = " + deep("[", "]", limits.TOMLDepth-1), 0},
		{"arrays past the bound", "\na = " + deep("[", "]", limits.TOMLDepth), 2},
		{"inline tables past the bound", "a = " + strings.Repeat("{b = ", limits.TOMLDepth+1) + "1" + strings.Repeat("}", limits.TOMLDepth+1), 1},
		{"dotted key past the bound", "\n\n" + strings.Repeat("a.", limits.TOMLDepth) + "b = 1", 3},
		{"header past the bound", "x = 1\n[" + strings.Repeat("a.", limits.TOMLDepth) + "b]\n", 2},
		{"array of tables header past the bound", "[[" + strings.Repeat("a.", limits.TOMLDepth) + "b]]\n", 1},
		{"header and key add up", "[" + strings.Repeat("a.", 40) + "b]\n" + strings.Repeat("c.", 30) + "d = 1\n", 2},
		{"header resets", "[" + strings.Repeat("a.", 40) + "b]\n[c]\n" + strings.Repeat("d.", 30) + "e = 1\n", 0},
		{"brackets in strings do not count", `a = "` + strings.Repeat("[", 100) + `"` + "\nb = '" + strings.Repeat("{", 100) + "'\n", 0},
		{"brackets in comments do not count", "a = 1 # " + strings.Repeat("[", 100) + "\n", 0},
		{"brackets in multi-line strings do not count", "a = \"\"\"\n" + strings.Repeat("[", 100) + "\n\\\"\"\"\n\"\"\"\nb = '''\n" + strings.Repeat("{", 100) + "'''\nc = " + deep("[", "]", limits.TOMLDepth), 7},
		{"dots in numbers and dates do not count", "a = [" + strings.Repeat("1.5, ", 200) + "]\nb = 2022-03-01T10:00:00.5\n", 0},
		{"sibling arrays do not add up", "a = [" + strings.Repeat("[1], ", 200) + "]\n", 0},
		{"sibling inline tables do not add up", "a = [" + strings.Repeat("{b.c = 1}, ", 200) + "]\n", 0},
		{"quoted dots are one part", `"` + strings.Repeat("a.", 100) + `" = 1`, 0},
		{"unclosed arrays", "a = " + strings.Repeat("[", limits.TOMLDepth+5), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v map[string]any
			_, err := Decode(tt.src, &v)
			var pe toml.ParseError
			isDepth := errors.As(err, &pe) && strings.HasPrefix(pe.Message, "nested deeper")
			switch {
			case tt.line == 0 && isDepth:
				t.Errorf("refused at line %d: %v", pe.Position.Line, err)
			case tt.line != 0 && !isDepth:
				t.Errorf("accepted (err %v), want a refusal at line %d", err, tt.line)
			case tt.line != 0 && pe.Position.Line != tt.line:
				t.Errorf("refused at line %d, want %d", pe.Position.Line, tt.line)
			}
		})
	}
}

// FuzzDecode checks that the depth scan ends on any text and that what
// it lets through decodes without exhausting the stack.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"a = 1", "[a.b]\nc = [[1], {d = 2}]", "a = \"\"\"\n[\n\"\"\"", "a = '[' # [", "[[x]]\ny.z = {}", "a = [{}, []]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var v map[string]any
		_, _ = Decode(src, &v)
	})
}
