// Package render turns the site model into files: html/template over the
// theme (embedded, overridden file by file by a site's own templates/ and
// assets/), fingerprinted CSS and JS, the sitemap and the editions feed.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/parallel"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/search"
	"github.com/broadsheet/broadsheet/internal/site"
)

// Layers are the folders templates and assets are looked up in, the site's
// own first; each is an fs.FS rooted where templates/ and assets/ live.
type Layers []fs.FS

// open finds name in the first layer that has it, and tells which layer.
// A file a layer has but cannot read is an error, not a reason to fall
// back to the next layer.
func (l Layers) open(name string) ([]byte, int, error) {
	for i, fsys := range l {
		b, err := limits.ReadFile(fsys, name)
		if err == nil {
			return b, i, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, i, err
		}
	}
	return nil, -1, fs.ErrNotExist
}

// walk lists the files under dir across all layers, each name once.
func (l Layers) walk(dir string) []string {
	seen := map[string]bool{}
	for _, fsys := range l {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				seen[p] = true
			}
			return nil
		})
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// kinds are the page templates; each defines "main" for baseof.html.
var kinds = []string{"home", "page", "section", "404", "entity"}

// Renderer holds the parsed templates and published assets of one build.
type Renderer struct {
	site   *site.Site
	layers Layers
	sets   map[string]*template.Template
	// assets maps a logical asset name (css/base.css) to its output path.
	assets map[string]string
	css    []string
	// tree is the output, for assets that a page inlines.
	tree *publish.Tree
	// search is the site's search index.
	search *search.Index
	// svg, when set, puts each chart's SVG drawing into its page.
	svg *svgState
}

// New parses the templates and publishes the assets into tree. Template
// errors are reported with the template file and line.
func New(s *site.Site, layers Layers, tree *publish.Tree) (*Renderer, diag.List) {
	r := &Renderer{site: s, layers: layers, sets: map[string]*template.Template{}, assets: map[string]string{}, tree: tree}
	var errs diag.List
	for _, name := range layers.walk("assets") {
		data, layer, err := layers.open(name)
		if err != nil {
			errs = append(errs, layers.unreadable(name))
			continue
		}
		out := name
		switch path.Ext(name) {
		case ".css", ".js":
			out = publish.Fingerprint(name, data)
		}
		logical := strings.TrimPrefix(name, "assets/")
		r.assets[logical] = out
		tree.Put(out, layers.source(name, layer), data)
		if path.Dir(logical) == "css" && path.Ext(name) == ".css" {
			r.css = append(r.css, logical)
		}
	}
	r.search = buildSearch(s, tree)
	partials := []string{}
	for _, name := range layers.walk("templates") {
		if strings.HasPrefix(name, "templates/partials/") {
			partials = append(partials, name)
		}
	}
	for _, kind := range kinds {
		set := template.New("baseof.html").Funcs(funcs)
		for _, name := range append([]string{"templates/baseof.html", "templates/" + kind + ".html"}, partials...) {
			src, _, err := layers.open(name)
			if err != nil {
				errs = append(errs, templateReadError(name, err))
				continue
			}
			t := set
			if name != "templates/baseof.html" {
				t = set.New(strings.TrimPrefix(name, "templates/"))
			}
			if _, err := t.Parse(string(src)); err != nil {
				errs = append(errs, templateError(err))
			}
		}
		r.sets[kind] = set
	}
	return r, errs.Sort()
}

// templateReadError reports a template that is missing, or an override
// that cannot be read.
func templateReadError(name string, err error) *diag.Error {
	if errors.Is(err, fs.ErrNotExist) {
		return &diag.Error{Pos: diag.Pos{File: name}, Msg: "template is missing", Hint: "the built-in theme has it; remove the override or restore the file"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &diag.Error{Pos: diag.Pos{File: name}, Msg: fmt.Sprintf("the template override cannot be read: %v", err),
		Hint: "make it a readable file inside the site folder, or remove it to use the built-in template"}
}

var templateErrRe = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

func templateError(err error) *diag.Error {
	msg := err.Error()
	if m := templateErrRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		file := m[1]
		if !strings.HasPrefix(file, "templates/") {
			file = "templates/" + file
		}
		return &diag.Error{Pos: diag.Pos{File: file, Line: line}, Msg: "template: " + m[3]}
	}
	return &diag.Error{Pos: diag.Pos{File: "templates"}, Msg: msg}
}

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

// bufPool holds page buffers, grown to the size of a page, for reuse.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Page renders one page at its own path (or at alias, when not empty, such
// as latest/ for the newest edition) into tree, with its files beside it.
func (r *Renderer) Page(p *site.Page, alias string, tree *publish.Tree) error {
	at := p.Path
	if alias != "" {
		at = alias
	}
	kind := "page"
	switch p.Kind {
	case content.KindHome:
		kind = "home"
	case content.KindSection:
		kind = "section"
	}
	if p.Entity != nil {
		kind = "entity"
	}
	v := r.view(p, at)
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := r.sets[kind].Execute(buf, v); err != nil {
		return templateError(err)
	}
	// The tree keeps the page until the build ends: keep an exact copy, not
	// the buffer and its spare capacity.
	named := func(source string) string {
		if alias != "" {
			return "the " + alias + " copy of " + source
		}
		return source
	}
	tree.Put(at+"index.html", named(pageSource(p)), bytes.Clone(buf.Bytes()))
	for name, data := range p.Files {
		tree.Put(at+name, named(content.Dir+"/"+p.Dir+"/"+name), data)
	}
	for name, data := range p.Outputs {
		tree.Put(at+name, named("the data of a chart in "+pageSource(p)), data)
	}
	return nil
}

// NotFound renders 404.html at the root.
func (r *Renderer) NotFound(tree *publish.Tree) error {
	p := &site.Page{Page: &content.Page{Kind: content.KindPage, Path: "404/", FrontMatter: content.FrontMatter{Title: locale.Of(r.site.Config.Language).Word(locale.NotFound)}}}
	v := r.view(p, "")
	v.notFound = true
	var buf bytes.Buffer
	if err := r.sets["404"].Execute(&buf, v); err != nil {
		return templateError(err)
	}
	tree.Put("404.html", "the not-found page", buf.Bytes())
	return nil
}

// All renders every page, the latest/ alias, 404.html, the content files,
// and, when the site has a baseURL, sitemap.xml and the editions feed.
func (r *Renderer) All(tree *publish.Tree, fsys fs.FS) diag.List {
	type job struct {
		p     *site.Page
		alias string
	}
	jobs := make([]job, 0, len(r.site.Pages)+1)
	for _, p := range r.site.Pages {
		jobs = append(jobs, job{p: p})
	}
	if n := len(r.site.Editions); n > 0 && r.site.Config.Editions.Latest {
		jobs = append(jobs, job{p: r.site.Editions[n-1], alias: "latest/"})
	}
	failed := make([]error, len(jobs))
	parallel.Do(len(jobs), func(i int) { failed[i] = r.Page(jobs[i].p, jobs[i].alias, tree) })
	var errs diag.List
	for _, err := range failed {
		errs.Add(err)
	}
	if r.svg != nil {
		errs = append(errs, r.svg.warnings()...)
		r.svg.drawer.Release()
	}
	errs.Add(r.NotFound(tree))
	for _, f := range r.site.Files {
		b, err := limits.ReadFile(fsys, f)
		if err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: f}, "%v", err))
			continue
		}
		tree.Put(strings.TrimPrefix(f, content.Dir+"/"), f, b)
	}
	if r.site.Config.BaseURL != "" {
		tree.Put("sitemap.xml", "the sitemap", r.sitemap())
		if len(r.site.Editions) > 0 {
			tree.Put("feed.xml", "the editions feed", r.feed())
		}
	}
	return errs.Sort()
}
