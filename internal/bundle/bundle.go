// Package bundle turns one built page into a single self-contained HTML file:
// stylesheets, scripts, images and chart data downloads are inlined, so the
// file works from disk with no network and can be mailed or shared. Links to
// other pages point to the published site when it has a baseURL and become
// plain text otherwise.
package bundle

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/broadsheet/broadsheet/internal/publish"
)

// Page inlines the page published at page (a path such as
// "editions/2022-03/index.html") from tree. baseURL is the site's published
// address, or "".
func Page(tree *publish.Tree, page, baseURL string) ([]byte, error) {
	return bundlePage(tree, page, baseURL, false)
}

// Light is Page without ECharts: scripts and chart options are left out and
// each chart is its SVG drawing, so the file is small enough to mail and
// shows every chart where no script runs. The page must carry the drawings
// ([charts] svg = true).
func Light(tree *publish.Tree, page, baseURL string) ([]byte, error) {
	return bundlePage(tree, page, baseURL, true)
}

func bundlePage(tree *publish.Tree, page, baseURL string, light bool) ([]byte, error) {
	src, ok := tree.Get(page)
	if !ok {
		return nil, fmt.Errorf("no page %s in the built site", page)
	}
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", page, err)
	}
	if light && bytes.Contains(src, []byte(`class="bs-chart-canvas"`)) && !bytes.Contains(src, []byte(`class="bs-chart-svg"`)) {
		return nil, fmt.Errorf("%s: its charts have no SVG drawing to show without ECharts (set svg = true under [charts] in site.toml)", page)
	}
	b := &bundler{tree: tree, dir: path.Dir(page), base: baseURL, light: light}
	b.walk(doc)
	if b.err != nil {
		return nil, b.err
	}
	b.styles(doc)
	closeEmptySVG(doc)
	mark(doc)
	var out bytes.Buffer
	if err := html.Render(&out, doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// closeTag finds, in any case, the start of the closing tag that would end
// an inlined element early; in CSS as in JavaScript, "<\/" means the same
// as "</" where it may appear.
var closeTag = map[string]*regexp.Regexp{
	"style":  regexp.MustCompile(`(?i)</(style)`),
	"script": regexp.MustCompile(`(?i)</(script)`),
}

type bundler struct {
	tree *publish.Tree
	dir  string
	base string
	// light leaves out every script (ECharts, the chart script and the
	// charts' options) and the empty chart canvases.
	light bool
	// sheets are the stylesheets inlined, as <style> elements holding
	// the file's text.
	sheets []*html.Node
	err    error
}

// styles compacts the inlined stylesheets; a light bundle keeps only the
// rules that can apply to it, as no script will add a class.
func (b *bundler) styles(doc *html.Node) {
	var classes map[string]bool
	if b.light {
		classes = map[string]bool{}
		classesOf(doc, classes)
	}
	for _, s := range b.sheets {
		css := compactCSS(s.FirstChild.Data, classes)
		if css == "" {
			s.Parent.RemoveChild(s)
			continue
		}
		s.FirstChild.Data = closeTag["style"].ReplaceAllString(css, `<\/$1`)
	}
}

// resolve maps a relative reference to a file in the tree. ok is false for
// references that leave the site (absolute URLs, fragments, data: URIs).
func (b *bundler) resolve(ref string) (name, fragment string, ok bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/") || u.Path == "" {
		return "", "", false
	}
	name = path.Clean(path.Join(b.dir, u.Path))
	if strings.HasPrefix(name, "../") || name == ".." {
		return "", "", false
	}
	if strings.HasSuffix(u.Path, "/") {
		name = path.Join(name, "index.html")
	}
	return name, u.Fragment, true
}

func (b *bundler) file(ref string) ([]byte, string, bool) {
	name, _, ok := b.resolve(ref)
	if !ok {
		return nil, "", false
	}
	data, ok := b.tree.Get(name)
	return data, name, ok
}

func attr(n *html.Node, key string) (string, int) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, i
		}
	}
	return "", -1
}

func dataURI(name string, data []byte) string {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	return "data:" + strings.ReplaceAll(ctype, " ", "") + ";base64," + base64.StdEncoding.EncodeToString(data)
}

func (b *bundler) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			b.element(c)
		}
		b.walk(c)
		c = next
	}
}

func (b *bundler) element(n *html.Node) {
	if b.dropped(n) {
		return
	}
	switch n.DataAtom {
	case atom.Link:
		b.link(n)
	case atom.Script:
		b.script(n)
	case atom.Img, atom.Source:
		src, i := attr(n, "src")
		if i < 0 {
			return
		}
		if data, name, ok := b.file(src); ok {
			n.Attr[i].Val = dataURI(name, data)
		}
	case atom.A:
		b.anchor(n)
	}
}

// dropped removes what a bundle cannot use and reports whether n went.
func (b *bundler) dropped(n *html.Node) bool {
	// A bundle has no search index beside it: its search box goes, and
	// the script behind it (marked data-bs-search). Without scripts, the
	// raw values readers sort tables by go too.
	if cls, _ := attr(n, "class"); n.DataAtom == atom.Form && cls == "bs-search" {
		n.Parent.RemoveChild(n)
		return true
	}
	if _, i := attr(n, "data-bs-search"); n.DataAtom == atom.Script && i >= 0 {
		n.Parent.RemoveChild(n)
		return true
	}
	if _, i := attr(n, "data-value"); b.light && i >= 0 {
		n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
	}
	if b.light && n.DataAtom == atom.Div {
		if cls, _ := attr(n, "class"); cls == "bs-chart-canvas" {
			n.Parent.RemoveChild(n)
			return true
		}
	}
	return false
}

// link inlines a stylesheet and turns an icon into a data: URI.
func (b *bundler) link(n *html.Node) {
	rel, _ := attr(n, "rel")
	href, _ := attr(n, "href")
	switch {
	case rel == "stylesheet":
		data, _, ok := b.file(href)
		if !ok {
			b.fail("stylesheet %s is not in the site", href)
			return
		}
		style := &html.Node{Type: html.ElementNode, Data: "style", DataAtom: atom.Style}
		style.AppendChild(&html.Node{Type: html.TextNode, Data: string(data)})
		b.sheets = append(b.sheets, style)
		n.Parent.InsertBefore(style, n)
		n.Parent.RemoveChild(n)
	case rel == "icon":
		if data, name, ok := b.file(href); ok {
			_, i := attr(n, "href")
			n.Attr[i].Val = dataURI(name, data)
		}
	}
}

// script inlines a script's file, or drops it from a light bundle.
func (b *bundler) script(n *html.Node) {
	if b.light {
		n.Parent.RemoveChild(n)
		return
	}
	src, i := attr(n, "src")
	if i < 0 {
		return
	}
	data, _, ok := b.file(src)
	if !ok {
		b.fail("script %s is not in the site", src)
		return
	}
	n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
	// A script's text may not hold "</script" in any case; inside
	// JavaScript strings and regular expressions "<\/script" means the
	// same.
	js := closeTag["script"].ReplaceAllString(string(data), `<\/$1`)
	n.AppendChild(&html.Node{Type: html.TextNode, Data: js})
}

// anchor turns a link to a file into a data: URI, a link to a page into a
// link to the published site, or, without one, into its words.
func (b *bundler) anchor(n *html.Node) {
	href, i := attr(n, "href")
	if i < 0 || strings.HasPrefix(href, "#") {
		return
	}
	name, frag, ok := b.resolve(href)
	if !ok {
		return
	}
	if path.Ext(name) != ".html" {
		if data, ok := b.tree.Get(name); ok {
			n.Attr[i].Val = dataURI(name, data)
			// A download keeps its file name.
			if v, j := attr(n, "download"); j >= 0 && v == "" {
				n.Attr[j].Val = path.Base(name)
			}
			return
		}
	}
	if b.base != "" {
		target := strings.TrimSuffix(name, "index.html")
		if frag != "" {
			target += "#" + frag
		}
		n.Attr[i].Val = b.base + target
		return
	}
	// No published site to point to: keep the words, drop the link.
	span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span}
	if cls, j := attr(n, "class"); j >= 0 {
		span.Attr = []html.Attribute{{Key: "class", Val: cls}}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		span.AppendChild(c)
		c = next
	}
	n.Parent.InsertBefore(span, n)
	n.Parent.RemoveChild(n)
}

func (b *bundler) fail(format string, args ...any) {
	if b.err == nil {
		b.err = fmt.Errorf(format, args...)
	}
}
