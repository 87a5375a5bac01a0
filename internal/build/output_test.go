package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes files (name, text, name, text...) into a new folder.
func writeSite(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		full := filepath.Join(dir, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// An asset that is a symbolic link out of the site is an error naming it,
// not an empty file in the output.
func TestAssetLinkOutOfSite(t *testing.T) {
	dir := writeSite(t, "site.toml", "title = \"A\"\n", "content/about.md", "+++\ntitle = \"About\"\n+++\n")
	secret := filepath.Join(t.TempDir(), "secret.css")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "assets", "css"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "assets", "css", "leak.css")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere.png", filepath.Join(dir, "assets", "gone.png")); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Source: dir})
	want := "assets/css/leak.css: symbolic link leads outside the site folder, or nowhere (copy the file into the site instead)\n" +
		"assets/gone.png: symbolic link leads outside the site folder, or nowhere (copy the file into the site instead)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	for _, name := range res.Tree.Names() {
		if strings.Contains(name, "leak") || strings.Contains(name, "gone") {
			t.Errorf("published %s", name)
		}
	}
}
