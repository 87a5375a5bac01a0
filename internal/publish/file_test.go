package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func ours(head []byte) bool { return strings.HasPrefix(string(head), "OURS") }

// Every way WriteFile fails leaves the folder as it was: no temporary
// file, the existing file unchanged.
func TestWriteFileFailuresLeaveNothing(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.html")
	if err := os.WriteFile(name, []byte("OURS old"), 0o644); err != nil {
		t.Fatal(err)
	}
	rename = func(*os.Root, string, string) error { return errors.New("disk on fire") }
	err := WriteFile(name, []byte("OURS new"), "test", ours)
	rename = (*os.Root).Rename
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "sub"), []byte("OURS"), "test", ours); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("folder: err = %v", err)
	}
	if err := os.Symlink("out.html", filepath.Join(dir, "link.html")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "link.html"), []byte("OURS"), "test", ours); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("link: err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "link.html out.html sub" {
		t.Errorf("folder holds %s", got)
	}
	if got := read(t, name); got != "OURS old" {
		t.Errorf("out.html = %q", got)
	}
	if err := WriteFile(name, []byte("OURS new"), "test", ours); err != nil {
		t.Fatal(err)
	}
	if got := read(t, name); got != "OURS new" {
		t.Errorf("out.html = %q", got)
	}
	if err := WriteFile(filepath.Join(dir, "sub", "x"), []byte("x"), "test", ours); err != nil {
		t.Fatal(err)
	}
	err = WriteFile(filepath.Join(dir, "sub", "x"), []byte("x"), "test", ours)
	if err == nil || !strings.Contains(err.Error(), "was not written by test; refusing to replace it") {
		t.Errorf("foreign file: err = %v", err)
	}
}

func TestCheckOutside(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"content/x", "assets", "elsewhere"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("content", filepath.Join(site, "sneaky")); err != nil {
		t.Fatal(err)
	}
	for out, want := range map[string]string{
		"content":                "inside the site's content folder",
		"content/x/new/out":      "inside the site's content folder",
		"sneaky/out":             "inside the site's content folder",
		"assets/../assets/a.css": "inside the site's assets folder",
		"templates/t.html":       "inside the site's templates folder",
		"site.toml":              "is the site's configuration",
		"public":                 "",
		"elsewhere/report.html":  "",
		"contents":               "",
	} {
		err := CheckOutside(filepath.Join(site, out), site)
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: err = %v, want %q", out, err, want)
		}
	}
}
