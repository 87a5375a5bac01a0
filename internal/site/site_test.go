package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestBaseURLFlagParts(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": &fstest.MapFile{Data: []byte("title = \"T\"\n")}}
	for _, u := range []string{"https://example.com/r/?x=1", "https://example.com/r/#a", "https://u:secret@example.com/"} {
		_, errs := Load(fsys, Options{BaseURL: u})
		if len(errs) == 0 || !strings.HasPrefix(errs.Error(), "--base-url ") || strings.Contains(errs.Error(), "secret") {
			t.Errorf("%s: got %v", u, errs)
		}
	}
}
