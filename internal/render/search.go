package render

import (
	"sort"
	"strings"

	"github.com/broadsheet/broadsheet/internal/parallel"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/search"
	"github.com/broadsheet/broadsheet/internal/site"
)

// buildSearch indexes every page of the site (the newest edition first,
// then the rest by path) and adds the index files to tree. It returns the
// index, whose Entry the search box loads.
func buildSearch(s *site.Site, tree *publish.Tree) *search.Index {
	pages := make([]*site.Page, 0, len(s.Pages))
	for i := len(s.Editions) - 1; i >= 0; i-- {
		pages = append(pages, s.Editions[i])
	}
	var rest []*site.Page
	for _, p := range s.Pages {
		if p.Edition == nil {
			rest = append(rest, p)
		}
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Path < rest[j].Path })
	pages = append(pages, rest...)
	docs := make([]search.Doc, len(pages))
	parallel.Do(len(pages), func(i int) {
		p := pages[i]
		link := escapePath(p.Path)
		if s.Config.BaseURL == "" && (p.Path == "" || p.Path[len(p.Path)-1] == '/') {
			link += "index.html"
		}
		docs[i] = search.Doc{Link: link, Title: p.Title, Label: searchLabel(s, p), Text: search.TextOf(p.Summary, string(p.Content))}
	})
	ix := search.Build(docs)
	for name, data := range ix.Files {
		tree.Put(name, "the search index", data)
	}
	return ix
}

// searchLabel says where a result belongs: its edition, or its section.
func searchLabel(s *site.Site, p *site.Page) string {
	if p.Edition != nil {
		return p.Edition.Name
	}
	if sec := s.Sections[p.Section]; sec != nil && sec != p {
		return sec.Title
	}
	return ""
}

// Search is what the search box needs: the index's entry file and the way
// to the site root, or nil where there is no box (the 404 page, which is
// served at addresses it cannot know).
func (v *View) Search() *SearchBox {
	if v.notFound || v.r.search == nil {
		return nil
	}
	root := v.root()
	return &SearchBox{Root: root, Index: v.r.search.Entry}
}

// SearchBox is the search form's data.
type SearchBox struct {
	// Root leads from the page to the site root; Index is the entry
	// file's site path.
	Root, Index string
}

// Sortable reports whether the page has a table readers can sort, which
// loads the sorting script.
func (v *View) Sortable() bool {
	return strings.Contains(string(v.Page.Content), `<table class="bs-table">`)
}
