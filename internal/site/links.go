package site

import (
	"fmt"
	"path"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// folders maps each folder the site publishes a page at ("" for home,
// "about/", "latest/") to its page.
func (s *Site) folders() map[string]*Page {
	m := make(map[string]*Page, len(s.Pages)+len(s.Sections)+1)
	for _, p := range s.Sections {
		m[p.Path] = p
	}
	for _, p := range s.Pages {
		m[p.Path] = p
	}
	if n := len(s.Editions); n > 0 && s.Config.Editions.Latest {
		m["latest/"] = s.Editions[n-1]
	}
	return m
}

// checkLink warns about a link, other than to a markdown file, that cannot
// work from every place the page is published: one from the server's root
// (it breaks from disk and under a sub-path), and a relative link to a
// page folder where the site publishes no page. Links to files are checked
// only for the first; links to other sites and schemes are left alone.
func (s *Site) checkLink(p *Page, dest string) *diag.Error {
	target, _, _ := strings.Cut(dest, "?")
	if target == "" || strings.HasPrefix(target, "//") || hasScheme(target) {
		return nil
	}
	if rest, ok := strings.CutPrefix(target, "/"); ok {
		return &diag.Error{Warning: true,
			Msg:  fmt.Sprintf("link %s starts at the server's root: it breaks when the site is opened from disk or published under a sub-path", dest),
			Hint: "write it relative to this page: " + relative(p.Path, rest)}
	}
	if !folderLink(target) {
		return nil
	}
	copies := []string{p.Path}
	if p.Edition != nil && p.Edition.Latest && s.Config.Editions.Latest {
		copies = append(copies, "latest/")
	}
	for _, at := range copies {
		to, ok := resolveFolder(at, target)
		if ok && s.pageAt[to] != nil {
			continue
		}
		if !ok {
			to = "a folder above the site"
		}
		msg := fmt.Sprintf("link %s leads to %s, where the site publishes no page", dest, to)
		hint := ""
		if at != p.Path {
			msg = fmt.Sprintf("link %s leads, from the page's latest/ copy, to %s, where the site publishes no page", dest, to)
			if q := s.pageAt[mustResolve(p.Path, target)]; q != nil && q.File != "" {
				hint = "link the page's markdown file, which works from every copy: " + relFile(p.File, q.File)
			}
		} else if q := s.closestFolder(target); q != "" {
			hint = "write it relative to this page: " + relative(p.Path, q)
		}
		return &diag.Error{Warning: true, Msg: msg, Hint: hint}
	}
	return nil
}

// hasScheme reports whether a link starts with a scheme (mailto:, tel:, data:).
func hasScheme(link string) bool {
	i := strings.IndexByte(link, ':')
	return i > 0 && !strings.ContainsAny(link[:i], "/.")
}

// folderLink reports whether a relative link leads to a page's folder: it
// ends with / or index.html, or its last part has no extension.
func folderLink(link string) bool {
	last := path.Base(link)
	return strings.HasSuffix(link, "/") || last == "index.html" || last == "." || last == ".." || !strings.Contains(last, ".")
}

// resolveFolder returns the folder a link from the page published at folder
// at leads to, and false when it climbs above the site.
func resolveFolder(at, link string) (string, bool) {
	link = strings.TrimSuffix(link, "index.html")
	parts := strings.Split(strings.TrimSuffix(at, "/"), "/")
	if at == "" {
		parts = nil
	}
	for seg := range strings.SplitSeq(link, "/") {
		switch seg {
		case "", ".":
		case "..":
			if len(parts) == 0 {
				return "", false
			}
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, seg)
		}
	}
	if len(parts) == 0 {
		return "", true
	}
	return strings.Join(parts, "/") + "/", true
}

func mustResolve(at, link string) string {
	to, _ := resolveFolder(at, link)
	return to
}

// closestFolder finds the published folder a broken relative link most
// likely meant: the one that ends with the link's own folder names.
func (s *Site) closestFolder(link string) string {
	want, _ := resolveFolder("", strings.TrimLeft(strings.ReplaceAll(link, "../", ""), "./"))
	if want == "" {
		return ""
	}
	best := ""
	for f := range s.pageAt {
		if (f == want || strings.HasSuffix(f, "/"+want)) && (best == "" || len(f) < len(best) || len(f) == len(best) && f < best) {
			best = f
		}
	}
	return best
}

// relative writes a link from the page folder at to the site path to.
func relative(at, to string) string {
	return strings.Repeat("../", strings.Count(at, "/")) + to
}

// relFile writes a link from one markdown file to another.
func relFile(from, to string) string {
	dir := path.Dir(from)
	up := ""
	for dir != "." && dir != "/" && !strings.HasPrefix(to, dir+"/") {
		dir, up = path.Dir(dir), up+"../"
	}
	return up + strings.TrimPrefix(to, dir+"/")
}
