package render

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/site"
)

// View is what a template sees: the site, the page, and methods that make
// links relative to where the page is published.
type View struct {
	Site *site.Site
	Page *site.Page
	// At is where this copy of the page is published ("latest/" for the
	// newest edition's alias).
	At       string
	r        *Renderer
	notFound bool
}

func (r *Renderer) view(p *site.Page, at string) *View {
	return &View{Site: r.site, Page: p, At: at, r: r}
}

// root is the prefix that leads from the page's folder to the site root.
func (v *View) root() string {
	if v.notFound {
		if v.Site.Config.BaseURL != "" {
			u, err := url.Parse(v.Site.Config.BaseURL)
			if err == nil {
				return u.Path
			}
		}
		return ""
	}
	return strings.Repeat("../", strings.Count(v.At, "/"))
}

// URL links to a site path such as "about/" or "" (home). Without a baseURL
// folder links end in index.html, so they work opened from disk.
func (v *View) URL(sitePath string) string {
	if strings.HasPrefix(sitePath, "http://") || strings.HasPrefix(sitePath, "https://") {
		return sitePath
	}
	sitePath = strings.TrimPrefix(sitePath, "/")
	u := v.root() + escapePath(sitePath)
	if v.Site.Config.BaseURL == "" && (sitePath == "" || strings.HasSuffix(sitePath, "/")) {
		u += "index.html"
	}
	if u == "" {
		u = "./"
	}
	return u
}

// PageURL links to a page.
func (v *View) PageURL(p *site.Page) string { return v.URL(p.Path) }

// Abs is the absolute address of a site path, or "" without a baseURL.
func (v *View) Abs(sitePath string) string {
	if v.Site.Config.BaseURL == "" {
		return ""
	}
	return v.Site.Config.BaseURL + escapePath(sitePath)
}

// Asset links to a theme or site asset by its name under assets/, such as
// "css/base.css", at its fingerprinted path.
func (v *View) Asset(name string) (string, error) {
	out, ok := v.r.assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/", name)
	}
	return v.root() + out, nil
}

// InlineCSS is every stylesheet under assets/css/, for a page that cannot
// know where the assets are: the 404 page of a site without a baseURL, which
// a static host serves at whatever address was missing.
func (v *View) InlineCSS() template.CSS {
	if !v.notFound || v.Site.Config.BaseURL != "" {
		return ""
	}
	var b strings.Builder
	for _, name := range v.r.css {
		data, _ := v.r.tree.Get(v.r.assets[name])
		b.Write(data)
		b.WriteByte('\n')
	}
	return template.CSS(b.String())
}

// Icon links to the site's icon; on a 404 page without a baseURL it is the
// icon itself, inlined, for the same reason as InlineCSS.
func (v *View) Icon() (template.URL, error) {
	if v.notFound && v.Site.Config.BaseURL == "" {
		data, _ := v.r.tree.Get(v.r.assets["favicon.svg"])
		return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(data)), nil
	}
	u, err := v.Asset("favicon.svg")
	return template.URL(u), err
}

// CSS lists the links of every stylesheet under assets/css/, in name order
// (none where InlineCSS holds them).
func (v *View) CSS() []string {
	if v.notFound && v.Site.Config.BaseURL == "" {
		return nil
	}
	var out []string
	for _, name := range v.r.css {
		out = append(out, v.root()+v.r.assets[name])
	}
	return out
}

// T returns a word of the theme in the site's language; name is one of
// locale.ThemeNames ("toc", "all_editions", …).
func (v *View) T(name string) (string, error) {
	k, ok := locale.Named(name)
	if !ok {
		return "", fmt.Errorf("the theme has no word %q; its words are %s", name, strings.Join(locale.ThemeNames(), ", "))
	}
	return v.lang().Word(k), nil
}

// Date formats a date in the site's language.
func (v *View) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.lang().Date(t)
}

// ScriptWords is the JSON of the words the page scripts read (charts.js,
// sort.js), for <script type="application/json" id="bs-words">.
func (v *View) ScriptWords() template.JS { return template.JS(v.lang().Script()) }

func (v *View) lang() locale.Lang { return locale.Of(v.Site.Config.Language) }

// ISODate formats a date as YYYY-MM-DD for datetime attributes.
func (v *View) ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Current reports whether a menu entry leads to the section the page is in.
// On the latest/ copy of the newest edition, an entry that leads to latest/
// is the current one when the menu has it.
func (v *View) Current(m site.MenuEntry) bool {
	if v.Page.Kind == content.KindHome {
		return false
	}
	if m.Path == "latest/" {
		return v.IsLatestAlias()
	}
	if v.IsLatestAlias() && slices.ContainsFunc(v.Site.Menu, func(e site.MenuEntry) bool { return e.Path == "latest/" }) {
		return false
	}
	sec := v.Page.Section
	if sec == "" {
		sec = strings.TrimSuffix(v.Page.Path, "/")
	}
	return m.Section == sec
}

// IsHome reports whether the page is the home page.
func (v *View) IsHome() bool { return v.Page.Kind == content.KindHome }

// IsLatestAlias reports whether this copy is the latest/ alias.
func (v *View) IsLatestAlias() bool { return v.At != v.Page.Path && v.At == "latest/" }

// Latest returns the newest edition, or nil.
func (v *View) Latest() *site.Page {
	if n := len(v.Site.Editions); n > 0 {
		return v.Site.Editions[n-1]
	}
	return nil
}

// Canonical is the absolute address of the page's own path, or "" (always
// for the 404 page, which has no address of its own).
func (v *View) Canonical() string {
	if v.notFound {
		return ""
	}
	return v.Abs(v.Page.Path)
}

// Content is the page's HTML, its links to other pages made relative to
// where this copy is published.
func (v *View) Content() template.HTML {
	root := v.root()
	if root == "" {
		root = "./"
	}
	content, links := v.r.pageContent(v.Page)
	return template.HTML(withRoot(string(content), links, root))
}

// withRoot writes root at each offset of links in html: where a link to
// another page starts.
func withRoot(html string, links []int, root string) string {
	if len(links) == 0 {
		return html
	}
	var b strings.Builder
	b.Grow(len(html) + len(links)*len(root))
	last := 0
	for _, at := range links {
		b.WriteString(html[last:at])
		b.WriteString(root)
		last = at
	}
	b.WriteString(html[last:])
	return b.String()
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func (r *Renderer) sitemap() []byte {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []u      `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range r.site.Pages {
		e := u{Loc: r.site.Config.BaseURL + escapePath(p.Path)}
		if !p.Date.IsZero() {
			e.LastMod = p.Date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	b, _ := xml.MarshalIndent(set, "", "  ")
	return append([]byte(xml.Header), append(b, '\n')...)
}

func (r *Renderer) feed() []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		Link    link   `xml:"link"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary,omitempty"`
		Content *feedContent
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		Links   []link   `xml:"link"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	base := r.site.Config.BaseURL
	f := feed{NS: "http://www.w3.org/2005/Atom", Lang: r.site.Config.Language, Title: r.site.Config.Title, ID: base,
		Links: []link{{Href: base + "feed.xml", Rel: "self"}, {Href: base}}}
	f.Author.Name = r.site.Config.Author
	if f.Author.Name == "" {
		f.Author.Name = r.site.Config.Title
	}
	eds := r.site.Editions
	for i := len(eds) - 1; i >= 0; i-- {
		p := eds[i]
		loc := base + escapePath(p.Path)
		f.Entries = append(f.Entries, entry{Title: p.Title, Link: link{Href: loc}, ID: loc, Updated: p.Date.Format(time.RFC3339), Summary: p.Summary,
			Content: r.feedContent(p, loc)})
	}
	if len(eds) > 0 {
		f.Updated = eds[len(eds)-1].Date.Format(time.RFC3339)
	}
	b, _ := xml.MarshalIndent(f, "", "  ")
	return append([]byte(xml.Header), append(b, '\n')...)
}
