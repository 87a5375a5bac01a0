package bundle

import (
	"strings"

	"golang.org/x/net/html"
)

// closeEmptySVG writes each inline SVG drawing as raw markup in which an
// element without content closes itself (<path …/>), as the drawings are
// stored, instead of the closing tag for each that the HTML writer spells
// out. Only SVG made of SVG elements and text is written this way.
func closeEmptySVG(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Namespace == "svg" && c.Data == "svg" {
			var b strings.Builder
			if writeSVG(&b, c) {
				raw := &html.Node{Type: html.RawNode, Data: b.String()}
				n.InsertBefore(raw, c)
				n.RemoveChild(c)
				c = raw
			}
			continue
		}
		closeEmptySVG(c)
	}
}

// writeSVG writes an SVG element and what it holds, and reports false
// (having written part of it) when it holds anything but SVG elements and
// text.
func writeSVG(b *strings.Builder, n *html.Node) bool {
	switch {
	case n.Type == html.TextNode:
		b.WriteString(escapeSVG(n.Data))
		return true
	case n.Type != html.ElementNode || n.Namespace != "svg" || strings.EqualFold(n.Data, "foreignObject"):
		return false
	}
	b.WriteByte('<')
	b.WriteString(n.Data)
	for _, a := range n.Attr {
		b.WriteByte(' ')
		if a.Namespace != "" {
			b.WriteString(a.Namespace)
			b.WriteByte(':')
		}
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(escapeSVG(a.Val))
		b.WriteByte('"')
	}
	if n.FirstChild == nil {
		b.WriteString("/>")
		return true
	}
	b.WriteByte('>')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !writeSVG(b, c) {
			return false
		}
	}
	b.WriteString("</")
	b.WriteString(n.Data)
	b.WriteByte('>')
	return true
}

// escapeSVG escapes what html.Render escapes in text and attributes.
var escapeSVG = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;", "\r", "&#13;").Replace
