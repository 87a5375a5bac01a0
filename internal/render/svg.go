package render

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/site"
	"github.com/broadsheet/broadsheet/internal/ssr"
)

// SVGWidth is the width, in CSS pixels, charts are drawn at: the article's
// width (48rem). The SVG scales with the column, keeping its proportions.
const SVGWidth = 768

// svgState draws the charts of each page once, for all copies of the page,
// and keeps what could not be drawn.
type svgState struct {
	drawer *ssr.Drawer
	mu     sync.Mutex
	pages  map[*site.Page]*pageSVG
}

type pageSVG struct {
	once    sync.Once
	content template.HTML
	links   []int
	errs    diag.List
}

// DrawCharts makes every page carry its charts as SVG, drawn by the theme's
// ECharts and charts.js and cached in cacheDir ("" caches nothing).
func (r *Renderer) DrawCharts(cacheDir string) diag.List {
	var scripts ssr.Scripts
	var errs diag.List
	for _, f := range []struct {
		name string
		dst  *[]byte
	}{{"assets/vendor/echarts/echarts.min.js", &scripts.ECharts}, {"assets/js/charts.js", &scripts.Charts}} {
		b, _, err := r.layers.open(f.name)
		if err != nil {
			errs = append(errs, &diag.Error{Pos: diag.Pos{File: f.name}, Msg: "chart drawing needs this file", Hint: "restore it, or set svg = false under [charts] in site.toml"})
		}
		*f.dst = b
	}
	if len(errs) > 0 {
		return errs
	}
	scripts.Words = locale.Of(r.site.Config.Language).Script()
	var cache *ssr.Cache
	if cacheDir != "" {
		cache = &ssr.Cache{Dir: cacheDir}
	}
	r.svg = &svgState{drawer: ssr.Shared(scripts, runtime.GOMAXPROCS(0), cache), pages: map[*site.Page]*pageSVG{}}
	return nil
}

// pageContent is the page's content with its charts' SVG, drawn on first
// use, and the offsets of its links to other pages (site.Page.RootLinks).
func (r *Renderer) pageContent(p *site.Page) (template.HTML, []int) {
	if r.svg == nil || p.Charts == 0 {
		return p.Content, p.RootLinks
	}
	if p.Edition == nil {
		// Drawn once: only an edition is published twice (latest/) and
		// is in the feed, so only an edition's content is kept.
		content, links, errs := r.svg.withSVG(p)
		r.svg.page(p).errs = errs
		return content, links
	}
	ps := r.svg.page(p)
	ps.once.Do(func() { ps.content, ps.links, ps.errs = r.svg.withSVG(p) })
	return ps.content, ps.links
}

func (s *svgState) page(p *site.Page) *pageSVG {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.pages[p]
	if ps == nil {
		ps = &pageSVG{}
		s.pages[p] = ps
	}
	return ps
}

// warnings lists the charts that could not be drawn.
func (s *svgState) warnings() diag.List {
	var all diag.List
	for _, ps := range s.pages {
		all = append(all, ps.errs...)
	}
	return all
}

// The markup the block package writes around a chart's option.
const (
	canvasOpen  = `<div class="bs-chart-canvas"`
	heightAttr  = ` style="height:`
	labelAttr   = ` aria-label="`
	optionOpen  = `<script type="application/json" class="bs-chart-option">`
	optionClose = `</script>`
)

// chartAt finds the next chart canvas and option in src from i: where the
// canvas starts, its aria-label attribute, its height, the option, and
// where the option's script ends. ok is false when there is none.
func chartAt(src string, i int) (start int, label string, height int, option string, end int, ok bool) {
	for {
		k := strings.Index(src[i:], canvasOpen)
		if k < 0 {
			return 0, "", 0, "", 0, false
		}
		start = i + k
		i = start + len(canvasOpen)
		tagEnd := strings.IndexByte(src[i:], '>')
		if tagEnd < 0 {
			return 0, "", 0, "", 0, false
		}
		tag := src[start : i+tagEnd]
		if _, after, ok0 := strings.Cut(tag, heightAttr); ok0 {
			digits := after
			n := 0
			for n < len(digits) && digits[n] >= '0' && digits[n] <= '9' {
				n++
			}
			height, _ = strconv.Atoi(digits[:n])
		}
		if l := strings.Index(tag, labelAttr); l >= 0 {
			if q := strings.IndexByte(tag[l+len(labelAttr):], '"'); q >= 0 {
				label = tag[l : l+len(labelAttr)+q+1]
			}
		}
		rest := strings.TrimLeft(strings.TrimPrefix(src[i+tagEnd+1:], "</div>"), " \n")
		if height <= 0 || !strings.HasPrefix(rest, optionOpen) {
			continue
		}
		optStart := len(src) - len(rest) + len(optionOpen)
		c := strings.Index(src[optStart:], optionClose)
		if c < 0 {
			return 0, "", 0, "", 0, false
		}
		return start, label, height, src[optStart : optStart+c], optStart + c + len(optionClose), true
	}
}

// withSVG puts each chart's drawing before its canvas, and moves the
// page's link offsets past what it inserted. A chart that cannot be drawn
// is left to the browser, with a warning.
func (s *svgState) withSVG(p *site.Page) (template.HTML, []int, diag.List) {
	src := string(p.Content)
	var b strings.Builder
	var errs diag.List
	links := slices.Clone(p.RootLinks)
	last, n, shift, next := 0, 0, 0, 0
	for i := 0; ; {
		start, label, height, option, end, ok := chartAt(src, i)
		if !ok {
			break
		}
		i = end
		n++
		svg, err := s.drawer.Draw([]byte(option), SVGWidth, height)
		if err != nil {
			errs = append(errs, &diag.Error{Pos: diag.Pos{File: p.File}, Warning: true,
				Msg: fmt.Sprintf("chart %d is not drawn as SVG: %v", n, err), Hint: "the page still draws it with JavaScript"})
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(src) + 2*len(svg))
		}
		for ; next < len(links) && links[next] < start; next++ {
			links[next] += shift
		}
		b.WriteString(src[last:start])
		before := b.Len()
		b.WriteString(`<div class="bs-chart-svg"`)
		b.WriteString(label)
		b.WriteString(` role="img">`)
		b.Write(svg)
		b.WriteString("</div>\n")
		shift += b.Len() - before
		last = start
	}
	for ; next < len(links); next++ {
		links[next] += shift
	}
	if b.Len() == 0 {
		return p.Content, p.RootLinks, errs
	}
	b.WriteString(src[last:])
	return template.HTML(b.String()), links, errs
}

// feedContent is an edition's entry in the feed: its content with each
// chart as its SVG drawing and no script, so a feed reader shows the charts.
// Without drawings the entry carries its summary only.
type feedContent struct {
	XMLName xml.Name `xml:"content"`
	Type    string   `xml:"type,attr"`
	Base    string   `xml:"xml:base,attr"`
	Body    string   `xml:",chardata"`
}

// liveRe is what only the script uses: the empty canvas and the option.
var liveRe = regexp.MustCompile(`(?s)<div class="bs-chart-canvas"[^>]*></div>\s*<script type="application/json" class="bs-chart-option">.*?</script>`)

func (r *Renderer) feedContent(p *site.Page, loc string) *feedContent {
	if r.svg == nil {
		return nil
	}
	content, links := r.pageContent(p)
	body := liveRe.ReplaceAllString(withRoot(string(content), links, r.site.Config.BaseURL), "")
	return &feedContent{Type: "html", Base: loc, Body: body}
}
