package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{"first", "second, longer than the first"} {
		if err := WriteAtomic(root, "sub/f.csv", []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(dir, "sub", "f.csv")); got != data {
			t.Errorf("f.csv = %q, want %q", got, data)
		}
	}
	if err := WriteAtomic(root, "../out.csv", []byte("x")); err == nil {
		t.Error("a name outside the root was written")
	}
	if names := list(t, filepath.Join(dir, "sub")); names != "f.csv" {
		t.Errorf("sub holds %s, want only f.csv", names)
	}
}

// A failed rename leaves the file as it was and no temporary file.
func TestWriteAtomicFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "lock")
	if err := WriteFileAtomic(name, []byte("old")); err != nil {
		t.Fatal(err)
	}
	rename = func(*os.Root, string, string) error { return errors.New("disk on fire") }
	err := WriteFileAtomic(name, []byte("new"))
	rename = (*os.Root).Rename
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, name); got != "old" {
		t.Errorf("lock = %q, want it unchanged", got)
	}
	if names := list(t, dir); names != "lock" {
		t.Errorf("folder holds %s, want only lock", names)
	}
}

// Temporary files are hidden (a build skips them) and never the same twice.
func TestCreateTempIsHiddenAndNew(t *testing.T) {
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	seen := map[string]bool{}
	for range 3 {
		f, tmp, err := CreateTemp(root, "data.csv")
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if !strings.HasPrefix(tmp, ".data.csv.new-") || seen[tmp] {
			t.Errorf("temporary file %q: want a new name starting .data.csv.new-", tmp)
		}
		seen[tmp] = true
	}
}

func list(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}
