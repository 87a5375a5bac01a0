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
	locks sync.Map // folder -> *lockEntry: pull.lock, read once
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

// checkStems reports two files that would give one dataset name: in
// content/data/ (and its folders), or in one page bundle.
func checkStems(siteFiles []string, pages []*Page) diag.List {
	var errs diag.List
	check := func(files []string) {
		first := map[string]string{}
		for _, f := range files {
			if !dataset.IsDataset(f) {
				continue
			}
			n := stem(f)
			if other, ok := first[n]; ok {
				errs = append(errs, &diag.Error{Pos: diag.Pos{File: f}, Msg: fmt.Sprintf("dataset %q is also provided by %s", n, other),
					Hint: "rename one of the files: a dataset is named by its file name without the extension"})
				continue
			}
			first[n] = f
		}
	}
	check(siteFiles)
	for _, p := range pages {
		var own []string
		for _, f := range p.Resources {
			if path.Dir(f) == content.Dir+"/"+p.Dir {
				own = append(own, f)
			}
		}
		check(own)
	}
	return errs
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
		if _, ok := r.cfg.Datasets[stem(file)]; ok {
			decl = r.cfg.DeclOf(stem(file))
		}
		if decl, e.err = r.withSnapshotTypes(file, decl); e.err != nil {
			return
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
		if dataset.IsDataset(f) {
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

// lookupFor returns the dataset resolver used by the blocks of page p.
func (r *registry) lookupFor(p *Page, s *Site) func(string) (*dataset.Table, error) {
	return func(name string) (*dataset.Table, error) {
		if !strings.HasPrefix(name, EditionsPrefix) && strings.Contains(name, "/") || strings.Contains(name, `\`) || strings.Contains(name, "..") {
			return nil, &diag.Error{Msg: fmt.Sprintf("dataset %q is a path; datasets are named by file stem", name),
				Hint: "put the file in the page's folder or in content/data/ and use its name without extension"}
		}
		if after, ok := strings.CutPrefix(name, EditionsPrefix); ok {
			return r.trend(s, p, after)
		}
		if f := bundleDataset(p, name); f != "" {
			return r.read(f)
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
		return "add a CSV, JSON, TOML, XLSX or Parquet file to content/data/ or to the page's folder"
	}
	return "available: " + strings.Join(names, ", ")
}

// EditionsPrefix names a trend dataset: "editions:accounts" is the accounts
// dataset of every edition up to the page's, one table.
const EditionsPrefix = "editions:"

// Trend columns added to a trend dataset.
const (
	TrendEdition = "edition"
	TrendDate    = "edition_date"
)

// trend picks the editions up to and including upto (all editions when
// upto is nil) that have dataset name and stacks their copies, the edition
// name and date as the first columns. An old edition never sees its future.
func (r *registry) trend(s *Site, upto *Page, name string) (*dataset.Table, error) {
	last := len(s.Editions) - 1
	if upto != nil && upto.Edition != nil {
		last = upto.Edition.Index
	}
	var parts []dataset.Tagged
	for _, e := range s.Editions[:last+1] {
		f := bundleDataset(e, name)
		if f == "" {
			continue
		}
		t, err := r.read(f)
		if err != nil {
			return nil, err
		}
		parts = append(parts, dataset.Tagged{Table: t, Tags: []any{e.Edition.Name, e.Edition.Date}})
	}
	if len(parts) == 0 {
		return nil, &diag.Error{Msg: fmt.Sprintf("unknown dataset %q: no edition has a dataset %q", EditionsPrefix+name, name),
			Hint: fmt.Sprintf("put %s.csv (or %s) in the edition folders", name, strings.Join(dataset.Formats[1:], ", "))}
	}
	return dataset.Stack(EditionsPrefix+name, trendTags, parts)
}

// trendTags are the columns a trend dataset puts before the dataset's own.
var trendTags = []*dataset.Column{{Name: TrendEdition, Type: dataset.String}, {Name: TrendDate, Type: dataset.Date}}

// bundleDataset returns the file of page p's own dataset name, or "".
func bundleDataset(p *Page, name string) string {
	for _, f := range p.Resources {
		if dataset.IsDataset(f) && stem(f) == name && path.Dir(f) == content.Dir+"/"+p.Dir {
			return f
		}
	}
	return ""
}

// previous returns the same dataset of the edition before p. It returns nil
// and no error when p is the first edition or the previous edition has no
// such dataset; p must be an edition.
func (r *registry) previous(p *Page, name string) (*dataset.Table, error) {
	if p.Edition == nil {
		return nil, &diag.Error{Msg: `compare = "previous" works on edition pages only`,
			Hint: "move the block into an edition, or remove compare"}
	}
	if strings.HasPrefix(name, EditionsPrefix) {
		return nil, &diag.Error{Msg: fmt.Sprintf("dataset %q already spans every edition; it has no previous edition", name),
			Hint: "compare a single edition's dataset instead"}
	}
	if bundleDataset(p, name) == "" {
		return nil, &diag.Error{Msg: fmt.Sprintf("dataset %q is not this edition's own, so no previous edition has its own copy to compare with", name),
			Hint: fmt.Sprintf("put %s.csv in each edition's folder, or remove compare", name)}
	}
	prev := p.Edition.Prev
	if prev == nil {
		return nil, nil
	}
	f := bundleDataset(prev, name)
	if f == "" {
		return nil, &diag.Error{Msg: fmt.Sprintf("the previous edition (%s) has no dataset %q, so there is nothing to compare with", prev.Edition.Name, name),
			Hint: "this is expected in the first month of a new dataset", Warning: true}
	}
	return r.read(f)
}

// key returns the declared key columns of a dataset, or none.
func (r *registry) key(name string) []string {
	return r.cfg.Datasets[strings.TrimPrefix(name, EditionsPrefix)].Key
}

// checkDeclared warns about datasets declared in site.toml that no file in
// the site provides: most likely a misspelt name.
func (r *registry) checkDeclared(s *Site) diag.List {
	have := map[string]bool{}
	for n := range r.site {
		have[n] = true
	}
	for _, p := range s.Pages {
		for _, f := range p.Resources {
			if dataset.IsDataset(f) {
				have[stem(f)] = true
			}
		}
	}
	names := make([]string, 0, len(have))
	for n := range have {
		names = append(names, n)
	}
	sort.Strings(names)
	var warns diag.List
	declared := make([]string, 0, len(r.cfg.Datasets))
	for n := range r.cfg.Datasets {
		declared = append(declared, n)
	}
	sort.Strings(declared)
	for _, n := range declared {
		if have[n] {
			continue
		}
		hint := diag.DidYouMean(n, names)
		if hint == "" {
			hint = "add a file named " + n + ".csv (or " + strings.Join(dataset.Formats[1:], ", ") + "), or remove the declaration"
		}
		warns = append(warns, &diag.Error{Pos: diag.Pos{File: config.File, Line: r.cfg.DeclLine(n)},
			Msg: fmt.Sprintf("dataset %q is declared but no file provides it", n), Hint: hint, Warning: true})
	}
	return warns
}
