package site

import (
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/sitetest"
)

// mustLoad loads a site that must have no errors (warnings are returned).
func mustLoad(t *testing.T, fsys fs.FS, opts Options) (*Site, diag.List) {
	t.Helper()
	s, errs := Load(fsys, opts)
	if errs.Err() != nil {
		t.Fatalf("Load: %v", errs)
	}
	return s, errs
}

// pageAt finds the page published at a site path.
func pageAt(t *testing.T, s *Site, p string) *Page {
	t.Helper()
	for _, q := range s.Pages {
		if q.Path == p {
			return q
		}
	}
	var paths []string
	for _, q := range s.Pages {
		paths = append(paths, q.Path)
	}
	t.Fatalf("no page at %q; pages: %q", p, paths)
	return nil
}

func paths(ps []*Page) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Path
	}
	return out
}

const modelSite = `
-- site.toml --
title = "Report"
language = "en"
-- content/about.md --
+++
title = "About"
+++
## Who we are

See the [first edition](editions/2022-01/index.md) and [its table](editions/2022-01/index.md#the-table).
-- content/guides/b.md --
+++
title = "B guide"
+++
Text.
-- content/guides/a.md --
+++
title = "A guide"
weight = 1
+++
Text.
-- content/guides/c.md --
+++
title = "C guide"
date = 2023-05-01
+++
Text.
-- content/editions/_index.md --
+++
title = "Back issues"
+++
-- content/editions/2022-Q1/index.md --
+++
title = "Quarter"
+++
Text.
-- content/editions/2022-01/index.md --
+++
title = "January"
+++
## The table

### Detail

` + "```table\ndata = \"accounts\"\n```" + `
-- content/editions/2022-01/accounts.csv --
account,followers
A,1
-- content/editions/2022-02/index.md --
+++
title = "February"
+++
Text.
`

// The model: every page converted, sections with their children in order,
// a home page made when the site has none, editions oldest first with
// their neighbours, the archive newest first, and a menu that leads with
// the archive.
func TestModel(t *testing.T) {
	s, warns := mustLoad(t, sitetest.FS(modelSite), Options{})
	if len(warns) > 0 {
		t.Errorf("warnings: %v", warns)
	}
	want := []string{"", "about/", "editions/", "editions/2022-01/", "editions/2022-02/", "editions/2022-Q1/", "guides/", "guides/a/", "guides/b/", "guides/c/"}
	if got := paths(s.Pages); !slices.Equal(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}
	if s.Home == nil || s.Home.Kind != content.KindHome || s.Home.Title != "Report" {
		t.Errorf("home = %+v", s.Home)
	}
	guides := s.Sections["guides"]
	if guides == nil || guides.Title != "Guides" || guides.File != "" {
		t.Fatalf("guides section = %+v", guides)
	}
	// Weight first, then the newest date, then the title.
	if got := paths(guides.Children); !slices.Equal(got, []string{"guides/a/", "guides/c/", "guides/b/"}) {
		t.Errorf("guides children %q", got)
	}
	if got := paths(s.Editions); !slices.Equal(got, []string{"editions/2022-01/", "editions/2022-Q1/", "editions/2022-02/"}) {
		t.Errorf("editions %q", got)
	}
	for i, p := range s.Editions {
		e := p.Edition
		if e.Index != i || e.Latest != (i == 2) {
			t.Errorf("%s: index %d, latest %v", p.Path, e.Index, e.Latest)
		}
		if (i == 0) != (e.Prev == nil) || (i == 2) != (e.Next == nil) {
			t.Errorf("%s: prev %v, next %v", p.Path, e.Prev, e.Next)
		}
		if i > 0 && e.Prev != s.Editions[i-1] {
			t.Errorf("%s: prev is %s", p.Path, e.Prev.Path)
		}
	}
	if s.Editions[1].Date.Month() != 1 || s.Editions[1].Edition.Name != "2022-Q1" {
		t.Errorf("a quarter's edition is dated by its first month: %v", s.Editions[1].Date)
	}
	if s.Archive == nil || s.Archive.Title != "Back issues" {
		t.Fatalf("archive = %+v", s.Archive)
	}
	if got := paths(s.Archive.Children); !slices.Equal(got, []string{"editions/2022-02/", "editions/2022-Q1/", "editions/2022-01/"}) {
		t.Errorf("archive lists %q, want newest first", got)
	}
	var menu []string
	for _, m := range s.Menu {
		menu = append(menu, m.Name+"="+m.Path+"@"+m.Section)
	}
	if want := []string{"Back issues=editions/@editions", "About=about/@about", "Guides=guides/@guides"}; !slices.Equal(menu, want) {
		t.Errorf("menu %q, want %q", menu, want)
	}
	if s.Datasets != 1 {
		t.Errorf("datasets read: %d", s.Datasets)
	}
}

// A page's content is converted HTML; its links to other pages are written
// from the site root, and RootLinks marks where the way to the root goes.
func TestConvertedContentAndRootLinks(t *testing.T) {
	s, _ := mustLoad(t, sitetest.FS(modelSite), Options{})
	about := pageAt(t, s, "about/")
	html := string(about.Content)
	if !strings.Contains(html, `<h2 id="who-we-are">Who we are</h2>`) {
		t.Errorf("content:\n%s", html)
	}
	if len(about.RootLinks) != 2 {
		t.Fatalf("root links at %v in\n%s", about.RootLinks, html)
	}
	for i, want := range []string{"editions/2022-01/index.html\"", "editions/2022-01/index.html#the-table\""} {
		if got := html[about.RootLinks[i]:]; !strings.HasPrefix(got, want) {
			t.Errorf("root link %d leads to %.40q, want %q", i, got, want)
		}
	}
	if strings.Contains(html, "bs-root-") {
		t.Errorf("a root mark is left in the content:\n%s", html)
	}
	if about.Body != nil {
		t.Error("the markdown is kept after conversion")
	}
	jan := pageAt(t, s, "editions/2022-01/")
	var toc []string
	for _, h := range jan.TOC {
		toc = append(toc, h.ID)
	}
	if !slices.Equal(toc, []string{"the-table", "detail"}) {
		t.Errorf("toc %q", toc)
	}
	if !strings.Contains(string(jan.Content), `<table class="bs-table">`) {
		t.Errorf("the table block is not rendered:\n%s", jan.Content)
	}
}

// With a base URL, links to pages end at their folder, without index.html.
func TestBaseURLFolderLinks(t *testing.T) {
	s, _ := mustLoad(t, sitetest.FS(modelSite), Options{BaseURL: "https://example.com/r"})
	if s.Config.BaseURL != "https://example.com/r/" {
		t.Errorf("baseURL %q", s.Config.BaseURL)
	}
	about := pageAt(t, s, "about/")
	if got := string(about.Content)[about.RootLinks[0]:]; !strings.HasPrefix(got, `editions/2022-01/"`) {
		t.Errorf("link %.30q", got)
	}
}

// countingFS counts how often each file is opened (a Stat is not counted).
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// A dataset is read once however many blocks and pages use it, and the
// previous edition's copy once for the comparison.
func TestDatasetsReadOnce(t *testing.T) {
	table := "```table\ndata = \"accounts\"\n```\n\n```chart\ntype = \"bar\"\ndata = \"accounts\"\nx = \"account\"\ny = \"followers\"\n```\n"
	banks := "```table\ndata = \"banks\"\n```\n\n```chart\ntype = \"bar\"\ndata = \"banks\"\nx = \"bank\"\ny = \"n\"\n```\n"
	compared := "```table\ndata = \"accounts\"\ncompare = \"previous\"\n```\n"
	fsys := sitetest.FS(`
-- site.toml --
title = "T"
[datasets.accounts]
key = "account"
-- content/data/banks.csv --
bank,n
A,1
-- content/a.md --
+++
title = "A"
+++
` + banks + `
-- content/b.md --
+++
title = "B"
+++
` + banks + `
-- content/editions/2022-01/index.md --
+++
title = "Jan"
+++
` + table + `
-- content/editions/2022-01/accounts.csv --
account,followers
A,1
-- content/editions/2022-02/index.md --
+++
title = "Feb"
+++
` + table + compared + `
-- content/editions/2022-02/accounts.csv --
account,followers
A,2
`)
	c := &countingFS{FS: fsys, opened: map[string]int{}}
	s, _ := mustLoad(t, c, Options{})
	// Two pages with two blocks each read the site-wide file once; an
	// edition's file is read once as data (by its blocks and the next
	// edition's comparison) and once to be published beside its page.
	for f, want := range map[string]int{"content/data/banks.csv": 1, "content/editions/2022-01/accounts.csv": 2, "content/editions/2022-02/accounts.csv": 2} {
		if n := c.opened[f]; n != want {
			t.Errorf("%s opened %d times, want %d", f, n, want)
		}
	}
	if jan := pageAt(t, s, "editions/2022-01/"); string(jan.Files["accounts.csv"]) != "account,followers\nA,1\n" {
		t.Errorf("january's files: %q", jan.Files)
	}
	if s.Datasets != 3 || s.Charts != 4 {
		t.Errorf("datasets %d, charts %d", s.Datasets, s.Charts)
	}
	feb := pageAt(t, s, "editions/2022-02/")
	if feb.Charts != 1 || len(feb.Outputs) != 1 || feb.Outputs["chart-1.csv"] == nil {
		t.Errorf("feb: %d charts, outputs %v", feb.Charts, feb.Outputs)
	}
	if !strings.Contains(string(feb.Content), `+100.0%`) && !strings.Contains(string(feb.Content), `&#43;100.0%`) {
		t.Errorf("the comparison with January is missing:\n%s", feb.Content)
	}
}

// A configured menu replaces the default one; each entry knows its section.
func TestConfiguredMenu(t *testing.T) {
	s, _ := mustLoad(t, sitetest.FS(`
-- site.toml --
title = "T"
[[menu]]
name = "Guides"
url = "/guides/a/"
[[menu]]
name = "Elsewhere"
url = "https://example.com/"
-- content/guides/a.md --
+++
title = "A"
+++
`), Options{})
	if len(s.Menu) != 2 || s.Menu[0] != (MenuEntry{Name: "Guides", Path: "guides/a/", Section: "guides"}) || s.Menu[1].Path != "https://example.com/" {
		t.Errorf("menu %+v", s.Menu)
	}
}

// Drafts are left out unless asked for.
func TestDrafts(t *testing.T) {
	fsys := sitetest.FS(`
-- site.toml --
title = "T"
-- content/wip.md --
+++
title = "WIP"
draft = true
+++
-- content/done.md --
+++
title = "Done"
+++
`)
	s, _ := mustLoad(t, fsys, Options{})
	if got := paths(s.Pages); slices.Contains(got, "wip/") {
		t.Errorf("a draft is published: %q", got)
	}
	s, _ = mustLoad(t, fsys, Options{Drafts: true})
	if got := paths(s.Pages); !slices.Contains(got, "wip/") {
		t.Errorf("drafts asked for, not there: %q", got)
	}
}

// The problems of a site come back all at once, sorted by file and line,
// and a site with errors is not returned.
func TestErrorsAllAtOnce(t *testing.T) {
	s, errs := Load(sitetest.FS(`
-- site.toml --
title = "T"
-- content/about.md --
+++
title = "About"
+++
A [broken](abuot.md) link.

`+"```table\ndata = \"nothing\"\n```"+`
-- content/editions/march/index.md --
+++
title = "March"
+++
-- content/untitled.md --
Text.
`), Options{})
	if s != nil {
		t.Error("a site with errors was returned")
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`content/about.md:4: link to content/abuot.md: there is no such page (did you mean "content/about.md"?)`,
		`content/about.md:7: table: unknown dataset "nothing"`,
		`content/editions/march/index.md:1: edition folder "march" is not named by its date, and its front matter has no date (name the folder like 2022-03, 2022-Q1 or 2022-03-31, or set date = 2022-03-31)`,
		`content/untitled.md:1: warning: page has no title (add title = "…" to its front matter)`,
	}
	if len(got) != len(want) {
		t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// A link to a heading another page does not have is a warning with the
// headings it has; a page without a title gets its file's name.
func TestWarnings(t *testing.T) {
	s, warns := mustLoad(t, sitetest.FS(`
-- site.toml --
title = "T"
-- content/a.md --
+++
title = "A"
+++
## Alpha
-- content/b.md --
Go to [alpha](a.md#alpah).
`), Options{})
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	want := []string{
		`content/b.md:1: warning: link to content/a.md#alpah: the page has no heading with that id (did you mean "alpha"?)`,
		`content/b.md:1: warning: page has no title (add title = "…" to its front matter)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b := pageAt(t, s, "b/"); b.Title != "b" {
		t.Errorf("untitled page's title %q", b.Title)
	}
}

const entitySite = `
-- site.toml --
title = "E"
language = "en"
[datasets.items]
key = "name"
[entities.things]
dataset = "items"
title   = "Things"
rank    = "-score"
columns = ["score"]
-- content/about.md --
+++
title = "About"
+++
-- content/editions/2022-02/index.md --
+++
title = "February"
+++
Alpha leads.

` + "```table\ndata = \"items\"\n```" + `
-- content/editions/2022-02/items.csv --
name,score
Alpha,100
Gamma,50
-- content/editions/2022-03/index.md --
+++
title = "March"
+++
` + "```table\ndata = \"items\"\n```" + `
-- content/editions/2022-03/items.csv --
name,score
Beta,120
Alpha,90
a <b> & c,5
`

// An entity set makes a page per key, ordered by the latest rank, with its
// rank in each edition, the editions that mention it, a history table and
// chart, a list page in the menu; tables link the keys to their pages.
func TestEntityPages(t *testing.T) {
	s, _ := mustLoad(t, sitetest.FS(entitySite), Options{})
	set := s.Sections["things"]
	if set == nil || set.Title != "Things" {
		t.Fatalf("set page %+v", set)
	}
	want := []string{"things/Beta/", "things/Alpha/", EntityPath("things", "a <b> & c"), "things/Gamma/"}
	if got := paths(set.Children); !slices.Equal(got, want) {
		t.Errorf("entity pages %q, want %q", got, want)
	}
	alpha := pageAt(t, s, "things/Alpha/")
	e := alpha.Entity
	if e == nil || e.Key != "Alpha" || e.Set != "things" || e.SetTitle != "Things" || alpha.Title != "Alpha" {
		t.Fatalf("alpha: %+v", e)
	}
	var ranks []string
	for _, ed := range e.Editions {
		ranks = append(ranks, ed.Page.Edition.Name+"#"+string(rune('0'+ed.Rank)))
	}
	if !slices.Equal(ranks, []string{"2022-02#1", "2022-03#2"}) || e.Latest.Rank != 2 || e.Latest.Page != s.Editions[1] {
		t.Errorf("alpha's editions %q, latest %+v", ranks, e.Latest)
	}
	if got := paths(e.Mentions); !slices.Equal(got, []string{"editions/2022-02/", "editions/2022-03/"}) {
		t.Errorf("alpha is mentioned in %q", got)
	}
	if got := paths(pageAt(t, s, "things/Gamma/").Entity.Mentions); !slices.Equal(got, []string{"editions/2022-02/"}) {
		t.Errorf("gamma is mentioned in %q", got)
	}
	if alpha.Summary != "2022-03 · rank 2" || !alpha.Date.Equal(s.Editions[1].Date) {
		t.Errorf("summary %q, date %v", alpha.Summary, alpha.Date)
	}
	html := string(alpha.Content)
	for _, want := range []string{`<td>2022-02</td><td class="bs-num bs-rank">1</td><td class="bs-num">100</td>`, `class="bs-chart"`} {
		if !strings.Contains(html, want) {
			t.Errorf("alpha's page lacks %s:\n%s", want, html)
		}
	}
	if alpha.Charts != 1 || len(alpha.Outputs) != 1 {
		t.Errorf("alpha: %d charts, outputs %d", alpha.Charts, len(alpha.Outputs))
	}
	if last := s.Menu[len(s.Menu)-1]; last != (MenuEntry{Name: "Things", Path: "things/", Section: "things"}) {
		t.Errorf("menu ends with %+v", last)
	}
	march := string(pageAt(t, s, "editions/2022-03/").Content)
	odd := EntityPath("things", "a <b> & c")
	for _, want := range []string{`things/Alpha/index.html">Alpha</a>`, odd + `index.html">a &lt;b&gt; &amp; c</a>`} {
		if !strings.Contains(march, want) {
			t.Errorf("march's table lacks the link %s:\n%s", want, march)
		}
	}
}

// EntityPath keeps plain keys as they are and gives any other key a short
// hash of itself, so two keys never share a path.
func TestEntityPathsNeverShared(t *testing.T) {
	for key, want := range map[string]string{
		"Alpha":    "things/Alpha/",
		"微众银行":     "things/微众银行/",
		"a_b-c":    "things/a_b-c/",
		"a b":      "things/a-b-",
		"a/b":      "things/a-b-",
		"../..":    "things/",
		"<script>": "things/script-",
	} {
		got := EntityPath("things", key)
		if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "/") || strings.Count(got, "/") != 2 {
			t.Errorf("EntityPath(%q) = %q, want it to start %q", key, got, want)
		}
	}
	if EntityPath("s", "a b") == EntityPath("s", "a/b") || EntityPath("s", "a b") == EntityPath("s", "a-b") {
		t.Error("keys that differ share a path")
	}
}

// An entity set named like a folder the site's pages are in, or with
// nothing to show, is reported at its table in site.toml.
func TestEntityCollisions(t *testing.T) {
	fsys := sitetest.FS(strings.Replace(entitySite, "[entities.things]", "[entities.about]", 1))
	_, errs := Load(fsys, Options{})
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), `site.toml:5: entities "about": the site has pages under about/ already; entity pages would take their place`) {
		t.Errorf("errs = %v", errs)
	}
	fsys = sitetest.FS(strings.Replace(entitySite, `dataset = "items"`, "dataset = \"nothing\"\nkey = \"name\"", 1))
	_, warns := mustLoad(t, fsys, Options{})
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), `entities "things": no edition has a dataset "nothing"`) {
		t.Errorf("warnings = %v", warns)
	}
	fsys = sitetest.FS(strings.Replace(entitySite, `columns = ["score"]`, `columns = ["scroe"]`, 1))
	if _, errs := Load(fsys, Options{}); len(errs) != 1 || errs[0].Error() != `content/editions/2022-02/items.csv:1: entities "things": dataset "items" has no column "scroe" (did you mean "score"?)` {
		t.Errorf("errs = %v", errs)
	}
}

// "editions:NAME" stacks every edition's copy of a dataset up to the page's
// own edition, with the edition's name and date; a column whose type
// changes between editions is an error naming both files.
func TestTrendOverEditions(t *testing.T) {
	chart := "```table\ndata = \"editions:items\"\ncolumns = [\"edition\", \"name\", \"score\"]\n```\n"
	fsys := sitetest.FS(strings.NewReplacer("```table\ndata = \"items\"\n```", chart).Replace(entitySite))
	s, _ := mustLoad(t, fsys, Options{})
	feb, march := string(s.Editions[0].Content), string(s.Editions[1].Content)
	if strings.Contains(feb, "<td>2022-03</td>") || !strings.Contains(feb, `<td>2022-02</td><td><a href="things/Gamma/index.html">Gamma</a></td>`) {
		t.Errorf("february's trend sees the future or lacks its own rows:\n%s", feb)
	}
	if !strings.Contains(march, `<td>2022-02</td><td><a href="things/Gamma/index.html">Gamma</a></td>`) || !strings.Contains(march, `<td>2022-03</td><td><a href="things/Beta/index.html">Beta</a></td>`) {
		t.Errorf("march's trend:\n%s", march)
	}
	fsys["content/editions/2022-03/items.csv"] = &fstest.MapFile{Data: []byte("name,score\nBeta,high\n")}
	_, errs := Load(fsys, Options{})
	if len(errs) == 0 || !strings.Contains(errs.Error(), `column "score" is string here but int in content/editions/2022-02/items.csv`) {
		t.Errorf("errs = %v", errs)
	}
}

// A block compares with the previous edition's copy of its dataset, and
// with the one a year earlier when the site has it.
func TestPreviousAndYearAgo(t *testing.T) {
	table := func(against, delta string) string {
		return "```table\ndata = \"items\"\ncompare = \"" + against + "\"\ncolumns = [\"name\", \"score\", \"" + delta + "\"]\n```\n"
	}
	fsys := sitetest.FS(`
-- site.toml --
title = "Y"
language = "en"
[datasets.items]
key = "name"
-- content/editions/2021-03/index.md --
+++
title = "March 2021"
+++
-- content/editions/2021-03/items.csv --
name,score
A,10
-- content/editions/2022-02/index.md --
+++
title = "February"
+++
-- content/editions/2022-02/items.csv --
name,score
A,100
-- content/editions/2022-03/index.md --
+++
title = "March"
+++
` + table("previous", "score_delta") + table("year", "score_yoy_delta") + `
-- content/editions/2022-03/items.csv --
name,score
A,130
`)
	s, _ := mustLoad(t, fsys, Options{})
	march := string(s.Editions[2].Content)
	for _, want := range []string{`data-value="30">&#43;30</td>`, `data-value="120">&#43;120</td>`} {
		if !strings.Contains(march, want) {
			t.Errorf("march lacks %s:\n%s", want, march)
		}
	}
}

// A figure typed in an edition's text that is the previous edition's data
// and none of this edition's is flagged as likely stale, at its line and
// column.
func TestStaleFigures(t *testing.T) {
	_, warns := mustLoad(t, sitetest.FS(`
-- site.toml --
title = "S"
language = "en"
-- content/editions/2022-01/index.md --
+++
title = "January"
+++
-- content/editions/2022-01/items.csv --
name,score
A,2870000
-- content/editions/2022-02/index.md --
+++
title = "February"
+++
A has 2,870,000 followers; B has 3,000,000.
-- content/editions/2022-02/items.csv --
name,score
A,3000000
`), Options{})
	if len(warns) != 1 || !strings.HasPrefix(warns[0].Error(), `content/editions/2022-02/index.md:4:7: warning: "2,870,000" is a figure of the previous edition's data (2022-01) and of none of this edition's: a stale number?`) {
		t.Errorf("warnings = %v", warns)
	}
}

// Declared data checks run on every copy of the dataset and warn at the
// failing row's line.
func TestDataChecks(t *testing.T) {
	_, warns := mustLoad(t, sitetest.FS(`
-- site.toml --
title = "C"
[datasets.items]
key = "name"
[datasets.items.checks]
not_null = ["score"]
-- content/data/items.csv --
name,score
A,
-- content/editions/2022-01/index.md --
+++
title = "January"
+++
-- content/editions/2022-01/items.csv --
name,score
A,1
B,
`), Options{})
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	want := []string{
		`content/data/items.csv:2: warning: check not_null of dataset "items": row 1: "score" is empty (fill it in, or export the data again)`,
		`content/editions/2022-01/items.csv:3: warning: check not_null of dataset "items": row 2: "score" is empty (fill it in, or export the data again)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Links that cannot work from every place a page is published are
// warnings with a link that works; links that work are left alone.
func TestUnworkableLinks(t *testing.T) {
	_, warns := mustLoad(t, sitetest.FS(`
-- site.toml --
title = "L"
language = "en"
[editions]
latest = true
-- content/about.md --
+++
title = "About"
+++
Fine: [home](../), [archive](../editions/), [mail](mailto:a@example.com), [web](https://example.com/), [top](#top), [far](//cdn.example.com/x).
Read the [newest](/latest/) and [March](editions/2022-03/).
-- content/editions/2022-01/index.md --
+++
title = "January"
+++
-- content/editions/2022-02/index.md --
+++
title = "February"
+++
The [previous data](../2022-01/), [above the site](../../../x/) and the [latest](latest/).
`), Options{})
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	want := []string{
		`content/about.md:5: warning: link /latest/ starts at the server's root: it breaks when the site is opened from disk or published under a sub-path (write it relative to this page: ../latest/)`,
		`content/about.md:5: warning: link editions/2022-03/ leads to about/editions/2022-03/, where the site publishes no page`,
		`content/editions/2022-02/index.md:4: warning: link ../../../x/ leads to a folder above the site, where the site publishes no page`,
		`content/editions/2022-02/index.md:4: warning: link ../2022-01/ leads, from the page's latest/ copy, to 2022-01/, where the site publishes no page (link the page's markdown file, which works from every copy: ../2022-01/index.md)`,
		`content/editions/2022-02/index.md:4: warning: link latest/ leads to editions/2022-02/latest/, where the site publishes no page (write it relative to this page: ../../latest/)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Values in a title, a summary and the menu are written from the data.
func TestValuesInFrontMatter(t *testing.T) {
	s, _ := mustLoad(t, sitetest.FS(`
-- site.toml --
title = "V"
language = "en"
[datasets.items]
key = "name"
-- content/editions/2022-01/index.md --
+++
title = "{{ items[A].score | compact }} for A"
summary = "Total {{ sum items.score }}"
+++
-- content/editions/2022-01/items.csv --
name,score
A,2500000
B,1
`), Options{})
	p := s.Editions[0]
	if p.Title != "2.5M for A" || p.Summary != "Total 2,500,001" {
		t.Errorf("title %q, summary %q", p.Title, p.Summary)
	}
}

// An entity page shows a figure written as percentages as percentages.
func TestEntityPercentFigures(t *testing.T) {
	fsys := sitetest.FS(strings.NewReplacer("name,score\nAlpha,100\nGamma,50", "name,score\nAlpha,21.5%\nGamma,50%",
		"name,score\nBeta,120\nAlpha,90\na <b> & c,5", "name,score\nBeta,12%\nAlpha,9.5%\na <b> & c,5%").Replace(entitySite))
	s, _ := mustLoad(t, fsys, Options{})
	html := string(pageAt(t, s, "things/Alpha/").Content)
	if !strings.Contains(html, `<td class="bs-num" data-value="0.215">21.5%</td>`) {
		t.Errorf("alpha's page:\n%s", html)
	}
}
