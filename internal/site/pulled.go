package site

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/snapshot"
)

type lockEntry struct {
	once sync.Once
	lock *snapshot.Lock
	err  error
}

// lock returns the lock file of a folder, read on first use.
func (r *registry) lock(dir string) (*snapshot.Lock, error) {
	v, _ := r.locks.LoadOrStore(dir, &lockEntry{})
	le := v.(*lockEntry)
	le.once.Do(func() { le.lock, le.err = snapshot.Read(r.fsys, dir) })
	return le.lock, le.err
}

// withSnapshotTypes adds the column types that pull recorded for a
// snapshot file to its declaration; types declared in site.toml win.
func (r *registry) withSnapshotTypes(file string, decl dataset.Decl) (dataset.Decl, error) {
	lock, err := r.lock(path.Dir(file))
	if err != nil {
		return decl, err
	}
	e := lock.Datasets[stem(file)]
	if e == nil || e.File != path.Base(file) {
		return decl, nil
	}
	cols := e.Types()
	maps.Copy(cols, decl.Columns)
	decl.Columns = cols
	return decl, nil
}

// checkSnapshots warns about each query whose snapshot is missing, or was
// pulled with a different version of the query.
func checkSnapshots(fsys fs.FS, cfg *config.Config, r *registry, queries []string) diag.List {
	var errs diag.List
	for _, q := range queries {
		dir, name := path.Dir(q), strings.TrimSuffix(path.Base(q), path.Ext(q))
		lock, err := r.lock(dir)
		if err != nil {
			errs.Add(err)
			continue
		}
		how := "run broadsheet pull --all"
		if ed, ok := strings.CutPrefix(dir, path.Join(content.Dir, cfg.Editions.Section)+"/"); ok && !strings.Contains(ed, "/") {
			how = "run broadsheet pull --edition " + ed
		}
		at := diag.Pos{File: q}
		e := lock.Datasets[name]
		if e == nil {
			errs = append(errs, &diag.Error{Pos: at, Warning: true, Msg: fmt.Sprintf("the query has no snapshot: dataset %q was never pulled", name), Hint: how})
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(dir, e.File)); err != nil {
			errs = append(errs, &diag.Error{Pos: at, Warning: true, Msg: fmt.Sprintf("the query's snapshot %s is missing", e.File), Hint: how})
			continue
		}
		src, err := limits.ReadFile(fsys, q)
		if err != nil {
			errs.Add(diag.Errorf(at, "%v", err))
			continue
		}
		if snapshot.Hash(src) != e.QuerySHA256 {
			errs = append(errs, &diag.Error{Pos: at, Warning: true,
				Msg:  fmt.Sprintf("the query changed after %s was pulled (%s UTC), so the snapshot may not be its result", e.File, e.PulledAt.UTC().Format("2006-01-02 15:04")),
				Hint: how + " to pull it again"})
		}
	}
	return errs
}
