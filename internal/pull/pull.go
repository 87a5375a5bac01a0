// Package pull runs a site's .sql queries against its sources and freezes
// each result as a CSV snapshot beside the query, recorded in the folder's
// lock file. A folder (an edition, or content/data/) is pulled all or
// nothing: its snapshots and lock are replaced only after every one of its
// queries has succeeded. The build never runs this stage.
package pull

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/snapshot"
	"github.com/broadsheet/broadsheet/internal/source"
)

// Options say what to pull.
type Options struct {
	// SiteDir is the site folder.
	SiteDir string
	// Edition names the one edition to pull; All pulls every edition, the
	// other page bundles with queries, and the site-wide queries in
	// content/data/.
	Edition string
	All     bool
	// Source, when set, pulls only the queries of that source.
	Source string
	// Log receives a line per snapshot written and per retried connection.
	Log io.Writer
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Now gives the time recorded in the lock; nil means time.Now.
	Now func() time.Time
	// Backoff is the wait before the first connection retry (default 1s).
	Backoff time.Duration
}

// Result counts what a pull wrote.
type Result struct {
	Folders   int
	Snapshots int
	Rows      int64
	Warnings  diag.List
}

// folder is one unit of pulling: an edition's folder or a folder of
// content/data/, with its queries.
type folder struct {
	dir     string // site-relative, slash-separated
	edition string // the edition's name; "" for content/data/
	queries []string
}

// Run pulls what o asks for. Every problem is returned as a diag.List; the
// folders that failed keep their earlier snapshots untouched, the others
// are written.
func Run(ctx context.Context, o Options) (*Result, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	root, err := os.OpenRoot(o.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	cfg, err := config.Load(root.FS())
	if err != nil {
		return nil, err
	}
	if o.Source != "" {
		if _, ok := cfg.Sources[o.Source]; !ok {
			return nil, unknownSource(cfg, o.Source)
		}
	}
	folders, err := find(root.FS(), cfg, o)
	if err != nil {
		return nil, err
	}
	p := &puller{o: o, cfg: cfg, root: root, open: map[string]*conn{}, res: &Result{}}
	defer p.closeAll()
	var errs diag.List
	for _, f := range folders {
		errs = append(errs, p.folder(ctx, f)...)
	}
	return p.res, errs.Sort().Err()
}

func unknownSource(cfg *config.Config, name string) error {
	hint := diag.DidYouMean(name, cfg.SourceNames())
	if hint == "" {
		hint = "declare it in site.toml as [sources." + name + "]"
		if len(cfg.Sources) > 0 {
			hint = "the sources are " + strings.Join(cfg.SourceNames(), ", ")
		}
	}
	return &diag.Error{Pos: diag.Pos{File: config.File}, Msg: fmt.Sprintf("no source %q", name), Hint: hint}
}

// find lists the folders to pull and their queries, in path order.
func find(fsys fs.FS, cfg *config.Config, o Options) ([]folder, error) {
	section := path.Join(content.Dir, cfg.Editions.Section)
	var out []folder
	if o.Edition != "" {
		dir := path.Join(section, o.Edition)
		if strings.ContainsAny(o.Edition, `/\`) || o.Edition == ".." {
			return nil, fmt.Errorf("edition %q is not a folder name", o.Edition)
		}
		if _, err := fs.Stat(fsys, path.Join(dir, "index.md")); err != nil {
			return nil, fmt.Errorf("no edition %q (%s/index.md does not exist; start it with broadsheet new edition %s)", o.Edition, dir, o.Edition)
		}
		f, err := queries(fsys, dir, o.Edition)
		if err != nil {
			return nil, err
		}
		if len(f.queries) == 0 {
			return nil, fmt.Errorf("edition %s has no .sql query files", o.Edition)
		}
		return []folder{f}, nil
	}
	data := path.Join(content.Dir, content.DataDir)
	err := fs.WalkDir(fsys, content.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == content.Dir {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != content.Dir && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			return fs.SkipDir
		}
		inData := p == data || strings.HasPrefix(p, data+"/")
		if _, err := fs.Stat(fsys, path.Join(p, "index.md")); err != nil && !inData {
			return nil // queries live in page bundles and content/data/
		}
		edition := ""
		if path.Dir(p) == section {
			edition = path.Base(p)
		}
		f, err := queries(fsys, p, edition)
		if err == nil && len(f.queries) > 0 {
			out = append(out, f)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out, nil
}

// queries lists the .sql files directly in dir.
func queries(fsys fs.FS, dir, edition string) (folder, error) {
	f := folder{dir: dir, edition: edition}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return f, err
	}
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && strings.EqualFold(path.Ext(e.Name()), snapshot.QueryExt) {
			f.queries = append(f.queries, path.Join(dir, e.Name()))
		}
	}
	return f, nil
}

// conn is a source opened once per run, or the error that stopped it.
type conn struct {
	src source.Source
	err error
}

type puller struct {
	o    Options
	cfg  *config.Config
	root *os.Root
	open map[string]*conn
	res  *Result
}

func (p *puller) closeAll() {
	for _, c := range p.open {
		if c.src != nil {
			c.src.Close()
		}
	}
}

// source returns the named source, connecting on first use.
func (p *puller) source(ctx context.Context, name string) (source.Source, error) {
	if c, ok := p.open[name]; ok {
		return c.src, c.err
	}
	src, err := source.Open(ctx, source.Options{
		Name: name, Source: p.cfg.Sources[name], SiteDir: p.o.SiteDir, Getenv: p.o.Getenv, Backoff: p.o.Backoff,
		Log: func(msg string) { fmt.Fprintln(p.o.Log, msg) },
	})
	p.open[name] = &conn{src: src, err: err}
	return src, err
}

// lost forgets a source whose connection broke, so the next folder
// connects again.
func (p *puller) lost(name string) {
	if c := p.open[name]; c != nil && c.src != nil {
		c.src.Close()
	}
	delete(p.open, name)
}

// folder pulls one folder: every query into a temporary file, then, when
// all succeeded, each snapshot and the lock into place.
func (p *puller) folder(ctx context.Context, f folder) diag.List {
	lock, err := snapshot.Read(p.root.FS(), f.dir)
	if err != nil {
		return diag.List{asDiag(err)}
	}
	params := source.Params{Edition: f.edition}
	if period, ok := content.EditionPeriod(f.edition); ok {
		params.Start, params.End = source.Date{Time: period.Start}, source.Date{Time: period.End}
	}
	var errs diag.List
	var done []*written
	defer func() {
		for _, w := range done {
			if w.tmp != "" {
				p.root.Remove(w.tmp)
			}
		}
	}()
	for _, q := range f.queries {
		name := strings.TrimSuffix(path.Base(q), path.Ext(q))
		src := p.cfg.SourceFor(name)
		if p.o.Source != "" && src != p.o.Source {
			continue
		}
		w, err := p.query(ctx, f, q, name, src, params, lock)
		if w != nil {
			done = append(done, w)
		}
		if err != nil {
			errs = append(errs, err...)
		}
	}
	if len(errs) > 0 || len(done) == 0 {
		return errs
	}
	for _, w := range done {
		if err := p.root.Rename(w.tmp, w.file); err != nil {
			return diag.List{{Pos: diag.Pos{File: w.file}, Msg: fmt.Sprintf("cannot write the snapshot: %v", err)}}
		}
		w.tmp = ""
		lock.Datasets[w.name] = w.entry
		p.res.Snapshots++
		p.res.Rows += w.entry.Rows
		p.res.Warnings = append(p.res.Warnings, w.warnings...)
		fmt.Fprintf(p.o.Log, "pulled %s: %s, %s from %s in %s\n", w.file, count(w.entry.Rows, "row"), count(int64(len(w.entry.Columns)), "column"),
			w.entry.Source, w.took.Round(time.Millisecond))
	}
	for name, e := range lock.Datasets {
		if _, err := p.root.Stat(path.Join(f.dir, e.Query)); err != nil {
			delete(lock.Datasets, name) // its query is gone: the file is the user's now
		}
	}
	lockFile := path.Join(f.dir, snapshot.LockFile)
	if err := publish.WriteAtomic(p.root, lockFile, lock.Encode()); err != nil {
		return diag.List{{Pos: diag.Pos{File: lockFile}, Msg: fmt.Sprintf("cannot write the lock file: %v", err)}}
	}
	p.res.Folders++
	return nil
}

func count(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func asDiag(err error) *diag.Error {
	var e *diag.Error
	if errors.As(err, &e) {
		return e
	}
	return &diag.Error{Msg: err.Error()}
}
