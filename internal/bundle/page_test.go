package bundle

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/render"
	"github.com/broadsheet/broadsheet/internal/site"
	"github.com/broadsheet/broadsheet/internal/sitetest"
)

const reportSite = `
-- site.toml --
title = "Report"
language = "en"
[charts]
svg = %SVG%
[datasets.accounts]
key = "account"
-- content/about.md --
+++
title = "About"
+++
About us.
-- content/editions/2022-02/index.md --
+++
title = "February"
+++
Text.
-- content/editions/2022-02/accounts.csv --
account,followers
A,100
B,50
-- content/editions/2022-03/index.md --
+++
title = "March"
+++
See [about us](../../about.md), the [raw data](accounts.csv) and [February](../2022-02/index.md#top).

![logo](logo.svg)

` + "```chart\ntype = \"bar\"\ndata = \"accounts\"\nx = \"account\"\ny = \"followers\"\n```\n\n```table\ndata = \"accounts\"\ncompare = \"previous\"\nsort = \"-followers\"\ncolumns = [\"account\", \"followers\"]\n```" + `
-- content/editions/2022-03/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>
-- content/editions/2022-03/accounts.csv --
account,followers
A,130
B,20
`

// built renders the report with the built-in theme, as a build does, with
// or without the charts drawn as SVG.
func built(t *testing.T, svg bool) *publish.Tree {
	t.Helper()
	fsys := sitetest.FS(strings.Replace(reportSite, "%SVG%", map[bool]string{true: "true", false: "false"}[svg], 1))
	s, errs := site.Load(fsys, site.Options{})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	s.BuildDate = time.Date(2024, 7, 4, 0, 0, 0, 0, time.UTC)
	tree := publish.NewTree()
	r, errs := render.New(s, render.Layers{fsys, broadsheet.Theme}, tree)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if svg {
		if errs := r.DrawCharts(""); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	if errs := r.All(tree, fsys); len(errs) > 0 {
		t.Fatal(errs)
	}
	return tree
}

// external finds the references a file opened from disk would follow out
// of itself: src and href values that are neither data: URIs, fragments
// nor absolute web addresses.
var (
	external = regexp.MustCompile(`(?:src|href)="([^"#][^"]*)"`)
	inlined  = regexp.MustCompile(`(?s)<(script|style)\b[^>]*>.*?</(script|style)>`)
)

func outward(page string) []string {
	var out []string
	markup := inlined.ReplaceAllString(page, "") // the text of scripts and styles is not markup
	for _, m := range external.FindAllStringSubmatch(markup, -1) {
		if !strings.HasPrefix(m[1], "data:") && !strings.HasPrefix(m[1], "https://") && !strings.HasPrefix(m[1], "http://") {
			out = append(out, m[1])
		}
	}
	return out
}

// A bundle of a built page needs nothing beside it: stylesheets and
// scripts inlined, images, the icon and data downloads as data: URIs,
// links to other pages reduced to their words (no site to point to), the
// search box and its script gone (no index beside it), and the marker
// first in its head.
func TestPageIsSelfContained(t *testing.T) {
	tree := built(t, false)
	out, err := Page(tree, "editions/2022-03/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	if refs := outward(page); len(refs) > 0 {
		t.Errorf("the bundle refers outside itself: %q", refs)
	}
	if !IsBundle(out) || !strings.HasPrefix(page[strings.Index(page, "<head>"):], "<head>"+marker) {
		t.Errorf("the marker is not first in the head:\n%.300s", page)
	}
	for _, want := range []string{
		"<style>", "echarts", `href="data:text/csv;`, `download="chart-1.csv"`, `src="data:image/svg+xml;base64,`,
		`<span>about us</span>`, `<span>February</span>`, `<link rel="icon" href="data:image/svg+xml;base64,`,
		`<script type="application/json" class="bs-chart-option">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the bundle lacks %s", want)
		}
	}
	for _, gone := range []string{`<link rel="stylesheet"`, `class="bs-search"`, "<script src=", "broadsheetSearch", "data-bs-search"} {
		if strings.Contains(page, gone) {
			t.Errorf("the bundle holds %s", gone)
		}
	}
	// The raw data link is the file itself, as a data: URI.
	if !regexp.MustCompile(`<a href="data:text/csv;charset=utf-8;base64,[^"]+">raw data</a>`).MatchString(page) {
		t.Errorf("the link to the data is not inlined:\n%s", page)
	}
}

// With the site's address, links to other pages lead to the published
// pages, fragments kept.
func TestPageLinksToThePublishedSite(t *testing.T) {
	tree := built(t, false)
	out, err := Page(tree, "editions/2022-03/index.html", "https://example.com/r/")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="https://example.com/r/about/">about us</a>`, `<a href="https://example.com/r/editions/2022-02/#top">February</a>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the bundle lacks %s", want)
		}
	}
}

// A light bundle has no script at all: each chart is its SVG drawing, and
// the values that only scripts read are gone; it is far smaller.
func TestLightOfABuiltPage(t *testing.T) {
	tree := built(t, true)
	light, err := Light(tree, "editions/2022-03/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	page := string(light)
	for _, gone := range []string{"<script", "data-value=", `class="bs-chart-canvas"`, "echarts"} {
		if strings.Contains(page, gone) {
			t.Errorf("the light bundle holds %s", gone)
		}
	}
	if !strings.Contains(page, `<div class="bs-chart-svg"`) || !strings.Contains(page, "<svg") {
		t.Error("the light bundle lacks the chart's drawing")
	}
	if refs := outward(page); len(refs) > 0 {
		t.Errorf("the light bundle refers outside itself: %q", refs)
	}
	full, err := Page(tree, "editions/2022-03/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(light)*4 > len(full) {
		t.Errorf("light bundle %d bytes, full %d: not much smaller", len(light), len(full))
	}
	// Without drawings, a page with charts cannot be light.
	if _, err := Light(built(t, false), "editions/2022-03/index.html", ""); err == nil || !strings.Contains(err.Error(), "set svg = true under [charts]") {
		t.Errorf("err = %v", err)
	}
}

// What a bundle cannot be made from is refused with the reason: a page
// that is not in the site, a stylesheet or a script the page names but
// the site lacks.
func TestRefusals(t *testing.T) {
	page := func(head, body string) *publish.Tree {
		tr := publish.NewTree()
		tr.Add("p/index.html", []byte(`<!DOCTYPE html><html><head>`+head+`</head><body>`+body+`</body></html>`))
		return tr
	}
	for _, tc := range []struct {
		tree *publish.Tree
		name string
		want string
	}{
		{page("", ""), "q/index.html", "no page q/index.html in the built site"},
		{page(`<link rel="stylesheet" href="../gone.css">`, ""), "p/index.html", "stylesheet ../gone.css is not in the site"},
		{page("", `<script src="../gone.js"></script>`), "p/index.html", "script ../gone.js is not in the site"},
	} {
		if _, err := Page(tc.tree, tc.name, ""); err == nil || err.Error() != tc.want {
			t.Errorf("err = %v, want %s", err, tc.want)
		}
	}
	// References that leave the site are left as they are.
	tr := page(`<link rel="icon" href="https://example.com/i.svg">`, `<img src="/abs.png"><a href="../../outside.html">out</a><a href="mailto:a@example.com">mail</a>`)
	out, err := Page(tr, "p/index.html", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{`href="https://example.com/i.svg"`, `src="/abs.png"`, `href="../../outside.html"`, `href="mailto:a@example.com"`} {
		if !strings.Contains(string(out), kept) {
			t.Errorf("%s changed:\n%s", kept, out)
		}
	}
}
