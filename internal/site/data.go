package site

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// registry reads each dataset file at most once per build, however many
// blocks use it, and resolves names: a bundle's own files by stem first, then
// the site-wide datasets in content/data/.
type registry struct {
	fsys  fs.FS
	cfg   *config.Config
	site  map[string]string // stem -> file
	mu    sync.Mutex
	cache map[string]*entry
}

type entry struct {
	once  sync.Once
	table *dataset.Table
	err   error
}

func newRegistry(fsys fs.FS, cfg *config.Config, files []string) *registry {
	r := &registry{fsys: fsys, cfg: cfg, site: map[string]string{}, cache: map[string]*entry{}}
	for _, f := range files {
		r.site[stem(f)] = f
	}
	return r
}

func stem(file string) string {
	base := path.Base(file)
	return strings.TrimSuffix(base, path.Ext(base))
}

// read returns the table of a file, reading it on first use.
func (r *registry) read(file string) (*dataset.Table, error) {
	r.mu.Lock()
	e := r.cache[file]
	if e == nil {
		e = &entry{}
		r.cache[file] = e
	}
	r.mu.Unlock()
	e.once.Do(func() {
		decl := dataset.Decl{}
		if d, ok := r.cfg.Datasets[stem(file)]; ok {
			decl = d.Decl()
		}
		e.table, e.err = dataset.Read(r.fsys, file, decl)
	})
	return e.table, e.err
}

func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.cache)
}

// names lists the dataset names visible from a page.
func (r *registry) names(p *Page) []string {
	seen := map[string]bool{}
	for n := range r.site {
		seen[n] = true
	}
	for _, f := range p.Resources {
		if isDatasetFile(f) {
			seen[stem(f)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func isDatasetFile(f string) bool {
	switch strings.ToLower(path.Ext(f)) {
	case ".csv", ".json", ".toml", ".xlsx":
		return true
	}
	return false
}

// lookupFor returns the dataset resolver used by the blocks of page p.
func (r *registry) lookupFor(p *Page, s *Site) func(string) (*dataset.Table, error) {
	return func(name string) (*dataset.Table, error) {
		if strings.Contains(name, "/") || strings.Contains(name, `\`) || strings.Contains(name, "..") {
			return nil, &diag.Error{Msg: fmt.Sprintf("dataset %q is a path; datasets are named by file stem", name),
				Hint: "put the file in the page's folder or in content/data/ and use its name without extension"}
		}
		for _, f := range p.Resources {
			if isDatasetFile(f) && stem(f) == name && path.Dir(f) == content.Dir+"/"+p.Dir {
				return r.read(f)
			}
		}
		if f, ok := r.site[name]; ok {
			return r.read(f)
		}
		return nil, &diag.Error{Msg: fmt.Sprintf("unknown dataset %q", name), Hint: r.hint(name, p)}
	}
}

func (r *registry) hint(name string, p *Page) string {
	names := r.names(p)
	if h := diag.DidYouMean(name, names); h != "" {
		return h
	}
	if len(names) == 0 {
		return "add a CSV, JSON, TOML or XLSX file to content/data/ or to the page's folder"
	}
	return "available: " + strings.Join(names, ", ")
}
