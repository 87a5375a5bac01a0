// Package site assembles the model of a site: pages converted from markdown
// with their blocks resolved against datasets, sections with their children,
// editions in order with their neighbours, and the navigation. It reads
// through an fs.FS and writes nothing.
package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/markdown"
	"github.com/broadsheet/broadsheet/internal/parallel"
)

// Site is the assembled model handed to the renderer.
type Site struct {
	Config *config.Config
	// Home is the home page (from content/_index.md, or an empty one).
	Home *Page
	// Pages holds every page, home and sections included, sorted by path.
	Pages []*Page
	// Sections maps a top-level section name to its list page.
	Sections map[string]*Page
	// Editions are the edition pages, oldest first.
	Editions []*Page
	// Archive is the edition section's list page, if the site has editions.
	Archive *Page
	// Menu is the site navigation.
	Menu []MenuEntry
	// Files are the content files published as they are (site-relative).
	Files []string
	// BuildDate is the day of the build: Options.Date, or today (UTC).
	BuildDate time.Time
	// Datasets is the number of datasets read.
	Datasets int
	// Charts is the number of charts drawn.
	Charts int
	// byFile finds a page by its source file.
	byFile map[string]*Page
	// entityLinks maps a dataset and key column to the page path of each
	// key value that has an entity page.
	entityLinks map[string]map[string]string
	// pageAt finds a page by the folder it is published at (latest/ too).
	pageAt map[string]*Page
	// newSQL makes the engine of blocks with sql; nil without one.
	newSQL NewSQLEngine
}

// MenuEntry is an item of the site navigation.
type MenuEntry struct {
	Name string
	// Path is a site path such as "about/", or an absolute URL.
	Path string
	// Section is the top-level section the entry leads to, for marking the
	// current entry.
	Section string
}

// Page is a page of the model.
type Page struct {
	*content.Page
	// Content is the converted body, its links to other pages written
	// from the site root.
	Content template.HTML
	// RootLinks are the offsets in Content where a link to another page
	// starts: the renderer puts there the way from where the page is
	// published to the site root, so one conversion serves every place a
	// page is published (an edition at editions/2022-03/ and at latest/).
	RootLinks []int
	// TOC lists the page's headings of level 2 and 3.
	TOC []markdown.Heading
	// Children are a section's pages, ordered by weight, date (newest
	// first) and title.
	Children []*Page
	// Files are published beside the page: bundle resources (by name).
	Files map[string][]byte
	// Outputs are published beside the page too: files made by blocks
	// (by name), such as chart data as CSV.
	Outputs map[string][]byte
	// Edition data; nil for pages that are not editions.
	Edition *Edition
	// Charts counts the page's charts; the chart script is loaded only
	// where it is above zero.
	Charts int
	// Entity is set on the page of one thing of an entity set.
	Entity *Entity
	// anchors are the ids of every heading on the page.
	anchors map[string]bool
	// fragments are the links from this page to headings of other pages,
	// checked once every page is converted.
	fragments []fragmentLink
}

// fragmentLink is a link to a heading of another page.
type fragmentLink struct {
	target *Page
	id     string
	line   int
}

// Edition places an edition page in the series.
type Edition struct {
	// Name is the folder name, e.g. "2022-03".
	Name string
	// Date orders the editions.
	Date       time.Time
	Index      int
	Prev, Next *Page
	// Latest is true for the newest edition.
	Latest bool
}

// Options control assembly.
type Options struct {
	// Drafts includes pages with draft = true.
	Drafts bool
	// BaseURL, when not empty, replaces the configured baseURL.
	BaseURL string
	// SQL makes the engine that runs blocks' sql, only for pages that
	// have such blocks. Nil: sql blocks are errors.
	SQL NewSQLEngine
	// Date is the build's date shown to readers; zero: today (UTC).
	Date time.Time
}

// Load reads and assembles the site in fsys (the site folder). Every problem
// found is in the returned diag.List; the Site is nil when there are errors
// that are not warnings.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	// A problem in site.toml leaves its setting at the default, so the
	// content is still read and its problems reported in the same run.
	cfg, cerrs := config.Read(fsys)
	if cfg == nil {
		return nil, cerrs
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, diag.List{{Msg: fmt.Sprintf("--base-url %q is not an absolute http(s) URL", opts.BaseURL),
				Hint: `write it like "https://reports.example.com/shortvideo/"`}}
		}
		if part := config.BaseURLExtra(u); part != "" {
			return nil, diag.List{{Msg: fmt.Sprintf("--base-url %q has %s", u.Redacted(), part), Hint: config.BaseURLExtraHint}}
		}
		cfg.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	tree, errs := content.Load(fsys, opts.Drafts)
	errs = append(cerrs, errs...)
	s := &Site{Config: cfg, Sections: map[string]*Page{}, Files: tree.Files, BuildDate: buildDate(opts.Date), newSQL: opts.SQL}
	data := newRegistry(fsys, cfg, tree.Data)
	for _, cp := range tree.Pages {
		s.Pages = append(s.Pages, &Page{Page: cp, Files: map[string][]byte{}})
	}
	s.structure()
	s.byFile = make(map[string]*Page, len(s.Pages))
	for _, p := range s.Pages {
		if p.File != "" {
			s.byFile[p.File] = p
		}
	}
	errs = append(errs, checkStems(tree.Data, s.Pages)...)
	errs = append(errs, s.orderEditions()...)
	errs = append(errs, s.checkTitles()...)
	errs = append(errs, data.checkDeclared(s)...)
	errs = append(errs, checkSnapshots(fsys, cfg, data, tree.Queries)...)
	errs = append(errs, s.entities(data)...)
	s.pageAt = s.folders()
	errs = append(errs, s.convert(fsys, data)...)
	errs = append(errs, s.convertEntities()...)
	errs = append(errs, data.runChecks(s)...)
	errs = append(errs, s.checkFragments()...)
	s.menuTitles()
	s.Datasets = data.count()
	for _, p := range s.Pages {
		s.Charts += p.Charts
	}
	errs = errs.Sort()
	if errs.Err() != nil {
		return nil, errs
	}
	return s, errs
}

// buildDate is date, or today (UTC) when date is zero.
func buildDate(date time.Time) time.Time {
	if !date.IsZero() {
		return date.UTC()
	}
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// structure finds the home page and the sections, creating list pages for
// sections without an _index.md, and builds the menu.
func (s *Site) structure() {
	byDir := s.homeAndSections()
	s.fileInSections(byDir)
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].Path < s.Pages[j].Path })
	s.Archive = s.Sections[s.Config.Editions.Section]
	s.Menu = s.menu()
}

// homeAndSections finds the home page, making one titled as the site when
// content/ has no _index.md, and returns the sections that have an
// _index.md by their folder.
func (s *Site) homeAndSections() map[string]*Page {
	byDir := map[string]*Page{}
	for _, p := range s.Pages {
		switch p.Kind {
		case content.KindHome:
			s.Home = p
		case content.KindSection:
			byDir[p.Dir] = p
		}
	}
	if s.Home == nil {
		s.Home = &Page{Page: &content.Page{Kind: content.KindHome, FrontMatter: content.FrontMatter{Title: s.Config.Title}}, Files: map[string][]byte{}}
		s.Pages = append(s.Pages, s.Home)
	}
	if s.Home.Title == "" {
		s.Home.Title = s.Config.Title
	}
	return byDir
}

// fileInSections lists every page in its folder's section, making the list
// pages of folders without an _index.md, and keeps the top-level sections
// in s.Sections.
func (s *Site) fileInSections(byDir map[string]*Page) {
	for _, p := range s.Pages {
		dir := sectionDir(p)
		if p.Kind != content.KindPage || dir == "" {
			continue
		}
		sec := byDir[dir]
		if sec == nil {
			sec = &Page{Page: &content.Page{Kind: content.KindSection, Dir: dir, Section: strings.SplitN(dir, "/", 2)[0], Path: dir + "/",
				FrontMatter: content.FrontMatter{Title: sectionTitle(s.Config, dir)}}, Files: map[string][]byte{}}
			byDir[dir] = sec
			s.Pages = append(s.Pages, sec)
		}
		sec.Children = append(sec.Children, p)
	}
	for dir, sec := range byDir {
		if sec.Title == "" {
			sec.Title = sectionTitle(s.Config, dir)
		}
		if !strings.Contains(dir, "/") {
			s.Sections[dir] = sec
		}
		sortPages(sec.Children)
	}
}

// sectionDir is the folder of the section that lists p: a bundle's
// parent folder, a page's own folder; "" at the top.
func sectionDir(p *Page) string {
	if !p.Bundle {
		return p.Dir
	}
	if dir := path.Dir(p.Dir); dir != "." {
		return dir
	}
	return ""
}

// menu is site.toml's menu, or else the top-level sections and pages: the
// edition archive first, the rest in the order of page lists.
func (s *Site) menu() []MenuEntry {
	var menu []MenuEntry
	if len(s.Config.Menu) > 0 {
		for _, m := range s.Config.Menu {
			u := strings.TrimPrefix(m.URL, "/")
			menu = append(menu, MenuEntry{Name: m.Name, Path: u, Section: strings.SplitN(u, "/", 2)[0]})
		}
		return menu
	}
	var top []*Page
	for _, p := range s.Pages {
		if (p.Kind == content.KindSection && !strings.Contains(p.Dir, "/")) || (p.Kind == content.KindPage && p.Section == "") {
			top = append(top, p)
		}
	}
	sortPages(top)
	sort.SliceStable(top, func(i, j int) bool {
		ae, be := top[i].Dir == s.Config.Editions.Section, top[j].Dir == s.Config.Editions.Section
		return ae && !be
	})
	for _, p := range top {
		sec := p.Section
		if p.Kind == content.KindPage {
			sec = strings.TrimSuffix(p.Path, "/")
		}
		menu = append(menu, MenuEntry{Name: p.Title, Path: p.Path, Section: sec})
	}
	return menu
}

func sectionTitle(cfg *config.Config, dir string) string {
	if dir == cfg.Editions.Section {
		return locale.Of(cfg.Language).Word(locale.Archive)
	}
	name := path.Base(dir)
	return strings.ToUpper(name[:1]) + name[1:]
}

// sortPages orders by weight (unset last), then date (newest first), then title.
func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		wa, wb := a.Weight, b.Weight
		if wa == 0 {
			wa = 1 << 30
		}
		if wb == 0 {
			wb = 1 << 30
		}
		if wa != wb {
			return wa < wb
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Path < b.Path
	})
}

// orderEditions finds the edition bundles and puts them in order.
func (s *Site) orderEditions() diag.List {
	var errs diag.List
	section := s.Config.Editions.Section
	for _, p := range s.Pages {
		if !p.Bundle || path.Dir(p.Dir) != section {
			continue
		}
		name := path.Base(p.Dir)
		period, ok := content.EditionPeriod(name)
		d := period.Start
		if !ok {
			if p.Date.IsZero() {
				errs = append(errs, &diag.Error{Pos: diag.Pos{File: p.File, Line: 1},
					Msg:  fmt.Sprintf("edition folder %q is not named by its date, and its front matter has no date", name),
					Hint: "name the folder like 2022-03, 2022-Q1 or 2022-03-31, or set date = 2022-03-31"})
				continue
			}
			d = p.Date
		}
		if p.Date.IsZero() {
			p.Date = d
		}
		p.Edition = &Edition{Name: name, Date: d}
		s.Editions = append(s.Editions, p)
	}
	sort.SliceStable(s.Editions, func(i, j int) bool {
		a, b := s.Editions[i].Edition, s.Editions[j].Edition
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Name < b.Name
	})
	for i, p := range s.Editions {
		p.Edition.Index = i
		if i > 0 {
			p.Edition.Prev = s.Editions[i-1]
		}
		if i+1 < len(s.Editions) {
			p.Edition.Next = s.Editions[i+1]
		}
	}
	if n := len(s.Editions); n > 0 {
		s.Editions[n-1].Edition.Latest = true
		if s.Archive != nil {
			// The archive lists editions newest first, whatever their weights.
			sort.SliceStable(s.Archive.Children, func(i, j int) bool {
				a, b := s.Archive.Children[i].Edition, s.Archive.Children[j].Edition
				if a == nil || b == nil {
					return a != nil
				}
				return a.Index > b.Index
			})
		}
	}
	return errs
}

// convert turns every page's markdown into HTML, resolving blocks, on all
// cores.
func (s *Site) convert(fsys fs.FS, data *registry) diag.List {
	conv := markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe, Lang: s.Config.Language, Blocks: block.Kinds})
	perPage := make([]diag.List, len(s.Pages))
	parallel.Do(len(s.Pages), func(i int) { perPage[i] = s.convertPage(fsys, conv, data, s.Pages[i]) })
	var errs diag.List
	for _, e := range perPage {
		errs = append(errs, e...)
	}
	return errs
}

// convertPage reads p's bundle files, fills in the values of its front
// matter and converts its markdown, rendering its blocks.
func (s *Site) convertPage(fsys fs.FS, conv *markdown.Converter, data *registry, p *Page) diag.List {
	errs := readResources(fsys, p)
	env, release := s.blockEnv(data, p)
	defer release()
	values := valueHook(block.NewValues(env, s.valueDefs(p)), &errs)
	stale := s.staleCheck(p, data, &errs)
	errs = append(errs, s.expandFront(p, values, stale)...)
	if len(p.Body) == 0 {
		return errs
	}
	blocks := &pageBlocks{env: env, page: p, ids: map[string]int{}, errs: &errs}
	errs = append(errs, placeholders(p)...)
	res, merrs := conv.ConvertPage(markdown.Page{File: p.File, Body: p.Body, BodyLine: p.BodyLine, Blocks: blocks.render, Links: s.linkResolver(p),
		Values: values, Prose: stale})
	errs = append(errs, merrs...)
	errs = append(errs, blocks.clashes(res.Headings)...)
	p.setContent(res)
	return errs
}

// readResources reads the files of a page bundle into p.Files.
func readResources(fsys fs.FS, p *Page) diag.List {
	var errs diag.List
	for _, r := range p.Resources {
		b, err := limits.ReadFile(fsys, r)
		if err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: r}, "%v", err))
			continue
		}
		p.Files[strings.TrimPrefix(r, content.Dir+"/"+p.Dir+"/")] = b
	}
	return errs
}

// blockEnv is what p's blocks are rendered with: the site's settings, p's
// datasets, the previous and year-ago editions' on an edition, and an SQL
// engine started when a block first needs one. release stops the engines.
func (s *Site) blockEnv(data *registry, p *Page) (env *block.Env, release func()) {
	env = &block.Env{
		Lang:     s.Config.Language,
		Page:     p.File,
		Lookup:   data.lookupFor(p, s),
		Height:   s.Config.Charts.Height,
		Renderer: s.Config.Charts.Renderer,
		Key:      data.key,
		Colors:   chartColors(&s.Config.Charts),
		Link:     s.entityLink,
	}
	if p.Edition != nil {
		env.Previous = func(name string) (*dataset.Table, error) { return data.previous(p, name) }
		env.YearAgo = func(name string) (*dataset.Table, error) { return data.yearAgoData(s, p, name) }
	}
	if s.newSQL == nil {
		return env, func() {}
	}
	ps := &pageSQL{s: s, data: data, page: p, new: s.newSQL}
	env.SQL = ps.run
	return env, ps.close
}

// pageBlocks renders the fenced blocks of one page, in order.
type pageBlocks struct {
	env  *block.Env
	page *Page
	// ids are the blocks' ids, each with the line of its block's fence.
	ids  map[string]int
	errs *diag.List
}

// render is the page's block hook: a block's HTML, its charts and files
// counted into the page, its warnings kept.
func (pb *pageBlocks) render(b markdown.Block) ([]byte, error) {
	p := pb.page
	id := fmt.Sprintf("%s-%d", b.Kind, b.Index)
	out, berrs := block.Render(pb.env, b.Kind, b.Source, diag.Pos{File: p.File, Line: b.Line, Col: b.Col}, id)
	if line, dup := pb.ids[out.ID]; dup && out.ID != "" {
		berrs = append(berrs, &diag.Error{Pos: diag.Pos{File: p.File, Line: b.Line - 1}, Msg: fmt.Sprintf("%s: id %q is already used by the block at line %d", b.Kind, out.ID, line),
			Hint: `give each block its own id = "…"`})
	} else if out.ID != "" {
		pb.ids[out.ID] = b.Line - 1
	}
	if berrs.Err() != nil {
		return nil, berrs.Sort()
	}
	*pb.errs = append(*pb.errs, berrs...)
	p.Charts += out.Charts
	for name, data := range out.Files {
		if p.Outputs == nil {
			p.Outputs = map[string][]byte{}
		}
		p.Outputs[name] = data
	}
	return []byte(out.HTML), nil
}

// clashes are the block ids that are also a heading's id.
func (pb *pageBlocks) clashes(headings []markdown.Heading) diag.List {
	var errs diag.List
	for _, h := range headings {
		if line, clash := pb.ids[h.ID]; clash {
			errs = append(errs, &diag.Error{Pos: diag.Pos{File: pb.page.File, Line: line}, Msg: fmt.Sprintf("block id %q is also the id of the heading %q", h.ID, h.Text),
				Hint: `set id = "…" in the block to another name`})
		}
	}
	return errs
}

// setContent keeps a converted page's HTML, its links to the site root, its
// heading ids and its table of contents (the h2 and h3), and lets its
// markdown go.
func (p *Page) setContent(res markdown.Result) {
	html, links := rootLinks(res.HTML)
	p.Content, p.RootLinks = template.HTML(html), links
	p.Body = nil
	p.anchors = map[string]bool{}
	for _, h := range res.Headings {
		p.anchors[h.ID] = true
		if h.Level == 2 || h.Level == 3 {
			p.TOC = append(p.TOC, h)
		}
	}
}

// checkTitles warns about pages without a title and gives them one: the
// edition's name or the file's.
func (s *Site) checkTitles() diag.List {
	var warns diag.List
	for _, p := range s.Pages {
		if p.Title != "" || p.Kind != content.KindPage {
			continue
		}
		if !p.FrontMatterErrors {
			warns = append(warns, &diag.Error{Pos: diag.Pos{File: p.File, Line: 1}, Msg: "page has no title",
				Hint: `add title = "…" to its front matter`, Warning: true})
		}
		switch {
		case p.Edition != nil:
			p.Title = p.Edition.Name
		default:
			p.Title = strings.TrimSuffix(path.Base(strings.TrimSuffix(p.Path, "/")), ".md")
		}
	}
	return warns
}

// linkResolver rewrites links to markdown files ("../about.md",
// "/editions/2022-03/index.md#排名") into links to their pages. Other links
// are left as written.
func (s *Site) linkResolver(p *Page) markdown.LinkResolver {
	return func(dest string) (string, bool, error) {
		if dest == "" || strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "mailto:") {
			return "", false, nil
		}
		target, frag, _ := strings.Cut(dest, "#")
		if !strings.HasSuffix(target, ".md") {
			if w := s.checkLink(p, dest); w != nil {
				return "", false, w
			}
			return "", false, nil
		}
		var file string
		if strings.HasPrefix(target, "/") {
			file = path.Join(content.Dir, target)
		} else {
			file = path.Join(path.Dir(p.File), target)
		}
		if q := s.byFile[file]; q != nil {
			out := rootMark + q.Path
			if s.Config.BaseURL == "" && (q.Path == "" || strings.HasSuffix(q.Path, "/")) {
				out += "index.html"
			}
			if frag != "" {
				out += "#" + frag
				line := p.BodyLine
				if i := strings.Index(string(p.Body), dest); i >= 0 {
					line += strings.Count(string(p.Body[:i]), "\n")
				}
				p.fragments = append(p.fragments, fragmentLink{target: q, id: frag, line: line})
			}
			return out, true, nil
		}
		files := make([]string, len(s.Pages))
		for i, q := range s.Pages {
			files[i] = q.File
		}
		hint := diag.DidYouMean(file, files)
		if hint == "" {
			hint = "write the path of the page's markdown file from this page, such as ../about.md; drafts are left out unless --drafts"
		}
		return "", false, &diag.Error{Msg: fmt.Sprintf("link to %s: there is no such page", file), Hint: hint}
	}
}

// checkFragments warns about links to headings that the target page does
// not have.
func (s *Site) checkFragments() diag.List {
	var warns diag.List
	for _, p := range s.Pages {
		for _, f := range p.fragments {
			if f.target.anchors[f.id] {
				continue
			}
			ids := make([]string, 0, len(f.target.anchors))
			for id := range f.target.anchors {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			hint := diag.DidYouMean(f.id, ids)
			if hint == "" && len(ids) > 0 {
				hint = "its headings are #" + strings.Join(ids, ", #")
			}
			warns = append(warns, &diag.Error{Pos: diag.Pos{File: p.File, Line: f.line},
				Msg: fmt.Sprintf("link to %s#%s: the page has no heading with that id", f.target.File, f.id), Hint: hint, Warning: true})
		}
	}
	return warns
}
