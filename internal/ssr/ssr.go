// Package ssr draws ECharts options to SVG at build time: the vendored
// ECharts runs in goja, a JavaScript engine written in Go, with the theme's
// chart script applying the named number formats, so the picture is the one
// the browser draws. Drawings are cached on disk by a hash of everything that
// decides them.
package ssr

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Scripts are the JavaScript a drawing depends on.
type Scripts struct {
	// ECharts is echarts.min.js.
	ECharts []byte
	// Charts is the theme's charts.js, whose broadsheetCharts.revive turns
	// "bs:" formatter names into functions.
	Charts []byte
	// Words is the JSON of the page's words (locale.Lang.Script) that
	// charts.js reads from <script id="bs-words">: number units, the month
	// layout, the ECharts locale.
	Words []byte
}

// Drawer draws options with a pool of goja runtimes, one per concurrent
// drawing, each loading the scripts once.
type Drawer struct {
	scripts Scripts
	// version identifies the scripts, the words and this package's own
	// drawing code: part of every cache key.
	version string
	cache   *Cache

	// mu guards programs, compiled on the first drawing and dropped by
	// Release.
	mu       sync.Mutex
	programs *[3]*goja.Program

	idle chan *runtime
}

// glueVersion changes whenever the JavaScript or the clean-up below changes
// what a drawing looks like, so that old cache entries are no longer used.
const glueVersion = "ssr-5"

// New returns a drawer for the scripts with at most workers runtimes, using
// cache (which may be nil).
func New(s Scripts, workers int, cache *Cache) *Drawer {
	h := sha256.New()
	for _, part := range [][]byte{[]byte(glueVersion), s.ECharts, s.Charts, s.Words} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	return &Drawer{scripts: s, version: hex.EncodeToString(h.Sum(nil)), cache: cache, idle: make(chan *runtime, max(workers, 1))}
}

var (
	drawersMu sync.Mutex
	drawers   = map[string]*Drawer{}
)

// Shared returns a drawer for the scripts that lives as long as the process,
// so that repeated builds (the preview server) keep their loaded runtimes.
func Shared(s Scripts, workers int, cache *Cache) *Drawer {
	d := New(s, workers, cache)
	key := d.version
	if cache != nil {
		key += "\x00" + cache.Dir
	}
	drawersMu.Lock()
	defer drawersMu.Unlock()
	if old, ok := drawers[key]; ok {
		return old
	}
	drawers[key] = d
	return d
}

// Key is the cache key of one drawing.
func (d *Drawer) Key(option []byte, width, height int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00", d.version, width, height)
	h.Write(option)
	return hex.EncodeToString(h.Sum(nil))
}

// Draw returns the SVG of the option (the JSON a page carries) drawn at
// width × height, from the cache when it has it.
func (d *Drawer) Draw(option []byte, width, height int) ([]byte, error) {
	key := d.Key(option, width, height)
	if d.cache != nil {
		if svg, ok := d.cache.Get(key); ok {
			return svg, nil
		}
	}
	svg, err := d.draw(option, width, height, "bs-"+key[:10]+"-")
	if err != nil {
		return nil, err
	}
	if d.cache != nil {
		d.cache.Put(key, svg)
	}
	return svg, nil
}

// draw draws the option; idPrefix starts every id inside the drawing.
func (d *Drawer) draw(option []byte, width, height int, idPrefix string) ([]byte, error) {
	rt, err := d.get()
	if err != nil {
		return nil, err
	}
	out, err := rt.draw(string(option), width, height)
	if err != nil {
		// A runtime that failed part-way may hold half-built state: drop it.
		return nil, err
	}
	d.put(rt)
	svg, err := clean(out, idPrefix)
	if err != nil {
		return nil, err
	}
	return svg, nil
}

// get takes an idle runtime or starts a new one.
func (d *Drawer) get() (*runtime, error) {
	select {
	case rt := <-d.idle:
		return rt, nil
	default:
	}
	progs, err := d.compiled()
	if err != nil {
		return nil, err
	}
	return newRuntime(progs, d.scripts.Words)
}

// Release lets go of the loaded runtimes and compiled scripts (tens of
// megabytes that the garbage collector would otherwise scan for the rest
// of the process); the next drawing loads them again.
func (d *Drawer) Release() {
	d.mu.Lock()
	d.programs = nil
	d.mu.Unlock()
	for {
		select {
		case <-d.idle:
		default:
			return
		}
	}
}

// put keeps a runtime for the next drawing, or lets it go when enough wait.
func (d *Drawer) put(rt *runtime) {
	select {
	case d.idle <- rt:
	default:
	}
}

// scriptNames name the programs a runtime loads, in order.
var scriptNames = [3]string{"echarts.min.js", "charts.js", "draw.js"}

func (d *Drawer) compiled() (*[3]*goja.Program, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.programs != nil {
		return d.programs, nil
	}
	var progs [3]*goja.Program
	srcs := [3]string{string(d.scripts.ECharts), chartsWrapper(d.scripts.Charts), drawJS}
	for i, src := range srcs {
		p, err := goja.Compile(scriptNames[i], src, false)
		if err != nil {
			return nil, fmt.Errorf("chart drawing: %s: %w", scriptNames[i], err)
		}
		progs[i] = p
	}
	d.programs = &progs
	return d.programs, nil
}

// chartsWrapper runs charts.js against a document with no figures: it
// starts nothing and leaves its formatters on the window it is given.
func chartsWrapper(src []byte) string {
	return "(function (document, window) {\n" + string(src) + "\n})(__bsDocument, __bsWindow);"
}

// drawJS is the drawing: the option as the browser's charts.js prepares it
// for a still picture (formatters revived, no animation, no background).
//
// Without a canvas ECharts estimates a text's width: printable ASCII from a
// table of Helvetica-like widths, anything else one em (right for Chinese).
// The number formats write the minus sign (U+2212), which is as wide as
// "+", not an em: the estimate below reads a few such characters as their
// ASCII look-alikes, and is otherwise ECharts' own.
const drawJS = `
(function () {
  var ratio = {};
  for (var c = 32; c < 127; c++) {
    var ch = String.fromCharCode(c);
    ratio[ch] = echarts.format.getTextRect(ch, '100px sans-serif').width / 100;
  }
  var alike = { '\u2212': '+', '\u2013': 'n', '\u00b7': '.', '\u2009': ' ', '\u00a0': ' ' };
  echarts.setPlatformAPI({
    measureText: function (text, font) {
      text = text || '';
      var m = /((?:\d+)?\.?\d*)px/.exec(font || '');
      var size = (m && +m[1]) || 12;
      if ((font || '').indexOf('mono') >= 0) { return { width: size * text.length }; }
      var w = 0;
      for (var i = 0; i < text.length; i++) {
        var r = ratio[alike[text[i]] || text[i]];
        w += r == null ? size : r * size;
      }
      return { width: w };
    }
  });
})();

var __bsDraw = function (json, width, height) {
  var option = JSON.parse(json);
  __bsWindow.broadsheetCharts.revive(option, '');
  option.animation = false;
  option.backgroundColor = 'transparent';
  var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: width, height: height, locale: __bsLocale });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
};
`

// runtime is one goja runtime with the scripts loaded. It is used by one
// goroutine at a time.
type runtime struct {
	vm   *goja.Runtime
	draw func(json string, width, height int) (string, error)
}

func newRuntime(programs *[3]*goja.Program, words []byte) (*runtime, error) {
	vm := goja.New()
	noop := func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	_ = vm.Set("setTimeout", noop)
	_ = vm.Set("clearTimeout", noop)
	doc := vm.NewObject()
	wordsEl := vm.NewObject()
	_ = wordsEl.Set("textContent", string(words))
	_ = doc.Set("getElementById", func(id string) any {
		if id == "bs-words" {
			return wordsEl
		}
		return nil
	})
	_ = doc.Set("readyState", "complete")
	_ = doc.Set("querySelectorAll", func(string) []any { return nil })
	_ = vm.Set("__bsDocument", doc)
	_ = vm.Set("__bsWindow", vm.NewObject())
	var w struct{ ECharts string }
	_ = json.Unmarshal(words, &w)
	_ = vm.Set("__bsLocale", cmp.Or(w.ECharts, "EN"))
	for i, p := range programs {
		if _, err := vm.RunProgram(p); err != nil {
			return nil, fmt.Errorf("chart drawing: loading %s: %w", scriptNames[i], err)
		}
	}
	rt := &runtime{vm: vm}
	if err := vm.ExportTo(vm.Get("__bsDraw"), &rt.draw); err != nil {
		return nil, fmt.Errorf("chart drawing: %w", err)
	}
	return rt, nil
}

// ECharts' SVG carries an id prefix per chart instance (zr0-, zr1-, …),
// hover styles for its client script, and attributes of its own; a page
// wants none of them.
var (
	styleRe  = regexp.MustCompile(`(?s)<style\b[^>]*>.*?</style>\s*`)
	classRe  = regexp.MustCompile(` class="zr\d+-cls-\d+"`)
	metaRe   = regexp.MustCompile(` ecmeta_[a-z_]+="[^"]*"`)
	prefixRe = regexp.MustCompile(`((?:id="|url\(#|href="#))zr\d+-`)
)

// clean removes what only ECharts' own client uses, gives the ids inside
// the drawing a prefix of its own (the drawing's key: ids of two drawings on
// one page never clash, and the same drawing is the same bytes whichever
// runtime drew it), compacts it, and checks that the SVG carries nothing
// active. It runs before a drawing is cached, so a warm build pays for none
// of it.
func clean(svg, idPrefix string) ([]byte, error) {
	svg = tidy(svg, idPrefix)
	if small, err := compact(svg); err == nil {
		svg = small
	}
	if err := Inert([]byte(svg)); err != nil {
		return nil, err
	}
	return []byte(svg), nil
}

// tidy removes ECharts' own parts and prefixes the ids.
func tidy(svg, idPrefix string) string {
	svg = styleRe.ReplaceAllString(svg, "")
	svg = classRe.ReplaceAllString(svg, "")
	svg = metaRe.ReplaceAllString(svg, "")
	svg = strings.ReplaceAll(svg, ` pointer-events="visible"`, "")
	// ECharts names the default font on every text; once on the root does
	// the same (the property is inherited) in a tenth of the bytes.
	svg = strings.Replace(svg, ` version="1.1" baseProfile="full"`, ` font-family="sans-serif"`, 1)
	svg = strings.ReplaceAll(svg, `font-family:sans-serif;`, "")
	return prefixRe.ReplaceAllString(svg, "${1}"+idPrefix)
}
