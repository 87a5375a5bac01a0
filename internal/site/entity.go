package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"maps"

	"sort"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Entity is what an entity page shows: one thing (an account, a bank) of a
// dataset declared under [entities.NAME], across the editions.
type Entity struct {
	// Set is the declaration's name (the pages' folder); SetTitle its title.
	Set, SetTitle string
	// Key is the thing's key value, also the page's title.
	Key string
	// Editions are the editions whose dataset has the thing, oldest first,
	// with its rank in each; Mentions are the editions whose text names it.
	Editions []EntityEdition
	Mentions []*Page
	// Latest is the newest of Editions.
	Latest EntityEdition
	// history is one row per edition: edition, edition_date, rank, figures.
	history *dataset.Table
}

// EntityEdition is a thing's place in one edition.
type EntityEdition struct {
	Page *Page
	Rank int
}

// History columns of an entity page's table and chart, besides the
// declared figures.
const (
	HistoryEdition = "edition"
	HistoryRank    = "rank"
)

// EntityPath is where the page of key in the entity set is published:
// "accounts/微众银行/". Characters other than letters, digits, "-" and "_"
// become "-", and a key that had any (or none left) gets a short hash of
// itself, so two keys never share a path.
func EntityPath(set, key string) string {
	slug := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, key)
	for strings.Contains(slug, "--") {
		slug = strings.ReplaceAll(slug, "--", "-")
	}
	slug = strings.Trim(slug, "-")
	if slug != key || slug == "" {
		sum := sha256.Sum256([]byte(key))
		slug = strings.TrimSuffix(slug+"-", "-") + "-" + hex.EncodeToString(sum[:])[:8]
		slug = strings.TrimPrefix(slug, "-")
	}
	return set + "/" + slug + "/"
}

// entities reads the dataset of every declared entity set in every
// edition, and adds a page per key and a list page per set.
func (s *Site) entities(data *registry) diag.List {
	var errs diag.List
	names := make([]string, 0, len(s.Config.Entities))
	for n := range s.Config.Entities {
		names = append(names, n)
	}
	sort.Strings(names)
	s.entityLinks = map[string]map[string]string{}
	for _, name := range names {
		decl := s.Config.Entities[name]
		pos := diag.Pos{File: config.File, Line: s.Config.EntityLine(name)}
		if s.pathTaken(name + "/") {
			errs = append(errs, &diag.Error{Pos: pos, Msg: fmt.Sprintf("entities %q: the site has pages under %s/ already; entity pages would take their place", name, name),
				Hint: "rename the [entities." + name + "] table in site.toml"})
			continue
		}
		list, err := s.entitySet(name, decl, data)
		if err != nil {
			errs.Add(err)
			continue
		}
		if len(list) == 0 {
			errs = append(errs, &diag.Error{Pos: pos, Msg: fmt.Sprintf("entities %q: no edition has a dataset %q, so there are no pages to make", name, decl.Dataset),
				Hint: fmt.Sprintf("put %s.csv (or %s) in the edition folders", decl.Dataset, strings.Join(dataset.Formats[1:], ", ")), Warning: true})
			continue
		}
		sec := &Page{Page: &content.Page{Kind: content.KindSection, Dir: name, Section: name, Path: name + "/",
			FrontMatter: content.FrontMatter{Title: decl.Title}}, Files: map[string][]byte{}}
		links := map[string]string{}
		for _, p := range list {
			sec.Children = append(sec.Children, p)
			links[p.Entity.Key] = p.Path
		}
		s.entityLinks[decl.Dataset+"\x00"+decl.Key] = links
		s.Sections[name] = sec
		s.Pages = append(s.Pages, sec)
		s.Pages = append(s.Pages, list...)
		if len(s.Config.Menu) == 0 {
			s.Menu = append(s.Menu, MenuEntry{Name: decl.Title, Path: sec.Path, Section: name})
		}
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].Path < s.Pages[j].Path })
	return errs
}

// pathTaken reports whether a page is published at dir or under it.
func (s *Site) pathTaken(dir string) bool {
	for _, p := range s.Pages {
		if strings.HasPrefix(p.Path, dir) {
			return true
		}
	}
	return false
}

// entitySet makes the pages of one set, ordered by their latest rank.
func (s *Site) entitySet(name string, decl config.EntityDecl, data *registry) ([]*Page, error) {
	byKey := map[string]*Page{}
	var order []*Page
	for _, ed := range s.Editions {
		f := bundleDataset(ed, decl.Dataset)
		if f == "" {
			continue
		}
		t, ranks, err := s.entityTable(name, decl, data, f)
		if err != nil {
			return nil, err
		}
		for r := range t.Len() {
			key := t.Column(decl.Key).Text(r)
			if key == "" {
				continue
			}
			p := byKey[key]
			if p == nil {
				p = s.entityPage(name, decl, key, t)
				byKey[key] = p
				order = append(order, p)
			}
			p.Entity.addRow(ed, decl, t, r, ranks[r])
		}
	}
	for _, p := range order {
		e := p.Entity
		e.Latest = e.Editions[len(e.Editions)-1]
		p.Date = e.Latest.Page.Date
		p.Summary = locale.Of(s.Config.Language).Format(locale.EntitySummary, e.Latest.Page.Edition.Name, e.Latest.Rank)
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i].Entity.Latest, order[j].Entity.Latest
		if a.Page != b.Page {
			return a.Page.Edition.Index > b.Page.Edition.Index
		}
		return a.Rank < b.Rank
	})
	return order, nil
}

// entityTable reads an edition's copy of a set's dataset, checks that it
// has the declared columns, and ranks its rows.
func (s *Site) entityTable(name string, decl config.EntityDecl, data *registry, f string) (*dataset.Table, []int, error) {
	t, err := data.read(f)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range append([]string{decl.Key}, decl.Columns...) {
		if t.Column(c) != nil {
			continue
		}
		what := "column"
		if c == decl.Key {
			what = "key column"
		}
		return nil, nil, &diag.Error{Pos: diag.Pos{File: f, Line: 1}, Msg: fmt.Sprintf("entities %q: dataset %q has no %s %q", name, decl.Dataset, what, c),
			Hint: diag.DidYouMean(c, t.Names())}
	}
	ranks, err := query.Rank(t, []string{decl.Rank})
	if err != nil {
		return nil, nil, &diag.Error{Pos: diag.Pos{File: config.File, Line: s.Config.EntityLine(name)}, Msg: fmt.Sprintf("entities %q: rank %q: %v", name, decl.Rank, err),
			Hint: "rank by a column of the dataset, such as rank = \"-" + decl.Columns[0] + "\""}
	}
	return t, ranks, nil
}

// addRow adds row r of an edition's table to the entity's history; a key
// twice in one edition counts by its first row.
func (e *Entity) addRow(ed *Page, decl config.EntityDecl, t *dataset.Table, r, rank int) {
	if n := len(e.Editions); n > 0 && e.Editions[n-1].Page == ed {
		return
	}
	e.Editions = append(e.Editions, EntityEdition{Page: ed, Rank: rank})
	h := e.history
	h.Columns[0].Append(ed.Edition.Name)
	h.Columns[1].Append(int64(rank))
	for i, c := range decl.Columns {
		src := t.Column(c)
		switch {
		case src.IsNull(r):
			h.Columns[2+i].Append(nil)
		case src.Type == dataset.String:
			h.Columns[2+i].Append(src.Str[r])
		default:
			h.Columns[2+i].Append(src.Num[r])
		}
	}
}

// entityPage starts the page of one key, its history table empty.
func (s *Site) entityPage(set string, decl config.EntityDecl, key string, t *dataset.Table) *Page {
	cols := []*dataset.Column{dataset.NewColumn(HistoryEdition, dataset.String, 0), dataset.NewColumn(HistoryRank, dataset.Int, 0)}
	for _, c := range decl.Columns {
		typ := t.Column(c).Type
		if typ.Numeric() {
			typ = dataset.Float
		}
		col := dataset.NewColumn(c, typ, 0)
		col.Format = t.Column(c).Format
		cols = append(cols, col)
	}
	return &Page{
		Page: &content.Page{Kind: content.KindPage, Dir: strings.TrimSuffix(EntityPath(set, key), "/"), Section: set, Path: EntityPath(set, key),
			FrontMatter: content.FrontMatter{Title: key}},
		Files:  map[string][]byte{},
		Entity: &Entity{Set: set, SetTitle: decl.Title, Key: key, history: &dataset.Table{Name: "history", Columns: cols}},
	}
}

// entityLink returns the page path of a value of a dataset's column, when
// the column is the key of an entity set.
func (s *Site) entityLink(dataName, column, value string) string {
	links := s.entityLinks[strings.TrimPrefix(dataName, EditionsPrefix)+"\x00"+column]
	if links == nil {
		return ""
	}
	p, ok := links[value]
	if !ok {
		return ""
	}
	out := rootMark + p
	if s.Config.BaseURL == "" {
		out += "index.html"
	}
	return out
}

// convertEntities writes each entity page's trend chart and table through
// the block renderer, and finds the editions whose text names the thing.
func (s *Site) convertEntities() diag.List {
	var errs diag.List
	for _, p := range s.Pages {
		e := p.Entity
		if e == nil {
			continue
		}
		decl := s.Config.Entities[e.Set]
		env := &block.Env{
			Lang:     s.Config.Language,
			Page:     config.File,
			Lookup:   func(string) (*dataset.Table, error) { return e.history, nil },
			Height:   s.Config.Charts.Height,
			Renderer: s.Config.Charts.Renderer,
			Key:      func(string) []string { return []string{HistoryEdition} },
		}
		var html strings.Builder
		for i, spec := range entityBlocks(decl, s.Config.Language) {
			src, err := toml.Marshal(spec.fields)
			if err != nil {
				errs.Add(err)
				continue
			}
			out, berrs := block.Render(env, spec.kind, string(src), diag.Pos{File: config.File, Line: s.Config.EntityLine(e.Set)}, fmt.Sprintf("%s-%d", spec.kind, i+1))
			if berrs.Err() != nil {
				errs = append(errs, berrs...)
				continue
			}
			html.WriteString(string(out.HTML))
			html.WriteByte('\n')
			p.Charts += out.Charts
			for name, data := range out.Files {
				if p.Outputs == nil {
					p.Outputs = map[string][]byte{}
				}
				p.Outputs[name] = data
			}
		}
		p.Content = template.HTML(html.String())
		for _, ed := range s.Editions {
			if strings.Contains(string(ed.Content), e.Key) {
				e.Mentions = append(e.Mentions, ed)
			}
		}
	}
	return errs
}

type entityBlock struct {
	kind   string
	fields map[string]any
}

// entityBlocks are the chart and table of an entity page, as block specs.
func entityBlocks(decl config.EntityDecl, lang string) []entityBlock {
	l := locale.Of(lang)
	labels := map[string]string{HistoryEdition: l.Word(locale.HistoryEdition), HistoryRank: l.Word(locale.HistoryRank)}
	maps.Copy(labels, decl.Labels)
	figure := decl.Columns[0]
	name := labels[figure]
	if name == "" {
		name = figure
	}
	chart := map[string]any{"type": "line", "data": "history", "x": HistoryEdition, "y": figure, "names": labels, "title": name}
	table := map[string]any{"data": "history", "columns": append([]string{HistoryEdition, HistoryRank}, decl.Columns...), "labels": labels}
	if decl.Format != "" {
		chart["format"] = decl.Format
		table["format"] = decl.Format
	}
	return []entityBlock{{"chart", chart}, {"table", table}}
}
