// Package content walks a site's content/ folder: pages with TOML front
// matter, sections with _index.md, page bundles (a folder with index.md and the
// files published beside it), site-wide datasets in content/data/, and other
// files that are published as they are.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/parallel"
	"github.com/broadsheet/broadsheet/internal/snapshot"
)

// Dir is the folder of a site that holds its content.
const Dir = "content"

// DataDir is the folder under content/ that holds site-wide datasets.
const DataDir = "data"

// Kind tells what a page is.
type Kind int

// Page kinds.
const (
	KindPage Kind = iota
	KindSection
	KindHome
)

// Page is one markdown file with its front matter, not yet converted.
type Page struct {
	// File is the source, slash-separated and relative to the site folder.
	File string
	// Dir is the page's folder relative to content/ ("" at the top).
	Dir string
	// Kind is page, section or home.
	Kind Kind
	// Section is the top-level folder the page lives in ("" for top-level pages).
	Section string
	// Path is where the page is published, relative to the output root:
	// "" for home, "about/" for content/about.md.
	Path string
	// Bundle is true for a folder's index.md; Resources then lists the
	// folder's other files (site-relative), which are published beside it.
	Bundle    bool
	Resources []string
	FrontMatter
	// Body is the markdown after the front matter; BodyLine is the line of
	// File on which it starts.
	Body     []byte
	BodyLine int
	// FrontMatterErrors is set when the front matter could not be read; its
	// errors are reported, and checks of its values are not.
	FrontMatterErrors bool
}

// Tree is everything found under content/.
type Tree struct {
	Pages []*Page
	// Data lists the site-wide dataset files (site-relative paths).
	Data []string
	// Files lists other files outside bundles, published at their path
	// under content/ (site-relative paths).
	Files []string
	// Queries lists the .sql query files of bundles and content/data/
	// (site-relative paths). They are not published.
	Queries []string
}

// Load walks content/ in fsys (the site folder). Drafts are left out unless
// drafts is true. Every problem is returned in the diag.List, and the tree
// holds every page that could be read.
func Load(fsys fs.FS, drafts bool) (*Tree, diag.List) {
	if err := checkDir(fsys); err != nil {
		return &Tree{}, diag.List{err}
	} else if _, err := fs.Stat(fsys, Dir); err != nil {
		return &Tree{}, nil // a site without content
	}
	w := &walker{fsys: fsys, tree: &Tree{}, bundles: map[string]bool{}, resources: map[string][]string{}}
	w.errs.Add(fs.WalkDir(fsys, Dir, w.visit))
	w.readPages(drafts)
	return w.tree, w.errs
}

// walker is the state of Load's walk over content/.
type walker struct {
	fsys      fs.FS
	tree      *Tree
	errs      diag.List
	bundles   map[string]bool     // page bundle folders, content-relative
	resources map[string][]string // bundle folder -> its other files
	todo      []pageFile          // the markdown pages to read
}

// visit takes one entry of the walk: it skips hidden and unsafe entries,
// notes page bundles, and files the rest.
func (w *walker) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		w.errs.Add(diag.Errorf(diag.Pos{File: p}, "%v", err))
		return nil
	}
	if d.IsDir() && tooDeep(p) {
		w.errs.Add(deepError(p))
		return fs.SkipDir
	}
	if p != Dir && hidden(d.Name(), d.IsDir()) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if lerr := checkEntry(w.fsys, p, d); lerr != nil {
		w.errs.Add(lerr)
		return nil
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(p, Dir), "/")
	if d.IsDir() {
		w.folder(p, rel)
	} else {
		w.file(p, rel, d.Name())
	}
	return nil
}

// folder notes a folder holding index.md as a page bundle.
func (w *walker) folder(p, rel string) {
	if rel == DataDir || rel == "" {
		return
	}
	if _, err := fs.Stat(w.fsys, path.Join(p, "index.md")); err == nil {
		w.bundles[rel] = true
	}
}

// file files one file: site-wide data and queries, a bundle's resources,
// a page, or a file published as it is.
func (w *walker) file(p, rel, name string) {
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	owner := bundleOf(w.bundles, dir)
	switch {
	case dir == DataDir || strings.HasPrefix(dir, DataDir+"/"):
		w.siteData(p, name)
	case owner != "" && !(name == "index.md" && w.bundles[dir]):
		w.resource(p, name, owner)
	case !strings.HasSuffix(name, ".md"):
		w.tree.Files = append(w.tree.Files, p)
	default:
		w.todo = append(w.todo, pageFile{p, rel})
	}
}

// siteData files a file of content/data/: a dataset or a query.
func (w *walker) siteData(p, name string) {
	if isQuery(name) {
		w.tree.Queries = append(w.tree.Queries, p)
	}
	if dataset.IsDataset(name) {
		w.tree.Data = append(w.tree.Data, p)
	}
}

// resource files a file inside the page bundle owner: a query, the lock of
// its snapshots, or a resource published with the page. Markdown there is
// not a page, and says so.
func (w *walker) resource(p, name, owner string) {
	switch {
	case isQuery(name):
		w.tree.Queries = append(w.tree.Queries, p)
	case name == snapshot.LockFile:
	case strings.EqualFold(path.Ext(name), ".md"):
		w.errs.Add(&diag.Error{Pos: diag.Pos{File: p}, Warning: true,
			Msg:  fmt.Sprintf("a markdown file inside the page bundle %s is not published", path.Join(Dir, owner)),
			Hint: "it is not a page: move it out of content/ to keep it private, or out of the bundle to make it a page"})
	default:
		w.resources[owner] = append(w.resources[owner], p)
	}
}

// readPages reads the pages found, in parallel, keeps those to publish and
// hands each bundle its resources.
func (w *walker) readPages(drafts bool) {
	for _, r := range readPages(w.fsys, w.todo) {
		w.errs = append(w.errs, r.errs...)
		if r.page != nil && (drafts || !r.page.Draft) {
			w.tree.Pages = append(w.tree.Pages, r.page)
		}
	}
	for _, pg := range w.tree.Pages {
		if pg.Bundle {
			pg.Resources = w.resources[pg.Dir]
		}
	}
	sort.Slice(w.tree.Pages, func(i, j int) bool { return w.tree.Pages[i].File < w.tree.Pages[j].File })
}

// pageFile is a page's markdown file, by its site path and its path in content/.
type pageFile struct{ file, rel string }

// pageRead is a page read from its file, or the problems that kept it out.
type pageRead struct {
	page *Page
	errs diag.List
}

// readPages reads and parses the pages on all cores, keeping their order.
func readPages(fsys fs.FS, todo []pageFile) []pageRead {
	done := make([]pageRead, len(todo))
	parallel.Do(len(todo), func(i int) {
		done[i].page, done[i].errs = readPage(fsys, todo[i].file, todo[i].rel)
	})
	return done
}

// hidden reports whether an entry of content/ is left out: a name that
// starts with "." and a folder that starts with "_" ("_index.md" is read).
func hidden(name string, isDir bool) bool {
	if strings.HasPrefix(name, ".") {
		return true
	}
	return strings.HasPrefix(name, "_") && isDir
}

// checkEntry refuses a walked entry that is not read: a symbolic link out of
// the site (the site's os.Root refuses it), to nothing or to a folder, and a
// named pipe, socket or device.
func checkEntry(fsys fs.FS, p string, d fs.DirEntry) *diag.Error {
	mode, err := linkedMode(fsys, p, d)
	if err != nil {
		return err
	}
	if err := limits.CheckRegular(mode); err != nil {
		return &diag.Error{Pos: diag.Pos{File: p}, Msg: err.Error(), Hint: "only files and folders are read; remove it from content/"}
	}
	return nil
}

// linkedMode is the type of the entry, or of the file a symbolic link leads to.
func linkedMode(fsys fs.FS, p string, d fs.DirEntry) (fs.FileMode, *diag.Error) {
	mode := d.Type()
	if mode&fs.ModeSymlink == 0 {
		return mode, nil
	}
	st, err := fs.Stat(fsys, p)
	if err != nil {
		return 0, &diag.Error{Pos: diag.Pos{File: p}, Msg: "symbolic link leads outside the site folder, or nowhere", Hint: "copy the file into the site instead"}
	}
	if st.IsDir() {
		return 0, &diag.Error{Pos: diag.Pos{File: p}, Msg: "symbolic links to folders are not followed", Hint: "copy the folder into the site instead"}
	}
	return st.Mode(), nil
}

// checkDir reports a content/ that exists but cannot be read: a symbolic
// link out of the site (which the site's os.Root refuses) or to nothing.
// Building it as an empty site would replace a good one.
func checkDir(fsys fs.FS) *diag.Error {
	_, err := fs.Stat(fsys, Dir)
	if err == nil {
		return nil
	}
	if st, lerr := fs.Lstat(fsys, Dir); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
		return &diag.Error{Pos: diag.Pos{File: Dir}, Msg: "symbolic link leads outside the site folder, or nowhere", Hint: "copy the folder into the site instead"}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return &diag.Error{Pos: diag.Pos{File: Dir}, Msg: fmt.Sprintf("cannot read the folder: %v", err)}
}

// invalidUTF8 reports the first byte of src that is not UTF-8, at its line.
func invalidUTF8(file string, src []byte) *diag.Error {
	i := 0
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	return &diag.Error{Pos: diag.Pos{File: file, Line: 1 + bytes.Count(src[:i], []byte("\n"))},
		Msg: fmt.Sprintf("byte 0x%02X is not UTF-8", src[i]), Hint: "save the file as UTF-8"}
}

func isQuery(name string) bool {
	return strings.EqualFold(path.Ext(name), snapshot.QueryExt)
}

func bundleOf(bundles map[string]bool, dir string) string {
	for d := dir; d != "" && d != "."; d = path.Dir(d) {
		if bundles[d] {
			return d
		}
		if !strings.Contains(d, "/") {
			break
		}
	}
	return ""
}

func readPage(fsys fs.FS, file, rel string) (*Page, diag.List) {
	src, err := limits.ReadFile(fsys, file)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: file}, "%v", err)}
	}
	if !utf8.Valid(src) {
		return nil, diag.List{invalidUTF8(file, src)}
	}
	front, body, bodyLine, err := Split(src)
	if err != nil {
		return nil, diag.List{diag.At(diag.Pos{File: file, Line: 1}, err)}
	}
	fm, errs := ParseFrontMatter(front)
	for i, e := range errs {
		errs[i] = diag.At(diag.Pos{File: file, Line: 1}, e)
	}
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	pg := &Page{File: file, Dir: dir, FrontMatter: fm, Body: body, BodyLine: bodyLine, FrontMatterErrors: len(errs) > 0}
	if before, _, ok := strings.Cut(dir, "/"); ok {
		pg.Section = before
	} else {
		pg.Section = dir
	}
	switch {
	case name == "_index.md" && dir == "":
		pg.Kind, pg.Path = KindHome, ""
	case name == "_index.md":
		pg.Kind, pg.Path = KindSection, dir+"/"
	case name == "index.md" && dir != "":
		pg.Bundle, pg.Path = true, dir+"/"
	default:
		pg.Path = path.Join(dir, strings.TrimSuffix(name, ".md")) + "/"
	}
	if pg.Bundle && !strings.Contains(dir, "/") {
		pg.Section = ""
	}
	return pg, errs
}
