package bundle

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/publish"
)

// A stylesheet or script that spells its closing tag in any case cannot
// end the inlined element early.
func TestInlinedTextCannotCloseItsElement(t *testing.T) {
	tree := publish.NewTree()
	tree.Add("index.html", []byte(`<!DOCTYPE html><html><head><link rel="stylesheet" href="a.css"></head><body><script src="a.js"></script></body></html>`))
	tree.Add("a.css", []byte(`p{}</STYLE><img src=x onerror=alert(1)></StYlE >`))
	tree.Add("a.js", []byte(`var s = "</SCRIPT><img src=x onerror=alert(2)>";`))
	out, err := Page(tree, "index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"style", "script"} {
		if n := len(regexp.MustCompile(`(?i)</`+tag).FindAllIndex(out, -1)); n != 1 {
			t.Errorf("%d closing %s tags in:\n%s", n, tag, out)
		}
	}
}

// Write replaces an earlier bundle, and only that.
func TestWriteReplacesOnlyBundles(t *testing.T) {
	tree := publish.NewTree()
	tree.Add("index.html", []byte(`<!DOCTYPE html><html><head><title>&lt;meta name="generator" content="broadsheet bundle"/&gt;</title></head><body></body></html>`))
	data, err := Page(tree, "index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if !IsBundle(data) {
		t.Fatalf("a bundle is not recognised:\n%s", data)
	}
	name := filepath.Join(t.TempDir(), "b.html")
	if err := Write(name, data); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, data); err != nil {
		t.Errorf("second write: %v", err)
	}
	// A page that quotes the marker in its text is still not a bundle.
	page, _ := tree.Get("index.html")
	if IsBundle(page) {
		t.Error("a page quoting the marker passes for a bundle")
	}
	if err := os.WriteFile(name, page, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, data); err == nil || !strings.Contains(err.Error(), "refusing to replace it") {
		t.Errorf("err = %v", err)
	}
}
