package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteReplacesWholeTree(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := NewTree()
	first.Add("index.html", []byte("one"))
	first.Add("old/index.html", []byte("stale"))
	if err := first.Write(out); err != nil {
		t.Fatal(err)
	}
	second := NewTree()
	second.Add("index.html", []byte("two"))
	second.Add("new/page.html", []byte("fresh"))
	if err := second.Write(out); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("a file of the earlier build lingers: %v", err)
	}
	for _, name := range beside(t, filepath.Dir(out)) {
		if name != "public" {
			t.Errorf("left behind beside the output: %s", name)
		}
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	out := t.TempDir()
	mine := filepath.Join(out, "thesis.docx")
	if err := os.WriteFile(mine, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree := NewTree()
	tree.Add("index.html", []byte("x"))
	err := tree.Write(out)
	if err == nil || !strings.Contains(err.Error(), "refusing to replace it") {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, mine); got != "years of work" {
		t.Errorf("the user's file changed: %q", got)
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("css/base.css", []byte("body{}"))
	b := Fingerprint("css/base.css", []byte("body{}"))
	c := Fingerprint("css/base.css", []byte("body{color:red}"))
	if a != b || a == c || !strings.HasPrefix(a, "css/base.") || !strings.HasSuffix(a, ".css") {
		t.Errorf("fingerprints %q %q %q", a, b, c)
	}
}
