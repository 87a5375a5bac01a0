package server

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/scaffold"
)

// The first build is reported as built, later ones as rebuilt.
func TestBuildLog(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	s := New(build.Options{Source: dir}, &log)
	for range 2 {
		if err := s.Rebuild(); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "built 5 pages in ") || !strings.HasPrefix(lines[1], "rebuilt 5 pages in ") {
		t.Errorf("log:\n%s\nwant a built line, then a rebuilt line", log.String())
	}
}
