// Package build runs the stages of a build in order (load the configuration,
// content and datasets into a site model, render it, publish it) and reports
// what was built. The command line, the preview server and the tests all
// build through Run.
package build

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	broadsheet "github.com/broadsheet/broadsheet"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/render"
	"github.com/broadsheet/broadsheet/internal/site"
	"github.com/broadsheet/broadsheet/internal/sqlengine"
	"github.com/broadsheet/broadsheet/internal/ssr"
)

// Options say what to build.
type Options struct {
	// Source is the site folder, read through SourceFS when that is set.
	Source   string
	SourceFS fs.FS
	// Drafts includes pages with draft = true.
	Drafts bool
	// BaseURL, when not empty, replaces site.toml's baseURL.
	BaseURL string
	// Strict turns warnings into errors.
	Strict bool
	// ThemeFS replaces the built-in theme (for tests); nil means the
	// embedded one.
	ThemeFS fs.FS
	// CacheDir holds the charts' SVG drawings between builds: "" is the
	// default folder (ssr.DefaultDir), "-" caches nothing.
	CacheDir string
	// DrawSVG draws the charts as SVG even when site.toml turns it off
	// (a PDF needs the drawings).
	DrawSVG bool
	// Progress, when set, is called as each stage starts.
	Progress func(stage string)
	// Waiting, when set, is called once by Write when it has waited about
	// a second for another build writing the same output folder.
	Waiting func()
	// Date is the build's date shown to readers; zero: today (UTC). The
	// command line sets it from SOURCE_DATE_EPOCH.
	Date time.Time
}

// Stage is the time one stage took.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Result describes a build.
type Result struct {
	Site *site.Site
	// Tree holds the output files.
	Tree *publish.Tree
	// Warnings are problems that did not stop the build.
	Warnings diag.List
	Stages   []Stage
	Duration time.Duration
}

// Run builds the site into memory. It returns the problems found as a
// diag.List error, all of them, sorted by file and line.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{Tree: publish.NewTree()}
	stage := func(name string, t0 time.Time) {
		res.Stages = append(res.Stages, Stage{Name: name, Duration: time.Since(t0)})
	}
	progress := func(name string) {
		if opts.Progress != nil {
			opts.Progress(name)
		}
	}
	progress("load")
	fsys := opts.SourceFS
	if fsys == nil {
		// An os.Root refuses paths and symbolic links that leave the site.
		root, err := os.OpenRoot(opts.Source)
		if err != nil {
			return res, fmt.Errorf("site folder: %w", err)
		}
		defer root.Close()
		fsys = root.FS()
	}
	t0 := time.Now()
	s, errs := site.Load(fsys, site.Options{Drafts: opts.Drafts, BaseURL: opts.BaseURL, SQL: newSQL, Date: opts.Date})
	stage("load", t0)
	res.Warnings = errs.Warnings()
	if err := check(errs, opts.Strict); err != nil {
		return res, err
	}
	res.Site = s
	theme := opts.ThemeFS
	if theme == nil {
		theme = broadsheet.Theme
	}
	progress("render")
	t0 = time.Now()
	r, rerrs := render.New(s, render.Layers{fsys, theme}, res.Tree)
	if err := check(append(errs, rerrs...), opts.Strict); err != nil {
		return res, err
	}
	if s.Config.Charts.SVG || opts.DrawSVG {
		if err := check(append(errs, r.DrawCharts(cacheDir(opts.CacheDir))...), opts.Strict); err != nil {
			return res, err
		}
	}
	rerrs = r.All(res.Tree, fsys)
	rerrs = append(rerrs, res.Tree.Collisions()...)
	res.Warnings = append(res.Warnings, rerrs.Warnings()...)
	stage("render", t0)
	if err := check(append(errs, rerrs...), opts.Strict); err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

func cacheDir(dir string) string {
	switch dir {
	case "":
		return ssr.DefaultDir()
	case "-":
		return ""
	}
	return dir
}

// newSQL starts a SQL engine for a page whose blocks have sql.
func newSQL(lookup func(string) (*dataset.Table, error)) site.SQLEngine {
	return sqlengine.New(lookup)
}

// check returns the list as an error when it has errors, or warnings and
// strict is set.
func check(errs diag.List, strict bool) error {
	errs = errs.Sort()
	if strict && len(errs) > 0 {
		for i, e := range errs {
			c := *e
			c.Warning = false
			errs[i] = &c
		}
		return errs
	}
	if errs.Err() == nil {
		return nil
	}
	return errs.Errors()
}

// Write builds the site and writes it to out atomically. On any error the
// previous contents of out are left as they were.
func Write(opts Options, out string) (*Result, error) {
	if opts.SourceFS == nil {
		if err := publish.CheckOutside(out, opts.Source); err != nil {
			return nil, err
		}
	}
	res, err := Run(opts)
	if err != nil {
		return res, err
	}
	if opts.Progress != nil {
		opts.Progress("write")
	}
	t0 := time.Now()
	if err := res.Tree.WriteWaiting(out, opts.Waiting); err != nil {
		return res, err
	}
	res.Stages = append(res.Stages, Stage{Name: "write", Duration: time.Since(t0)})
	res.Duration += time.Since(t0)
	return res, nil
}
