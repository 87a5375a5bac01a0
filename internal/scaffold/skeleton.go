package scaffold

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/markdown"
)

// skeleton keeps the previous commentary's headings, its chart, table
// and kpi blocks, and its paragraphs (lists, tables, quotes) that hold
// values bound to the data, {{ … }}: those read right again once the new
// data is in. A heading with nothing kept under it gets a placeholder.
// The body is read as pages are (goldmark, with the same extensions), so
// fences, code and headings are what CommonMark says they are.
func skeleton(body []byte, lang string) []byte {
	s := &skel{src: body, todo: content.Placeholder(lang)}
	doc := markdown.Parse(body)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			s.heading(n)
		case *ast.FencedCodeBlock:
			if slices.Contains(block.Kinds, string(n.Language(body))) {
				s.block(n)
			}
		default:
			if holdsValue(n) {
				s.keep(n)
			}
		}
	}
	s.placeholder()
	return append(bytes.TrimRight(s.out.Bytes(), "\n"), '\n')
}

// skel writes a skeleton.
type skel struct {
	src  []byte
	todo string
	out  bytes.Buffer
	// pending is set while a heading waits for its placeholder.
	pending bool
}

// placeholder writes the placeholder a heading waits for.
func (s *skel) placeholder() {
	if s.pending {
		s.out.WriteString(s.todo + "\n\n")
		s.pending = false
	}
}

// heading writes a heading, in ATX form, and waits for what is kept under it.
func (s *skel) heading(h *ast.Heading) {
	s.placeholder()
	var text []string
	for i := range h.Lines().Len() {
		seg := h.Lines().At(i)
		text = append(text, strings.TrimSpace(string(seg.Value(s.src))))
	}
	s.out.WriteString(strings.TrimSpace(strings.Repeat("#", h.Level)+" "+strings.Join(text, " ")) + "\n\n")
	s.pending = true
}

// block writes a chart, table or kpi block as it was written, closed with
// the fence it was opened with; it is no text of the section's own.
func (s *skel) block(b *ast.FencedCodeBlock) {
	s.placeholder()
	open := strings.TrimLeft(string(lineAt(s.src, b.Info.Segment.Start)), " ")
	fence := open[:len(open)-len(strings.TrimLeft(open, open[:1]))]
	s.out.WriteString(open + "\n")
	for i := range b.Lines().Len() {
		seg := b.Lines().At(i)
		line := seg.Value(s.src)
		s.out.Write(line)
		if !bytes.HasSuffix(line, []byte("\n")) {
			s.out.WriteByte('\n')
		}
	}
	s.out.WriteString(fence + "\n\n")
}

// keep writes a paragraph, list, table or quote as it was written, whole
// lines from its first text to its last.
func (s *skel) keep(n ast.Node) {
	start, stop := span(n)
	if start > stop {
		return
	}
	for start > 0 && s.src[start-1] != '\n' {
		start--
	}
	last := max(stop-1, start)
	if i := bytes.IndexByte(s.src[last:], '\n'); i >= 0 {
		stop = last + i
	} else {
		stop = len(s.src)
	}
	s.out.Write(bytes.TrimRight(s.src[start:stop], "\r \t"))
	s.out.WriteString("\n\n")
	s.pending = false
}

// span returns the first and the last byte of the source that n and its
// descendants cover (start > stop when they cover none).
func span(n ast.Node) (start, stop int) {
	start, stop = int(^uint(0)>>1), -1
	add := func(from, to int) {
		start, stop = min(start, from), max(stop, to)
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := c.(*ast.Text); ok {
			add(t.Segment.Start, t.Segment.Stop)
		} else if c.Type() == ast.TypeBlock {
			for i := range c.Lines().Len() {
				seg := c.Lines().At(i)
				add(seg.Start, seg.Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return start, stop
}

// holdsValue reports whether n holds a value bound to the data, {{ … }}.
func holdsValue(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == markdown.KindValue {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// lineAt returns the line of src that holds offset off, without its end.
func lineAt(src []byte, off int) []byte {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return bytes.TrimRight(src[start:], "\r")
	}
	return bytes.TrimRight(src[start:off+end], "\r")
}
