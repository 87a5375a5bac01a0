package e2e

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// ref is one address written in a file of the output.
type ref struct {
	file  string // the file it is written in, relative to the output
	line  int
	tag   string // element name, or "css" for a url() in a style sheet
	attr  string
	value string
	prose bool // inside the article body (.bs-prose), where authors write links
}

// String shows a reference as it appears in the file.
func (r ref) String() string {
	if r.tag == "css" {
		return fmt.Sprintf("url(%s)", r.value)
	}
	return fmt.Sprintf("<%s %s=%q>", r.tag, r.attr, r.value)
}

// resource says whether the browser loads the address by itself (as opposed
// to a link a reader follows).
func (r ref) resource() bool {
	switch {
	case r.tag == "css", r.attr != "href" && r.attr != "xlink:href" && r.attr != "action":
		return true
	case r.tag == "link":
		return true // style sheets, icons, preloads
	}
	return false
}

// linkAttrs are the attributes that hold addresses.
var linkAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "poster": true, "data": true,
	"action": true, "formaction": true, "xlink:href": true,
}

// cssURL finds url(...) and @import "..." in CSS.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssRefs returns the addresses in a piece of CSS.
func cssRefs(file string, line int, css string) []ref {
	var refs []ref
	for _, m := range cssURL.FindAllStringSubmatchIndex(css, -1) {
		for g := 1; g <= 5; g++ {
			if m[2*g] >= 0 {
				l := line + strings.Count(css[:m[0]], "\n")
				refs = append(refs, ref{file: file, line: l, tag: "css", attr: "url", value: css[m[2*g]:m[2*g+1]]})
				break
			}
		}
	}
	return refs
}

// scanHTML returns the addresses written in an HTML file and the ids its
// elements carry.
func scanHTML(file string, src []byte) ([]ref, map[string]bool, error) {
	var refs []ref
	ids := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(src))
	line := 1
	var proseTag string // the element that opened the article body
	proseDepth := 0
	inStyle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				return refs, ids, nil
			}
			return refs, ids, fmt.Errorf("%s:%d: %v", file, line, z.Err())
		}
		raw := z.Raw()
		tokLine := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.TextToken:
			if inStyle {
				refs = append(refs, cssRefs(file, tokLine, string(raw))...)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "style" {
				inStyle = false
			}
			if proseDepth > 0 && string(name) == proseTag {
				proseDepth--
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data == "style" && tt == html.StartTagToken {
				inStyle = true
			}
			if proseDepth > 0 && t.Data == proseTag && tt == html.StartTagToken {
				proseDepth++
			}
			var refresh bool
			for _, a := range t.Attr {
				if a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh") {
					refresh = true
				}
			}
			for _, a := range t.Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + a.Key
				}
				switch {
				case key == "id" || (key == "name" && t.Data == "a"):
					ids[a.Val] = true
				case key == "class" && proseDepth == 0 && tt == html.StartTagToken && hasClass(a.Val, "bs-prose"):
					proseTag, proseDepth = t.Data, 1
				case key == "style":
					refs = append(refs, cssRefs(file, tokLine, a.Val)...)
				case key == "content" && refresh:
					if i := strings.Index(strings.ToLower(a.Val), "url="); i >= 0 {
						refs = append(refs, ref{file: file, line: tokLine, tag: t.Data, attr: "content", value: strings.Trim(a.Val[i+4:], `'" `)})
					}
				case key == "srcset":
					for _, cand := range strings.Split(a.Val, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							refs = append(refs, ref{file: file, line: tokLine, tag: t.Data, attr: key, value: f[0]})
						}
					}
				case linkAttrs[key] && !(key == "data" && t.Data != "object"):
					refs = append(refs, ref{file: file, line: tokLine, tag: t.Data, attr: key, value: a.Val, prose: proseDepth > 0})
				}
			}
		}
	}
}

// hasClass says whether a class attribute holds the class c.
func hasClass(attr, c string) bool {
	for _, f := range strings.Fields(attr) {
		if f == c {
			return true
		}
	}
	return false
}

// linkReport is what checking the links of an output found.
type linkReport struct {
	Problems []string
	Checked  int      // addresses checked
	External []string // outside links authors wrote (allowed)
}

// checkLinks checks every address in the HTML and CSS files of the output:
// it must lead to a file of the output (a folder only through its
// index.html), or be an outside link written in the article body.
func checkLinks(o *output) (*linkReport, error) {
	rep := &linkReport{}
	var refs []ref
	ids := map[string]map[string]bool{}
	names := make([]string, 0, len(o.files))
	for name := range o.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch path.Ext(name) {
		case ".html":
			src, err := o.read(name)
			if err != nil {
				return nil, err
			}
			r, id, err := scanHTML(name, src)
			if err != nil {
				return nil, err
			}
			refs = append(refs, r...)
			ids[name] = id
		case ".css":
			src, err := o.read(name)
			if err != nil {
				return nil, err
			}
			refs = append(refs, cssRefs(name, 1, string(src))...)
		}
	}
	for _, r := range refs {
		rep.Checked++
		p := checkRef(o, r, ids)
		if p == "external" {
			rep.External = append(rep.External, fmt.Sprintf("%s:%d: %s", r.file, r.line, r.value))
			continue
		}
		if p != "" {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s:%d: %s: %s", r.file, r.line, r, p))
		}
	}
	return rep, nil
}

// checkRef checks one address and returns what is wrong with it, "" when
// nothing is, or "external" for an allowed outside link.
func checkRef(o *output, r ref, ids map[string]map[string]bool) string {
	v := strings.TrimSpace(r.value)
	if v == "" {
		if r.tag == "css" {
			return "empty url()"
		}
		return "empty address"
	}
	u, err := url.Parse(v)
	if err != nil {
		return fmt.Sprintf("not an address: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		if u.Host != "" {
			return external(r)
		}
	case "http", "https":
		if o.BaseURL != "" && strings.HasPrefix(v, o.BaseURL) {
			// The site's own published address: check the file it names.
			u, _ = url.Parse(strings.TrimPrefix(v, o.BaseURL))
			u.Path = "/" + u.Path
			break
		}
		return external(r)
	case "data":
		return ""
	case "mailto", "tel":
		if r.resource() {
			return "a " + u.Scheme + ": address where the browser loads a file"
		}
		return ""
	default:
		return fmt.Sprintf("scheme %q has no place in a static site", u.Scheme)
	}
	if r.tag == "css" && strings.HasPrefix(v, "#") {
		return "" // an SVG filter or marker reference inside the page
	}

	var target string
	switch {
	case u.Path == "":
		target = r.file
	case strings.HasPrefix(u.Path, "/"):
		if o.BaseURL == "" {
			return "a root-relative address breaks pages opened from file:// and sites published under a sub-path (baseURL is empty: write it relative)"
		}
		target = strings.TrimPrefix(u.Path, "/")
	default:
		target = path.Join(path.Dir(r.file), u.Path)
		if strings.HasSuffix(u.Path, "/") {
			target += "/"
		}
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		return "leads outside the output folder"
	}
	file, isDir, ok := o.target(target)
	switch {
	case !ok && isDir:
		return fmt.Sprintf("folder %s has no index.html", strings.TrimSuffix(target, "/"))
	case !ok:
		return fmt.Sprintf("%s is not in the output", strings.TrimSuffix(target, "/"))
	case isDir && o.BaseURL == "" && u.Path != "":
		return fmt.Sprintf("names a folder: opened from file:// it shows a folder listing, not %s (link to index.html)", file)
	}
	if frag := u.Fragment; frag != "" && frag != "top" && r.tag != "css" && ids[file] != nil && !ids[file][frag] {
		return fmt.Sprintf("%s has no element with id %q", file, frag)
	}
	return ""
}

// external judges an outside address: a link a reader follows is allowed
// in the article body only, and nothing may be loaded from outside.
func external(r ref) string {
	switch {
	case r.resource():
		return "loads from outside the site: every file a page needs must ship with it"
	case !r.prose:
		return "an outside link outside the article body (.bs-prose): only authors write outside links"
	}
	return "external"
}
