package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestDemoBuildsAreIdentical builds the repository's demo report twice and
// compares the trees byte for byte.
func TestDemoBuildsAreIdentical(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	date := time.Unix(1648684800, 0)
	a, err := Run(Options{Source: root, Date: date})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(Options{Source: root, Date: date})
	if err != nil {
		t.Fatal(err)
	}
	an, bn := a.Tree.Names(), b.Tree.Names()
	if len(an) != len(bn) || len(an) < 20 {
		t.Fatalf("file counts differ or too few: %d vs %d", len(an), len(bn))
	}
	for i, name := range an {
		if bn[i] != name {
			t.Fatalf("file %d: %s vs %s", i, name, bn[i])
		}
		x, _ := a.Tree.Get(name)
		y, _ := b.Tree.Get(name)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if len(a.Warnings) > 0 {
		t.Errorf("the demo builds with warnings: %v", a.Warnings)
	}
}

// TestFailedBuildLeavesOutput writes a good build, breaks the site, and
// checks that the failed build leaves every file as it was.
func TestFailedBuildLeavesOutput(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	write := func(name, text string) {
		full := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"T\"\n")
	write("content/about.md", "+++\ntitle = \"About\"\n+++\nGood.\n")
	if _, err := Write(Options{Source: site}, out); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "about", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	write("content/about.md", "+++\ntitle = \"About\"\n+++\n```chart\ntype = \"bar\"\ndata = \"nothing\"\n```\n")
	if _, err := Write(Options{Source: site}, out); err == nil {
		t.Fatal("a broken site built")
	}
	after, err := os.ReadFile(filepath.Join(out, "about", "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the failed build changed the output (err %v)", err)
	}
}

// TestSymlinkOutOfSite refuses a dataset that links outside the site folder.
func TestSymlinkOutOfSite(t *testing.T) {
	site := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(secret, []byte("password\nhunter2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "content", "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"T\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "index.md"), []byte("```table\ndata = \"secret\"\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(site, "content", "data", "secret.csv")); err != nil {
		t.Skip("symbolic links are not available:", err)
	}
	res, err := Run(Options{Source: site})
	if err == nil {
		t.Fatalf("a dataset outside the site was read")
	}
	want := "content/data/secret.csv: symbolic link leads outside the site folder, or nowhere (copy the file into the site instead)"
	if !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Errorf("error:\n%v\nwant it to hold:\n%s", err, want)
	}
	if res != nil && res.Tree.Len() > 0 {
		for _, n := range res.Tree.Names() {
			if b, _ := res.Tree.Get(n); bytes.Contains(b, []byte("hunter2")) {
				t.Errorf("%s holds the secret", n)
			}
		}
	}
}
