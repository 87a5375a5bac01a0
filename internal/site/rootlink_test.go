package site

import (
	"reflect"
	"strings"
	"testing"
)

func TestRootLinks(t *testing.T) {
	m := rootMark
	for _, c := range []struct {
		in, out string
		at      []int
	}{
		{"no links, bs-root:x", "no links, bs-root:x", nil},
		{`<a href="` + m + `a/">a</a>`, `<a href="a/">a</a>`, []int{9}},
		{m + m + "x" + m, "x", []int{0, 0, 1}},
		{`<a href="` + m + `a/">` + m + `</a><a href="` + m + `">`, `<a href="a/"></a><a href="">`, []int{9, 13, 26}},
	} {
		out, at := rootLinks([]byte(c.in))
		if string(out) != c.out || !reflect.DeepEqual(at, c.at) {
			t.Errorf("%q: got %q %v, want %q %v", strings.ReplaceAll(c.in, m, "MARK"), out, at, c.out, c.at)
		}
	}
}
