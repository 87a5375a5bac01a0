package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// extensions are the goldmark extensions a page is read with.
var extensions = []goldmark.Extender{extension.GFM, extension.Footnote, extension.Typographer, extension.CJK}

// Parse reads a page body as the converter does (the same extensions, and
// values {{ … }} as nodes of kind KindValue) and returns its document, for
// tools that work with a page's structure rather than its HTML.
func Parse(body []byte) ast.Node {
	md := goldmark.New(goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(valueParser{}, 500))))
	return md.Parser().Parse(text.NewReader(body))
}
