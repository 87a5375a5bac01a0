package bundle

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/broadsheet/broadsheet/internal/publish"
)

// marker is the first element of every bundle's head: what Write looks
// for before it replaces a file. It starts with "<", which no text of the
// page can produce there, since text is escaped.
const marker = `<meta name="generator" content="broadsheet bundle"/>`

// IsBundle reports whether a file's first bytes are those of a bundle.
func IsBundle(head []byte) bool {
	_, after, ok := bytes.Cut(head, []byte("<head>"))
	return ok && bytes.HasPrefix(after, []byte(marker))
}

// Write writes a bundle to the file name atomically. It replaces only an
// earlier bundle: a folder, a link or any other file is refused.
func Write(name string, data []byte) error {
	return publish.WriteFile(name, data, "broadsheet bundle", IsBundle)
}

// mark puts the marker first in the document's head.
func mark(doc *html.Node) {
	head := find(doc, atom.Head)
	if head == nil {
		return
	}
	meta := &html.Node{Type: html.ElementNode, Data: "meta", DataAtom: atom.Meta,
		Attr: []html.Attribute{{Key: "name", Val: "generator"}, {Key: "content", Val: "broadsheet bundle"}}}
	head.InsertBefore(meta, head.FirstChild)
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}
