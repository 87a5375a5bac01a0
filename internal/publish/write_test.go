package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func tree(files ...string) *Tree {
	t := NewTree()
	for i := 0; i+1 < len(files); i += 2 {
		t.Add(files[i], []byte(files[i+1]))
	}
	return t
}

// beside lists what is next to the output folder, but the lock file.
func beside(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".lock") {
			names = append(names, e.Name())
		}
	}
	return names
}

// An output folder that is a symbolic link to an earlier build is written
// through: the link stays, its target gets the new build, and nothing
// outside the target is touched.
func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	builds := filepath.Join(dir, "builds")
	target := filepath.Join(builds, "site")
	if err := tree("index.html", "one", "old.html", "stale").Write(target); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "public")
	if err := os.Symlink(filepath.Join("builds", "site"), link); err != nil {
		t.Fatal(err)
	}
	if err := tree("index.html", "two").Write(link); err != nil {
		t.Fatal(err)
	}
	if dest, err := os.Readlink(link); err != nil || dest != filepath.Join("builds", "site") {
		t.Fatalf("the link was replaced: %q, %v", dest, err)
	}
	if got := read(t, filepath.Join(target, "index.html")); got != "two" {
		t.Errorf("target index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Errorf("the earlier build lingers in the target: %v", err)
	}
	if got := beside(t, builds); len(got) != 1 {
		t.Errorf("beside the target: %v", got)
	}
	if got := beside(t, dir); len(got) != 2 {
		t.Errorf("beside the link: %v", got)
	}
}

// A link to a folder a build did not write is refused like the folder.
func TestWriteSymlinkToForeignFolder(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "public")
	if err := os.Symlink("mine", link); err != nil {
		t.Fatal(err)
	}
	err := tree("index.html", "x").Write(link)
	if err == nil || !strings.Contains(err.Error(), "refusing to replace it") {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, filepath.Join(mine, "notes.md")); got != "mine" {
		t.Errorf("notes.md = %q", got)
	}
}

// Folders left by a build that was killed are removed by the next one;
// other names beside the output, and links, are left alone.
func TestWriteRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for _, name := range []string{".public.new-123", ".public.old-456/a/b"} {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(dir, "keep")
	if err := os.MkdirAll(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(keep, "x"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("keep", filepath.Join(dir, ".public.old-789")); err != nil {
		t.Fatal(err)
	}
	if err := tree("index.html", "x").Write(out); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(beside(t, dir), " ")
	if got != ".public.old-789 keep public" {
		t.Errorf("beside the output: %s", got)
	}
	if read(t, filepath.Join(keep, "x")) != "x" {
		t.Error("a linked folder was emptied")
	}
}

// Builds at once into one folder take turns: each succeeds, the result is
// one whole build, and nothing is left beside it.
func TestWriteConcurrent(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 4 {
		wg.Go(func() {
			for j := range 10 {
				v := fmt.Sprintf("%d-%d", i, j)
				errs <- tree("index.html", v, "a/"+v+".html", v).Write(out)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	v := read(t, filepath.Join(out, "index.html"))
	if got := read(t, filepath.Join(out, "a", v+".html")); got != v {
		t.Errorf("a/%s.html = %q", v, got)
	}
	if got := beside(t, dir); len(got) != 1 {
		t.Errorf("beside the output: %v", got)
	}
}

// Without an atomic exchange the swap is two renames, and still leaves
// one whole build and nothing beside it.
func TestWriteWithoutExchange(t *testing.T) {
	saved := exchange
	exchange = func(a, b string) error { return fmt.Errorf("no exchange") }
	defer func() { exchange = saved }()
	TestWriteConcurrent(t)
	TestWriteThroughSymlink(t)
}

// A second claim on a path keeps the first file and is reported with both
// sources; a file where others need a folder is reported once.
func TestCollisions(t *testing.T) {
	tr := NewTree()
	tr.Put("a/index.html", "content/a.md", []byte("1"))
	tr.Put("a/index.html", "content/a/index.md", []byte("2"))
	tr.Put("x", "content/x", []byte("file"))
	tr.Put("x/index.html", "the x/ section list", []byte("page"))
	tr.Put("x/y/z.csv", "content/x/y/z.csv", []byte("data"))
	tr.Put("ok.html", "content/ok.html", []byte("ok"))
	tr.Put("my report/index.html", "the home page copy", []byte("1"))
	tr.Put("my report/index.html", "content/my report.md", []byte("2"))
	tr.Put("About/index.html", "content/About.md", []byte("A"))
	tr.Put("about/index.html", "content/about.md", []byte("a"))
	tr.Put("css/site.css", "the theme", []byte("css"))
	tr.Put("CSS/Site.css", "assets/CSS/Site.css", []byte("css"))
	tr.Put("latest/About/index.html", "the latest/ copy of content/About.md", []byte("A"))
	tr.Put("latest/about/index.html", "the latest/ copy of content/about.md", []byte("a"))
	var got []string
	for _, e := range tr.Collisions() {
		got = append(got, e.Error())
	}
	want := []string{
		`assets/CSS/Site.css: output path "CSS/Site.css" differs only in letter case from "css/site.css", written by the theme: on a disk that ignores case (macOS, Windows) one would overwrite the other (rename one of them so that their names differ in more than case)`,
		`content/a/index.md: output path "a/index.html" is also written by content/a.md (rename or move one of them)`,
		`content/about.md: output path "about/index.html" differs only in letter case from "About/index.html", written by content/About.md: on a disk that ignores case (macOS, Windows) one would overwrite the other (rename one of them so that their names differ in more than case)`,
		`content/my report.md: output path "my report/index.html" is also written by the home page copy (rename or move one of them)`,
		`content/x: output path "x/index.html" needs a folder where content/x writes the file "x" (rename or move one of them)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b, _ := tr.Get("a/index.html"); string(b) != "1" {
		t.Errorf("a/index.html = %q", b)
	}
}
