package e2e

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/publish"
)

// output is a built site on disk: the folder every check reads.
type output struct {
	// Dir is the folder's absolute path.
	Dir string
	// BaseURL is the site's baseURL ("" = every link relative).
	BaseURL string
	// Pages are the HTML files, slash-separated and relative to Dir, sorted.
	Pages []string
	// files holds every file's relative path; dirs every folder's.
	files map[string]bool
	dirs  map[string]bool
	// tree is the build's output in memory, when the test built it.
	tree *publish.Tree
}

// loadOutput lists the files of a built site.
func loadOutput(dir, baseURL string) (*output, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	o := &output{Dir: abs, BaseURL: baseURL, files: map[string]bool{}, dirs: map[string]bool{"": true}}
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(abs, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			o.dirs[rel] = true
			return nil
		}
		o.files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			o.Pages = append(o.Pages, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(o.Pages)
	if len(o.Pages) == 0 {
		return nil, fmt.Errorf("%s holds no HTML page", abs)
	}
	return o, nil
}

// target says where a site-relative path leads: the file it names, a folder
// holding index.html, or nowhere. rel is slash-separated, already unescaped,
// with no query or fragment; a trailing slash names a folder.
func (o *output) target(rel string) (file string, isDir, ok bool) {
	clean := strings.Trim(path.Clean("/"+rel), "/")
	if clean == "." {
		clean = ""
	}
	if !strings.HasSuffix(rel, "/") && rel != "" && o.files[clean] {
		return clean, false, true
	}
	if o.dirs[clean] {
		idx := path.Join(clean, "index.html")
		return idx, true, o.files[idx]
	}
	return "", false, false
}

// read returns a file of the output.
func (o *output) read(rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(o.Dir, filepath.FromSlash(rel)))
}

// fileURL is the file:// address of the output folder, ending in a slash.
func (o *output) fileURL() string {
	return "file://" + filepath.ToSlash(o.Dir) + "/"
}

// moduleRoot returns the folder holding go.mod, walking up from the
// working directory (the package folder while testing).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// toolsDir is where `make test-deps` installs the npm tools.
func toolsDir(t testing.TB) string {
	if d := os.Getenv("BROADSHEET_TOOLS"); d != "" {
		return d
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, ".cache", "tools")
}

// tool returns the path of a file installed by `make test-deps`, failing
// (or skipping, when BROADSHEET_SKIP_VALIDATORS=1) when it is missing.
func tool(t testing.TB, rel string) string {
	p := filepath.Join(toolsDir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("BROADSHEET_SKIP_VALIDATORS") == "1" {
			t.Skipf("BROADSHEET_SKIP_VALIDATORS=1 and %s is missing", p)
		}
		t.Fatalf("%s is missing: run `make test-deps` (or set BROADSHEET_TOOLS to where vnu-jar and axe-core are installed; BROADSHEET_SKIP_VALIDATORS=1 skips this test)", p)
	}
	return p
}

// unsafeName matches what may not appear in a file name made from a test or
// page name.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// artifactsDir returns a folder for a test's screenshots, made on first use.
// It outlives the test so that the failure message can point at it.
func artifactsDir(t testing.TB) string {
	base := os.Getenv("BROADSHEET_ARTIFACTS")
	if base == "" {
		base = filepath.Join(os.TempDir(), "broadsheet-e2e")
	}
	dir := filepath.Join(base, unsafeName.ReplaceAllString(t.Name(), "_"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("making the artifacts folder: %v", err)
	}
	return dir
}

// tally counts what the checks saw, for the summary printed at the end.
type tally struct {
	mu     sync.Mutex
	counts map[string]int
	order  []string
}

// summary is the tally of the whole test binary.
var summary = &tally{counts: map[string]int{}}

// add counts n more of what.
func (s *tally) add(what string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.counts[what]; !ok {
		s.order = append(s.order, what)
	}
	s.counts[what] += n
}

// String lists the counts in the order they were first added.
func (s *tally) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, k := range s.order {
		fmt.Fprintf(&b, "  %-40s %d\n", k, s.counts[k])
	}
	return b.String()
}

// removeAllRetry removes a folder that a browser that just stopped may still
// be writing into.
func removeAllRetry(dir string) {
	for range 50 {
		if err := os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// copyDir copies the files of src into dst.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
}

// writeFiles writes files (slash path -> content) under dir.
func writeFiles(dir string, files map[string]string) error {
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
