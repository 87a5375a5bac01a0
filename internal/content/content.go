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
	var errs diag.List
	tree := &Tree{}
	if err := checkDir(fsys); err != nil {
		return tree, diag.List{err}
	} else if _, err := fs.Stat(fsys, Dir); err != nil {
		return tree, nil // a site without content
	}
	bundles := map[string]bool{}
	resources := map[string][]string{} // bundle folder -> its other files
	var todo []pageFile
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: p}, "%v", err))
			return nil
		}
		name := d.Name()
		if d.IsDir() && tooDeep(p) {
			errs.Add(deepError(p))
			return fs.SkipDir
		}
		if p != Dir && hidden(name, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if lerr := checkEntry(fsys, p, d); lerr != nil {
			errs.Add(lerr)
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, Dir), "/")
		if d.IsDir() {
			if rel == DataDir {
				return nil
			}
			if _, err := fs.Stat(fsys, path.Join(p, "index.md")); err == nil && rel != "" {
				bundles[rel] = true
			}
			return nil
		}
		dir := path.Dir(rel)
		if dir == "." {
			dir = ""
		}
		switch {
		case dir == DataDir || strings.HasPrefix(dir, DataDir+"/"):
			if isQuery(name) {
				tree.Queries = append(tree.Queries, p)
			}
			if dataset.IsDataset(name) {
				tree.Data = append(tree.Data, p)
			}
			return nil
		case bundleOf(bundles, dir) != "":
			if name == "index.md" && bundles[dir] {
				break
			}
			owner := bundleOf(bundles, dir)
			if isQuery(name) {
				tree.Queries = append(tree.Queries, p)
				return nil
			}
			if name == snapshot.LockFile {
				return nil
			}
			if strings.EqualFold(path.Ext(name), ".md") {
				errs.Add(&diag.Error{Pos: diag.Pos{File: p}, Warning: true,
					Msg:  fmt.Sprintf("a markdown file inside the page bundle %s is not published", path.Join(Dir, owner)),
					Hint: "it is not a page: move it out of content/ to keep it private, or out of the bundle to make it a page"})
				return nil
			}
			resources[owner] = append(resources[owner], p)
			return nil
		case !strings.HasSuffix(name, ".md"):
			tree.Files = append(tree.Files, p)
			return nil
		}
		todo = append(todo, pageFile{p, rel})
		return nil
	})
	errs.Add(err)
	for _, r := range readPages(fsys, todo) {
		errs = append(errs, r.errs...)
		if r.page != nil && (drafts || !r.page.Draft) {
			tree.Pages = append(tree.Pages, r.page)
		}
	}
	for _, pg := range tree.Pages {
		if pg.Bundle {
			pg.Resources = resources[pg.Dir]
		}
	}
	sort.Slice(tree.Pages, func(i, j int) bool { return tree.Pages[i].File < tree.Pages[j].File })
	return tree, errs
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
