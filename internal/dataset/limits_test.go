package dataset

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Datasets nested a million levels deep are refused with a position, not
// decoded into a stack overflow.
func TestDeepNesting(t *testing.T) {
	n := 1_500_000
	tests := []struct{ file, src, want string }{
		{"d.toml", "[[rows]]\na = 1\nb = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n",
			"d.toml:3: invalid TOML: nested deeper than 64 levels"},
		{"k.toml", "[[rows]]\n" + strings.Repeat("a.", n) + "b = 1\n",
			"k.toml:2: invalid TOML: nested deeper than 64 levels"},
		{"h.toml", "[" + strings.Repeat("a.", n) + "b]\n",
			"h.toml:1: invalid TOML: nested deeper than 64 levels"},
		{"d.json", "[{\"a\": 1},\n{\"a\": " + strings.Repeat("[", n) + strings.Repeat("]", n) + "}]\n",
			"d.json:2: "},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			fsys := fstest.MapFS{tt.file: {Data: []byte(tt.src)}}
			_, err := Read(fsys, tt.file, Decl{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %.200v, want %s", err, tt.want)
			}
		})
	}
}
