package site

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"strings"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/compare"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/markdown"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// valueDefs returns the named values a page sees: its own, then those of
// the sections it is in (an edition sees the edition section's), then the
// home page's.
func (s *Site) valueDefs(p *Page) []block.Def {
	var defs []block.Def
	add := func(q *Page) {
		for _, v := range q.Values {
			defs = append(defs, block.Def{Name: v.Name, Expr: v.Expr, Pos: diag.Pos{File: q.File, Line: v.Line, Col: v.Col}})
		}
	}
	add(p)
	dir := p.Dir
	if p.Kind == content.KindSection {
		dir = path.Dir(dir)
	}
	for dir != "" && dir != "." {
		if q := s.byFile[path.Join(content.Dir, dir, "_index.md")]; q != nil && q != p {
			add(q)
		}
		dir = path.Dir(dir)
	}
	if s.Home != nil && s.Home != p {
		add(s.Home)
	}
	return defs
}

// valueHook resolves a page's inline values for the markdown converter;
// warnings go to warns.
func valueHook(vals *block.Values, warns *diag.List) markdown.ValueHook {
	return func(in markdown.Inline) (markdown.InlineValue, error) {
		v, errs := vals.Resolve(in.Expr, in.Pos, in.Abs)
		if errs.Err() != nil {
			return markdown.InlineValue{}, errs
		}
		*warns = append(*warns, errs...)
		out := markdown.InlineValue{Text: v.Text, Known: v.Numeric}
		switch {
		case v.Num > 0:
			out.Sign = 1
		case v.Num < 0:
			out.Sign = -1
		}
		return out, nil
	}
}

// expandFront writes the values in a page's title and summary; stale, when
// set, checks their hand-typed figures.
func (s *Site) expandFront(p *Page, hook markdown.ValueHook, stale func(string, diag.Pos)) diag.List {
	var errs diag.List
	for _, f := range []struct {
		key string
		v   *string
	}{{"title", &p.Title}, {"summary", &p.Summary}} {
		if stale != nil && *f.v != "" {
			line, col := p.KeyPos(f.key)
			stale(markdown.BlankValues(*f.v), diag.Pos{File: p.File, Line: line, Col: max(col, 1)})
		}
		if !strings.Contains(*f.v, "{") {
			continue
		}
		line, col := p.KeyPos(f.key)
		out, ferrs := markdown.ExpandText(*f.v, diag.Pos{File: p.File, Line: line, Col: col}, hook, s.Config.Language)
		errs = append(errs, ferrs...)
		*f.v = out
	}
	return errs
}

// figureRe finds a number typed in prose, with the unit a reader would type
// after it: 287 万, 1.5亿, 2,870,000, 6.0%, 2.15M.
var figureRe = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?(?:\s*(?:万亿|万|亿|%|K|M|B|T)\b|\s*(?:万亿|万|亿|%))?`)

// figures are the ways a dataset's numbers read in prose: as written, with
// separators, and compact (287万, 2.87M).
type figures map[string]bool

// figuresOf collects the figures of an edition's own datasets: each
// number as written, with separators and compact, and, for a dataset the
// edition before it has too (joined on its key), each row's change in the
// forms a sentence quotes it: 6.0%, 6%, and the difference.
func (r *registry) figuresOf(p *Page, lang string) figures {
	out := figures{}
	add := func(v float64, formats ...string) {
		for _, format := range formats {
			out[normFigure(numfmt.Format(v, format, lang))] = true
		}
	}
	for _, f := range p.Resources {
		if !dataset.IsDataset(f) || path.Dir(f) != content.Dir+"/"+p.Dir {
			continue
		}
		t, err := r.read(f)
		if err != nil || t == nil {
			continue
		}
		if c := r.compared(p, f, t); c != nil {
			t = c
		}
		for _, c := range t.Columns {
			// The edition's own figures and its changes, not the previous
			// edition's figures the join brings along.
			if !c.Type.Numeric() || strings.HasSuffix(c.Name, compare.SuffixPrev) || c.Name == compare.IsNew ||
				c.Name == compare.Rank || c.Name == compare.RankPrev || c.Name == compare.RankDelta {
				continue
			}
			change := strings.HasSuffix(c.Name, compare.SuffixChange)
			for i := range c.Len() {
				v, ok := c.Float(i)
				switch {
				case !ok:
				case change:
					add(math.Abs(v), "percent", "0%")
				default:
					add(math.Abs(v), "", "int", "compact")
				}
			}
		}
	}
	return out
}

// compared joins an edition's dataset with the same dataset of the edition
// before it, on the dataset's key; nil when there is no such pair.
func (r *registry) compared(p *Page, file string, t *dataset.Table) *dataset.Table {
	name := stem(file)
	key := r.key(name)
	if len(key) == 0 || p.Edition == nil || p.Edition.Prev == nil {
		return nil
	}
	pf := bundleDataset(p.Edition.Prev, name)
	if pf == "" {
		return nil
	}
	prev, err := r.read(pf)
	if err != nil || prev == nil {
		return nil
	}
	res, err := compare.With(compare.Previous, t, prev, query.Spec{}, key)
	if err != nil {
		return nil
	}
	return res.Table
}

// normFigure drops separators and spaces, so "287 万" and "287万" match.
func normFigure(s string) string {
	return strings.NewReplacer(",", "", " ", "", "\u00a0", "", numfmt.Minus, "-").Replace(s)
}

// significant reports whether a typed figure is worth checking: a unit, a
// decimal point or four digits or more (not "24 个" or "第 3 名").
func significant(fig string) bool {
	digits := 0
	for _, r := range fig {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == ' ':
		default:
			return true
		}
	}
	return digits >= 4
}

// staleCheck returns the Prose hook of an edition with a previous edition:
// a number typed by hand that equals a figure of the previous edition's
// data but none of this edition's is likely last month's, left behind.
func (s *Site) staleCheck(p *Page, r *registry, warns *diag.List) func(string, diag.Pos) {
	if p.Edition == nil || p.Edition.Prev == nil {
		return nil
	}
	var prev, cur figures
	return func(text string, pos diag.Pos) {
		for _, m := range figureRe.FindAllStringIndex(text, -1) {
			fig := text[m[0]:m[1]]
			if !significant(fig) {
				continue
			}
			if prev == nil {
				prev, cur = r.figuresOf(p.Edition.Prev, s.Config.Language), r.figuresOf(p, s.Config.Language)
			}
			n := normFigure(fig)
			if !prev[n] || cur[n] {
				continue
			}
			at := pos
			at.Col += len([]rune(text[:m[0]]))
			*warns = append(*warns, &diag.Error{Pos: at, Warning: true,
				Msg:  fmt.Sprintf("%q is a figure of the previous edition's data (%s) and of none of this edition's: a stale number?", fig, p.Edition.Prev.Edition.Name),
				Hint: "bind it to the data with a value {{ dataset[key].column }}, or {{ dataset[key].column_prev }} for the previous edition's figure"})
		}
	}
}

// menuTitles gives menu entries the titles of their pages once values in
// the titles are written.
func (s *Site) menuTitles() {
	for i, m := range s.Menu {
		if !strings.Contains(m.Name, "{") {
			continue
		}
		for _, p := range s.Pages {
			if p.Path == m.Path && p.Kind != content.KindHome {
				s.Menu[i].Name = p.Title
			}
		}
	}
}
