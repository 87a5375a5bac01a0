package render

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/broadsheet/broadsheet"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/site"
	"github.com/broadsheet/broadsheet/internal/sitetest"
)

// rendered is a site rendered into a tree.
type rendered struct {
	site *site.Site
	tree *publish.Tree
	errs diag.List
}

// renderSite loads a site held in memory and renders every page of it over
// the built-in theme, as a build does.
func renderSite(t *testing.T, fsys fs.FS, opts site.Options) rendered {
	t.Helper()
	s, errs := site.Load(fsys, opts)
	if errs.Err() != nil {
		t.Fatalf("Load: %v", errs)
	}
	s.BuildDate = time.Date(2024, 7, 4, 0, 0, 0, 0, time.UTC)
	tree := publish.NewTree()
	r, errs := New(s, Layers{fsys, broadsheet.Theme}, tree)
	if len(errs) > 0 {
		return rendered{s, tree, errs}
	}
	errs = r.All(tree, fsys)
	errs = append(errs, tree.Collisions()...)
	return rendered{s, tree, errs}
}

// file returns an output file, failing the test when it was not written.
func (r rendered) file(t *testing.T, name string) string {
	t.Helper()
	b, ok := r.tree.Get(name)
	if !ok {
		t.Fatalf("%s was not written; files: %v", name, r.tree.Names())
	}
	return string(b)
}

// has fails the test for each text the output file lacks.
func (r rendered) has(t *testing.T, name string, texts ...string) {
	t.Helper()
	page := r.file(t, name)
	for _, text := range texts {
		if !strings.Contains(page, text) {
			t.Errorf("%s lacks %s:\n%s", name, text, page)
		}
	}
}

// lacks fails the test for each text the output file holds.
func (r rendered) lacks(t *testing.T, name string, texts ...string) {
	t.Helper()
	page := r.file(t, name)
	for _, text := range texts {
		if strings.Contains(page, text) {
			t.Errorf("%s holds %s", name, text)
		}
	}
}

const reportSite = `
-- site.toml --
title = "Report"
language = "en"
description = "Monthly figures"
[editions]
latest = true
[datasets.accounts]
key = "account"
-- content/about.md --
+++
title = "About"
+++
## Method

Read the [March edition](editions/2022-03/index.md).
-- content/files/note.txt --
a note
-- content/editions/2022-02/index.md --
+++
title = "February"
summary = "A quiet month"
+++
Text.
-- content/editions/2022-02/accounts.csv --
account,followers
A,100
-- content/editions/2022-03/index.md --
+++
title = "March"
+++
` + "```chart\ntype = \"bar\"\ndata = \"accounts\"\nx = \"account\"\ny = \"followers\"\n```" + `
-- content/editions/2022-03/accounts.csv --
account,followers
A,130
`

// Every page is written at its folder, the newest edition also at latest/,
// with the files beside it, the not-found page and the content files; the
// links between them are relative to where each copy is published.
func TestAllPages(t *testing.T) {
	r := renderSite(t, sitetest.FS(reportSite), site.Options{})
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	for _, name := range []string{"index.html", "about/index.html", "editions/index.html", "editions/2022-02/index.html", "editions/2022-03/index.html",
		"latest/index.html", "404.html", "files/note.txt", "editions/2022-02/accounts.csv", "editions/2022-03/chart-1.csv", "latest/chart-1.csv", "latest/accounts.csv"} {
		r.file(t, name)
	}
	r.has(t, "about/index.html", `<html lang="en">`, `<title>About · Report</title>`, `<h2 id="method">Method</h2>`,
		`<a href="../editions/2022-03/index.html">March edition</a>`)
	r.has(t, "editions/2022-03/index.html", `rel="prev" href="../../editions/2022-02/index.html"`, `<script src="../../assets/js/charts.`)
	r.has(t, "latest/index.html", `rel="prev" href="../editions/2022-02/index.html"`, `<h1>March</h1>`)
	r.lacks(t, "about/index.html", "echarts", "charts.js")
	r.has(t, "editions/2022-02/index.html", `<meta name="description" content="A quiet month">`)
	r.has(t, "about/index.html", `<meta name="description" content="Monthly figures">`)
	r.has(t, "404.html", `<html lang="en">`)
	// Without a base URL there is no sitemap and no feed: they need
	// absolute addresses.
	for _, name := range []string{"sitemap.xml", "feed.xml"} {
		if _, ok := r.tree.Get(name); ok {
			t.Errorf("%s written without a base URL", name)
		}
	}
	r.has(t, "index.html", `<time datetime="2024-07-04">4 July 2024</time>`)
}

// Stylesheets and scripts are published under names that carry a hash of
// their content, and pages link those names; a site's own asset replaces
// the theme's under a new name.
func TestFingerprintedAssets(t *testing.T) {
	r := renderSite(t, sitetest.FS(reportSite), site.Options{})
	page := r.file(t, "about/index.html")
	css := regexp.MustCompile(`href="\.\./(assets/css/base\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(page)
	if css == nil {
		t.Fatalf("no fingerprinted stylesheet in\n%s", page)
	}
	theirs, _ := fs.ReadFile(broadsheet.Theme, "assets/css/base.css")
	if got := r.file(t, css[1]); got != string(theirs) {
		t.Error("the fingerprinted stylesheet is not the theme's")
	}
	if _, ok := r.tree.Get("assets/css/base.css"); ok {
		t.Error("the stylesheet is also published under its plain name")
	}
	fsys := sitetest.FS(reportSite)
	fsys["assets/css/base.css"] = &fstest.MapFile{Data: []byte("body { color: red }")}
	mine := renderSite(t, fsys, site.Options{})
	page = mine.file(t, "about/index.html")
	own := regexp.MustCompile(`href="\.\./(assets/css/base\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(page)
	if own == nil || own[1] == css[1] {
		t.Fatalf("the site's stylesheet has the theme's name: %v", own)
	}
	if got := mine.file(t, own[1]); got != "body { color: red }" {
		t.Errorf("published %q", got)
	}
}

// With a base URL the sitemap lists every page at its address, the feed
// has the editions newest first, and pages name their canonical address.
func TestSitemapAndFeed(t *testing.T) {
	r := renderSite(t, sitetest.FS(reportSite), site.Options{BaseURL: "https://example.com/r/"})
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	sitemap := r.file(t, "sitemap.xml")
	for _, loc := range []string{"https://example.com/r/", "https://example.com/r/about/", "https://example.com/r/editions/2022-03/"} {
		if !strings.Contains(sitemap, "<loc>"+loc+"</loc>") {
			t.Errorf("sitemap lacks %s:\n%s", loc, sitemap)
		}
	}
	if strings.Contains(sitemap, "latest/") || strings.Contains(sitemap, "404") {
		t.Errorf("sitemap lists a copy or the not-found page:\n%s", sitemap)
	}
	feed := r.file(t, "feed.xml")
	march, feb := strings.Index(feed, "<title>March</title>"), strings.Index(feed, "<title>February</title>")
	if march < 0 || feb < 0 || march > feb {
		t.Errorf("feed entries not newest first:\n%s", feed)
	}
	if strings.Contains(feed, "<title>About</title>") {
		t.Error("the feed lists a page that is not an edition")
	}
	r.has(t, "latest/index.html", `<link rel="canonical" href="https://example.com/r/editions/2022-03/">`)
	r.has(t, "about/index.html", `<a href="../editions/2022-03/">March edition</a>`, `type="application/atom+xml"`)
}

// The theme speaks the site's language: words, dates and the lang of
// every page.
func TestLanguages(t *testing.T) {
	for _, tc := range []struct{ lang, date, words string }{
		{"zh-CN", "2024年7月4日", "往期"},
		{"en-US", "July 4, 2024", "Archive"},
		{"en-GB", "4 July 2024", "Archive"},
		{"zh-Hant-HK", "2024年7月4日", "產生於"},
	} {
		fsys := sitetest.FS(strings.Replace(reportSite, `language = "en"`, `language = "`+tc.lang+`"`, 1))
		r := renderSite(t, fsys, site.Options{})
		if len(r.errs) > 0 {
			t.Fatalf("%s: %v", tc.lang, r.errs)
		}
		r.has(t, "about/index.html", `<html lang="`+tc.lang+`">`, tc.date, tc.words)
	}
}

// A site's own template replaces the theme's, file by file; a broken one
// is an error at its file and line.
func TestTemplateOverrides(t *testing.T) {
	fsys := sitetest.FS(reportSite)
	fsys["templates/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>Our own footer for {{.Page.Title}}</footer>`)}
	r := renderSite(t, fsys, site.Options{})
	r.has(t, "about/index.html", "<footer>Our own footer for About</footer>")
	r.lacks(t, "about/index.html", `class="bs-footer"`)

	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<h1>{{.Page.Title}</h1>\n{{end}}\n")}
	r = renderSite(t, fsys, site.Options{})
	if len(r.errs) != 1 || !strings.HasPrefix(r.errs[0].Error(), "templates/page.html:2: template: ") {
		t.Errorf("errors: %v", r.errs)
	}
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}{{.Page.Nothing}}{{end}}")}
	r = renderSite(t, fsys, site.Options{})
	if len(r.errs) == 0 || !strings.Contains(r.errs.Error(), "templates/page.html:1: template: ") || !strings.Contains(r.errs.Error(), "Nothing") {
		t.Errorf("errors: %v", r.errs)
	}
}

// Front matter is text: a title or summary written as markup reaches the
// page escaped, in the body and in attributes.
func TestHostileFrontMatterIsEscaped(t *testing.T) {
	fsys := sitetest.FS(reportSite)
	fsys["content/evil.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"<script>alert(1)</script>\"\nsummary = '\"><img src=x onerror=alert(2)>'\n+++\nText.\n")}
	r := renderSite(t, fsys, site.Options{})
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	r.lacks(t, "evil/index.html", "<script>alert", "<img src=x")
	r.has(t, "evil/index.html", "&lt;script&gt;alert(1)&lt;/script&gt;", `content="&#34;&gt;&lt;img src=x onerror=alert(2)&gt;"`)
	r.lacks(t, "index.html", "<script>alert")
}

// The navigation marks the section of the page being read, and the
// home page leads to the newest edition.
func TestNavigation(t *testing.T) {
	r := renderSite(t, sitetest.FS(reportSite), site.Options{})
	r.has(t, "editions/2022-02/index.html", `<a href="../../editions/index.html" aria-current="page">`)
	r.lacks(t, "about/index.html", `<a href="../editions/index.html" aria-current="page">`)
	r.has(t, "about/index.html", `<a href="../about/index.html" aria-current="page">`)
	r.has(t, "index.html", `href="editions/2022-03/index.html"`)
	r.has(t, "editions/index.html", `href="../editions/2022-03/index.html">March</a>`, `href="../editions/2022-02/index.html">February</a>`)
}

// Two things written at one path are a collision naming both sources.
func TestOutputCollision(t *testing.T) {
	fsys := sitetest.FS(reportSite)
	fsys["content/about/index.html"] = &fstest.MapFile{Data: []byte("<p>a file</p>")}
	r := renderSite(t, fsys, site.Options{})
	var got []string
	for _, e := range r.errs {
		got = append(got, e.Error())
	}
	if !slices.ContainsFunc(got, func(s string) bool {
		return strings.Contains(s, `"about/index.html"`) && strings.Contains(s, "content/about.md") && strings.Contains(s, "content/about/index.html")
	}) {
		t.Errorf("errors: %q", got)
	}
}

// hiding is a layer without some of its files.
type hiding struct {
	fs.FS
	hidden []string
}

func (h hiding) Open(name string) (fs.File, error) {
	if slices.Contains(h.hidden, name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return h.FS.Open(name)
}

// With drawings on, each chart is also an SVG picture in front of its
// canvas, on the page, its latest/ copy and in the feed (without the
// script's option); the page's links still lead where they did.
func TestChartsDrawnAsSVG(t *testing.T) {
	fsys := sitetest.FS(reportSite)
	fsys["content/editions/2022-03/index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"March\"\n+++\nSee [about](../../about.md).\n\n" +
		"```chart\ntype = \"bar\"\ndata = \"accounts\"\nx = \"account\"\ny = \"followers\"\n```\n\nAnd [about](../../about.md) again.\n")}
	s, errs := site.Load(fsys, site.Options{BaseURL: "https://example.com/r/"})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	tree := publish.NewTree()
	r, errs := New(s, Layers{fsys, broadsheet.Theme}, tree)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if errs := r.DrawCharts(""); len(errs) > 0 {
		t.Fatal(errs)
	}
	if errs := r.All(tree, fsys); len(errs) > 0 {
		t.Fatal(errs)
	}
	out := rendered{s, tree, nil}
	for _, name := range []string{"editions/2022-03/index.html", "latest/index.html"} {
		page := out.file(t, name)
		svg, canvas := strings.Index(page, `<div class="bs-chart-svg" aria-label="`), strings.Index(page, `<div class="bs-chart-canvas"`)
		if svg < 0 || canvas < svg || !strings.Contains(page[svg:canvas], "<svg") {
			t.Errorf("%s: no drawing before the canvas", name)
		}
		if n := strings.Count(page, `<a href="../`); n < 2 || strings.Count(page, `about/">about</a>`) != 2 {
			t.Errorf("%s: links after the drawing moved:\n%s", name, page)
		}
	}
	feed := out.file(t, "feed.xml")
	if !strings.Contains(feed, "&lt;svg") || strings.Contains(feed, "bs-chart-option") {
		t.Errorf("feed:\n%s", feed)
	}

	// Without the chart library, drawing is refused with the file named.
	r, _ = New(s, Layers{hiding{broadsheet.Theme, []string{"assets/vendor/echarts/echarts.min.js"}}}, publish.NewTree())
	if errs := r.DrawCharts(""); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "assets/vendor/echarts/echarts.min.js: chart drawing needs this file") {
		t.Errorf("errs = %v", errs)
	}
}

// A template the theme lacks is an error naming it.
func TestMissingTemplate(t *testing.T) {
	s, errs := site.Load(sitetest.FS(reportSite), site.Options{})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	_, errs = New(s, Layers{hiding{broadsheet.Theme, []string{"templates/section.html"}}}, publish.NewTree())
	if len(errs) != 1 || errs[0].Error() != "templates/section.html: template is missing (the built-in theme has it; remove the override or restore the file)" {
		t.Errorf("errs = %v", errs)
	}
}
