package pull

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/snapshot"
	"github.com/broadsheet/broadsheet/internal/source"
)

// SnapshotExt is the format snapshots are written in.
const SnapshotExt = ".csv"

// written is a snapshot in its temporary file, waiting for the folder's
// other queries.
type written struct {
	name     string // the dataset name
	file     string // where it goes
	tmp      string // where it is
	entry    *snapshot.Entry
	warnings diag.List
	took     time.Duration
}

// query runs one .sql file into a temporary snapshot.
func (p *puller) query(ctx context.Context, f folder, file, name, src string, params source.Params, lock *snapshot.Lock) (*written, diag.List) {
	if src == "" {
		return nil, diag.List{p.noSource(file, name)}
	}
	target := path.Join(f.dir, name+SnapshotExt)
	if err := p.checkTarget(f.dir, name, target, lock); err != nil {
		return nil, diag.List{err}
	}
	text, query, derr := p.readQuery(file)
	if derr != nil {
		return nil, diag.List{derr}
	}
	bound, args, err := source.Bind(query, params)
	if err != nil {
		return nil, diag.List{sourceError(file, query, err)}
	}
	db, err := p.source(ctx, src)
	if err != nil {
		e := sourceError(file, query, err)
		e.Pos = diag.Pos{File: config.File, Line: p.cfg.SourceLine(src)}
		return nil, diag.List{e}
	}
	start := time.Now()
	w := &written{name: name, file: target}
	entry, warnings, err := p.writeRows(ctx, db, bound, args, w)
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) && se.Kind == source.Connect {
			p.lost(src)
		}
		return w, diag.List{sourceError(file, query, err)}
	}
	entry.File, entry.Query, entry.QuerySHA256 = path.Base(target), path.Base(file), snapshot.Hash(text)
	entry.Source, entry.Driver = src, p.cfg.Sources[src].Driver
	entry.PulledAt = p.o.Now().UTC().Truncate(time.Second)
	for _, msg := range warnings {
		w.warnings = append(w.warnings, &diag.Error{Pos: diag.Pos{File: file}, Msg: msg, Warning: true})
	}
	w.entry, w.took = entry, time.Since(start)
	return w, nil
}

// noSource is the error of a query whose dataset names no source.
func (p *puller) noSource(file, name string) *diag.Error {
	at := diag.Pos{File: file}
	if len(p.cfg.Sources) == 0 {
		return &diag.Error{Pos: at, Msg: fmt.Sprintf("dataset %q has a query, but site.toml declares no source", name),
			Hint: `declare one, such as [sources.warehouse] with driver = "postgres" and dsn_env = "WAREHOUSE_DSN"`}
	}
	return &diag.Error{Pos: at, Msg: fmt.Sprintf("dataset %q has a query, but the site has %d sources and the dataset names none", name, len(p.cfg.Sources)),
		Hint: fmt.Sprintf("set source under [datasets.%s] in site.toml to one of %s", name, strings.Join(p.cfg.SourceNames(), ", "))}
}

// readQuery reads a query file: its bytes (whose hash the lock keeps) and
// its text without a byte-order mark.
func (p *puller) readQuery(file string) ([]byte, string, *diag.Error) {
	text, err := limits.ReadFile(p.root.FS(), file)
	if err != nil {
		return nil, "", &diag.Error{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot read the query: %v", err)}
	}
	query := strings.TrimPrefix(string(text), "\ufeff")
	if strings.TrimSpace(stripComments(query)) == "" {
		return nil, "", &diag.Error{Pos: diag.Pos{File: file}, Msg: "the query file holds no query", Hint: "write one SELECT statement"}
	}
	return text, query, nil
}

// writeRows streams the query's rows into a temporary file beside w's
// target, which it names in w.tmp.
func (p *puller) writeRows(ctx context.Context, db source.Source, bound string, args []any, w *written) (*snapshot.Entry, []string, error) {
	out, tmp, err := publish.CreateTemp(p.root, w.file)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot write beside the query: %w", err)
	}
	w.tmp = tmp
	bw := bufio.NewWriterSize(out, 64<<10)
	entry, warnings, err := copyRows(ctx, db, bound, args, bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return entry, warnings, err
}

// checkTarget refuses to replace a dataset file that pull did not write,
// and a query whose dataset another file of the folder already provides.
func (p *puller) checkTarget(dir, name, target string, lock *snapshot.Lock) *diag.Error {
	entries, err := fs.ReadDir(p.root.FS(), dir)
	if err != nil {
		return &diag.Error{Pos: diag.Pos{File: dir}, Msg: err.Error()}
	}
	for _, e := range entries {
		n := e.Name()
		ext := strings.ToLower(path.Ext(n))
		if strings.TrimSuffix(n, path.Ext(n)) != name || !isDatasetExt(ext) {
			continue
		}
		file := path.Join(dir, n)
		if file != target {
			return &diag.Error{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("dataset %q is provided by this file, and %s.sql would write %s", name, name, path.Base(target)),
				Hint: "remove one of them: a query's result is the dataset"}
		}
		if le := lock.Datasets[name]; le == nil || le.File != n {
			return &diag.Error{Pos: diag.Pos{File: file}, Msg: "the file was not written by broadsheet pull, so pull will not replace it",
				Hint: fmt.Sprintf("move it out of the folder (or delete it) to let %s.sql write the dataset", name)}
		}
	}
	return nil
}

func isDatasetExt(ext string) bool {
	return slices.Contains(dataset.Formats, ext)
}

// sourceError places a source's error at the query file, on the line (and
// column) the database pointed at.
func sourceError(file, query string, err error) *diag.Error {
	var se *source.Error
	if !errors.As(err, &se) {
		return &diag.Error{Pos: diag.Pos{File: file}, Msg: err.Error()}
	}
	e := &diag.Error{Pos: diag.Pos{File: file}, Msg: se.Msg, Hint: se.Hint}
	if se.Offset >= 0 && se.Offset <= len(query) {
		before := query[:se.Offset]
		e.Pos.Line = 1 + strings.Count(before, "\n")
		e.Pos.Col = 1 + len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
	}
	if se.Kind == source.SQL && e.Pos.Line == 0 {
		e.Pos.Line = 1
	}
	return e
}

// stripComments removes -- comments, to tell a file of comments alone.
func stripComments(q string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(q, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
