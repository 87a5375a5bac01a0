// Package markdown converts page bodies to HTML with goldmark: GFM, footnotes,
// typographer, CJK line breaking, Unicode heading anchors and a table of
// contents. Fenced blocks whose info string is chart, table or kpi are handed
// to a hook that returns their HTML.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/locale"
)

// Block is a fenced chart, table or kpi block found in a page.
type Block struct {
	// Kind is the info string: chart, table or kpi.
	Kind string
	// Source is the block's content.
	Source string
	// Line is the line, in the page's file, of the block's first content line.
	Line int
	// Col is the column, in the page's file, where the block's content
	// lines begin: 1, or more for a block indented in a list item.
	Col int
	// Index counts blocks of the same kind on the page, from 1.
	Index int
}

// BlockHook turns a block into HTML. Its errors are collected and reported
// with the page's.
type BlockHook func(b Block) ([]byte, error)

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Result is a converted page.
type Result struct {
	HTML     []byte
	Headings []Heading
}

// Options configure a Converter.
type Options struct {
	// Unsafe lets raw HTML through; otherwise it is omitted.
	Unsafe bool
	// Lang is the page language, "zh-CN" or "en", for the accessible names
	// of task-list check boxes.
	Lang string
	// Blocks are the info strings of the fenced blocks handed to the block
	// hook (the block package's Kinds); other fenced blocks are code.
	Blocks []string
}

// LinkResolver rewrites a link or image destination written in a page, such
// as "../about.md", and reports whether it did. An error is reported at the
// link's line.
type LinkResolver func(dest string) (string, bool, error)

// Converter converts markdown with one fixed configuration. It is safe for
// concurrent use.
type Converter struct {
	opts Options
	// pool holds goldmark set-ups, each with its own block renderer: making
	// one costs more than converting a short page.
	pool sync.Pool
}

// instance is a goldmark set-up and the block renderer registered in it.
type instance struct {
	md goldmark.Markdown
	br *blockRenderer
}

// New returns a Converter.
func New(opts Options) *Converter { return &Converter{opts: opts} }

func (c *Converter) instance() *instance {
	if in, ok := c.pool.Get().(*instance); ok {
		return in
	}
	br := &blockRenderer{}
	rendererOpts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(br, 100), util.Prioritized(valueRenderer{}, 100))}
	if c.opts.Unsafe {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithInlineParsers(util.Prioritized(valueParser{}, 500))),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &instance{md: md, br: br}
}

// Convert converts body, whose first line is line bodyLine of file. hook may
// be nil, in which case blocks are shown as code.
func (c *Converter) Convert(file string, body []byte, bodyLine int, hook BlockHook) (Result, diag.List) {
	return c.ConvertLinks(file, body, bodyLine, hook, nil)
}

// ConvertLinks is Convert with links and images passed through resolve
// (when not nil) before rendering.
func (c *Converter) ConvertLinks(file string, body []byte, bodyLine int, hook BlockHook, resolve LinkResolver) (Result, diag.List) {
	return c.ConvertPage(Page{File: file, Body: body, BodyLine: bodyLine, Blocks: hook, Links: resolve})
}

// Page is a page's markdown and the hooks its conversion calls.
type Page struct {
	// File is the page's file; Body starts on its line BodyLine.
	File     string
	Body     []byte
	BodyLine int
	// Blocks renders fenced blocks (nil: shown as code).
	Blocks BlockHook
	// Links rewrites link destinations (nil: kept).
	Links LinkResolver
	// Values resolves inline values {{ … }} (nil: written as in the source).
	Values ValueHook
	// Prose, when set, receives each run of text a reader sees that was
	// typed by hand: not code, not a value, not a block.
	Prose func(text string, pos diag.Pos)
}

// ConvertPage converts a page.
func (c *Converter) ConvertPage(pg Page) (Result, diag.List) {
	file, bodyLine := pg.File, pg.BodyLine
	if err := checkNesting(file, pg.Body, bodyLine); err != nil {
		return Result{}, diag.List{err}
	}
	body, invalid := validUTF8(file, pg.Body, bodyLine)
	in := c.instance()
	defer c.release(in)
	br := in.br
	*br = blockRenderer{file: file, body: body, bodyLine: bodyLine, hook: pg.Blocks, counts: map[string]int{}, lang: c.opts.Lang, kinds: c.opts.Blocks}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := in.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	if invalid != nil {
		br.errs.Add(invalid)
	}
	at := func(p diag.Pos) diag.Pos {
		if p.File == "" {
			p.File, p.Line = file, p.Line+bodyLine-1
		}
		return p
	}
	for _, e := range valueErrs(ctx) {
		e.Pos = at(e.Pos)
		br.errs.Add(e)
	}
	br.errs = append(br.errs, resolveValues(doc, pg.Values, c.opts.Lang, at)...)
	if pg.Prose != nil {
		prose(doc, body, pg.Prose, at)
	}
	if pg.Links != nil {
		br.errs = append(br.errs, resolveLinks(doc, body, pg.Links, diag.Pos{File: file, Line: bodyLine})...)
	}
	res := Result{Headings: headings(doc, body)}
	var buf bytes.Buffer
	if err := in.md.Renderer().Render(&buf, body, doc); err != nil {
		br.errs.Add(diag.Errorf(diag.Pos{File: file, Line: bodyLine}, "markdown: %v", err))
	}
	res.HTML = buf.Bytes()
	return res, br.errs
}

// release puts a set-up back in the pool, its renderer letting go of the
// page and its hook.
func (c *Converter) release(in *instance) {
	*in.br = blockRenderer{}
	c.pool.Put(in)
}

// validUTF8 returns body, its broken bytes replaced, and an error at the
// line of the first (goldmark's East Asian line breaking panics on them);
// body itself when it is valid.
func validUTF8(file string, body []byte, bodyLine int) ([]byte, *diag.Error) {
	if utf8.Valid(body) {
		return body, nil
	}
	i := 0
	for i < len(body) {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return bytes.ToValidUTF8(body, []byte("\uFFFD")), &diag.Error{Pos: diag.Pos{File: file, Line: bodyLine + bytes.Count(body[:i], []byte("\n"))},
		Msg: "the page is not valid UTF-8", Hint: "save the file as UTF-8"}
}

// resolveLinks passes every link and image destination through resolve;
// an error is placed at the line of the destination, counted from start.
func resolveLinks(doc ast.Node, body []byte, resolve LinkResolver, start diag.Pos) diag.List {
	var errs diag.List
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch l := n.(type) {
		case *ast.Link:
			dest = &l.Destination
		case *ast.Image:
			dest = &l.Destination
		default:
			return ast.WalkContinue, nil
		}
		out, ok, err := resolve(string(*dest))
		if err != nil {
			at := start
			if i := bytes.Index(body, *dest); i >= 0 {
				at.Line += bytes.Count(body[:i], []byte("\n"))
			}
			errs.Add(diag.At(at, err))
		} else if ok {
			*dest = []byte(out)
		}
		return ast.WalkContinue, nil
	})
	return errs
}

// headings lists the document's headings with their ids.
func headings(doc ast.Node, body []byte) []Heading {
	var hs []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			id, _ := h.AttributeString("id")
			idText, _ := id.([]byte)
			hs = append(hs, Heading{Level: h.Level, Text: plainText(h, body), ID: string(idText)})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return hs
}

// plainText gathers the text of an inline tree.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *valueNode:
			b.WriteString(t.text)
		case *wordsNode:
			b.WriteString(t.text)
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

type blockRenderer struct {
	file     string
	body     []byte
	bodyLine int
	hook     BlockHook
	counts   map[string]int
	errs     diag.List
	lang     string
	kinds    []string
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
	reg.Register(east.KindTaskCheckBox, r.renderTaskCheckBox)
}

// renderTaskCheckBox writes a task list's check box with an accessible name,
// which goldmark's own rendering lacks.
func (r *blockRenderer) renderTaskCheckBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.TaskCheckBox)
	checked, label := "", locale.TaskToDo
	if n.IsChecked {
		checked, label = " checked", locale.TaskDone
	}
	fmt.Fprintf(w, `<input type="checkbox" disabled%s aria-label="%s"> `, checked, html.EscapeString(locale.Of(r.lang).Word(label)))
	return ast.WalkContinue, nil
}

func (r *blockRenderer) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	var content bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		content.Write(seg.Value(src))
	}
	if r.hook != nil && slices.Contains(r.kinds, lang) {
		r.counts[lang]++
		line := r.bodyLine
		if n.Info != nil {
			line += bytes.Count(src[:n.Info.Segment.Start], []byte("\n")) + 1
		} else if n.Lines().Len() > 0 {
			line += bytes.Count(src[:n.Lines().At(0).Start], []byte("\n"))
		}
		out, err := r.hook(Block{Kind: lang, Source: content.String(), Line: line, Col: firstCol(n, src), Index: r.counts[lang]})
		if err != nil {
			r.errs.Add(err)
			fmt.Fprintf(w, "<div class=\"bs-block-error\">%s</div>\n", html.EscapeString(lang))
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.Write(out)
		_ = w.WriteByte('\n')
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<pre><code")
	if lang != "" {
		fmt.Fprintf(w, " class=\"language-%s\"", html.EscapeString(lang))
	}
	_ = w.WriteByte('>')
	_, _ = w.WriteString(html.EscapeString(content.String()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// firstCol is the column where a fenced block's first content line begins.
func firstCol(n *ast.FencedCodeBlock, src []byte) int {
	if n.Lines().Len() == 0 {
		return 1
	}
	start := n.Lines().At(0).Start
	return utf8.RuneCount(src[bytes.LastIndexByte(src[:start], '\n')+1:start]) + 1
}

// ids makes heading ids that keep letters of every script, so "数字化转型"
// stays readable, and unique within a page.
type ids struct{ used map[string]int }

func newIDs() *ids { return &ids{used: map[string]int{}} }

// Slug turns heading text into an anchor: letters and digits of any script
// are kept (lower-cased), runs of anything else become one hyphen.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(stripValues(value)))
	if base == "" {
		base = "section"
	}
	id := base
	for n := 1; s.used[id] > 0; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	s.used[id]++
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)]++ }
