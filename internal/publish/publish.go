// Package publish holds a built site as files in memory, fingerprints assets,
// and writes the whole tree to a folder atomically: into a temporary folder
// beside the target, then swapped into place, so a failed or interrupted
// build never leaves a half-written or stale output.
package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/internal/parallel"
)

// Tree is a set of output files keyed by slash-separated path. It is safe for
// concurrent use.
type Tree struct {
	mu    sync.Mutex
	files map[string][]byte
	// sources names what wrote each path; clashes are the later claims on
	// a path already written (see Put and Collisions).
	sources map[string]string
	clashes []clash
}

// NewTree returns an empty tree.
func NewTree() *Tree { return &Tree{files: map[string][]byte{}, sources: map[string]string{}} }

// Add stores a generated file with no named source; it is Put with the
// source "a generated file".
func (t *Tree) Add(name string, data []byte) { t.Put(name, "", data) }

// Get returns a file and whether it exists.
func (t *Tree) Get(name string) ([]byte, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b, ok := t.files[name]
	return b, ok
}

// Names returns every path in sorted order.
func (t *Tree) Names() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	names := make([]string, 0, len(t.files))
	for n := range t.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Len returns the number of files.
func (t *Tree) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.files)
}

// Size returns the total number of bytes.
func (t *Tree) Size() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	var n int64
	for _, b := range t.files {
		n += int64(len(b))
	}
	return n
}

// Fingerprint returns name with a short content hash before its extension:
// css/site.css -> css/site.3f2a9c1b.css.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
}

// Write writes the tree to dir atomically. The files are written into a new
// folder beside dir; only when all are written is the new folder swapped
// into its place, and the old one removed. A folder that exists and does
// not look like an earlier output (it has files but no marker) is refused,
// so a wrong --out never deletes a user's work. When dir is a symbolic
// link, the folder it leads to is written the same way and the link is
// kept. Builds into one folder take turns (see lock), and each removes
// what a killed build left beside the folder.
func (t *Tree) Write(dir string) error { return t.WriteWaiting(dir, nil) }

// waitNotice is how long a build waits for another one writing the same
// folder before it says so.
const waitNotice = time.Second

// WriteWaiting is Write, calling waiting once when the build has waited
// about a second for another build writing the same folder to finish.
func (t *Tree) WriteWaiting(dir string, waiting func()) error {
	dir, err := resolveOutput(filepath.Clean(dir))
	if err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lock(filepath.Join(parent, "."+filepath.Base(dir)+".lock"), waiting)
	if err != nil {
		return err
	}
	defer unlock()
	removeLeftovers(dir)
	if err := checkTarget(dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := t.writeFiles(tmp); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte("This folder is written by broadsheet build; it is replaced on every build.\n"), 0o644); err != nil {
		return err
	}
	old, err := swap(tmp, dir)
	if err != nil {
		return err
	}
	ok = true
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// removeAll removes a folder tree, its top-level entries by several
// removers at once.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	_ = parallel.EachContext(context.Background(), len(entries), diskWorkers, func(_ context.Context, i int) error {
		_ = os.RemoveAll(filepath.Join(dir, entries[i].Name()))
		return nil
	})
	return os.RemoveAll(dir)
}

// diskWorkers is how many files are written or removed at once: more than
// the cores, since each costs the disk a round trip more than it costs a core.
const diskWorkers = 8

// Marker is the file every output folder carries, so a later build knows the
// folder is its own to replace.
const Marker = ".broadsheet-output"

func checkTarget(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	return fmt.Errorf("output folder %s holds files that an earlier build did not write; refusing to replace it (choose another --out, or empty the folder)", dir)
}

// writeFiles writes every file under dir: the folders first, then the files
// by several writers at once, since each file costs the disk a round trip.
func (t *Tree) writeFiles(dir string) error {
	names := t.Names()
	made := map[string]bool{}
	for _, name := range names {
		d := filepath.Dir(filepath.Join(dir, filepath.FromSlash(name)))
		if made[d] {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		made[d] = true
	}
	return parallel.EachContext(context.Background(), len(names), diskWorkers, func(_ context.Context, i int) error {
		data, _ := t.Get(names[i])
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(names[i])), data, 0o644)
	})
}
