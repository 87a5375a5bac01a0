package e2e

import (
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/bundle"
	"github.com/broadsheet/broadsheet/internal/pdf"
)

// pdfDPI is the resolution the PDF's pages are pictured at.
const pdfDPI = 50

// coloured counts a picture's coloured (not grey) pixels: the theme's
// text and rules are grey, the charts' marks are not.
func coloured(img image.Image) int {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if max(r, g, bl)>>8-min(r, g, bl)>>8 > 20 {
				n++
			}
		}
	}
	return n
}

var (
	chartSVGRe = regexp.MustCompile(`(?s)<div class="bs-chart-svg"[^>]*>(<svg.*?</svg>)`)
	svgTextRe  = regexp.MustCompile(`<text([^>]*)>([^<]*)</text>`)
)

// TestDemoPDF prints the demo's newest edition to PDF, pictures its pages
// with pdftoppm and reads its text with pdftotext: no blank page, and each
// chart whole on one page (its texts on the same page), drawn (that page
// holds coloured marks).
func TestDemoPDF(t *testing.T) {
	t.Parallel()
	if _, err := pdf.Chromium(os.Getenv("BROADSHEET_CHROMIUM")); err != nil {
		t.Fatal(err)
	}
	pdftoppm, err := exec.LookPath("pdftoppm")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err != nil || err2 != nil {
		t.Fatal("pdftoppm or pdftotext is not installed: run `make test-deps` (apt-get install poppler-utils)")
	}
	o := demo(t)
	page := newestEdition(t, o)
	doc, err := bundle.Light(o.tree, page, o.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	charts := chartSVGRe.FindAllSubmatch(doc, -1)
	data, err := pdf.Print(doc, pdf.Options{Report: "Report <i>&", Edition: "Edition"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "edition.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-r", fmt.Sprint(pdfDPI), "-png", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pics, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Strings(pics)
	t.Logf("%s: %d KB, %d pages, %d charts", page, len(data)/1024, len(pics), len(charts))
	if len(pics) < 2 || len(pics) > 2*len(charts)+2 {
		t.Errorf("%d pages for %d charts", len(pics), len(charts))
	}
	text, err := exec.Command(pdftotext, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pageTexts := strings.Split(string(text), "\f")
	for i, pt := range pageTexts[:len(pics)] {
		num := regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d\s*/\s*%d\s*$`, i+1, len(pics)))
		if !strings.Contains(pt, "Report") || !strings.Contains(pt, "Edition") || !num.MatchString(pt) {
			t.Errorf("page %d lacks the running header (Report, Edition) or its number %d / %d", i+1, i+1, len(pics))
		}
	}
	colour := make([]int, len(pics))
	for i, p := range pics {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if blank(img) {
			t.Errorf("page %d is blank", i+1)
		}
		colour[i] = coloured(img)
	}
	// A chart stands whole on a page when one page holds all its texts
	// (axis labels, legend, values: those of two characters or more, not
	// turned, that pdftotext finds), and it is drawn when that page has coloured marks.
	for n, c := range charts {
		var words []string
		for _, m := range svgTextRe.FindAllSubmatch(c[1], -1) {
			if strings.Contains(string(m[1]), "matrix(") {
				continue // turned text, which pdftotext reads in pieces
			}
			w := strings.TrimSpace(html.UnescapeString(string(m[2])))
			if utf8.RuneCountInString(w) >= 2 && strings.Contains(string(text), w) {
				words = append(words, w)
			}
		}
		if len(words) < 3 {
			t.Errorf("chart %d: only %d of its texts are in the PDF: not drawn?", n+1, len(words))
			continue
		}
		var on []int
		for p, pt := range pageTexts {
			all := true
			for _, w := range words {
				all = all && strings.Contains(pt, w)
			}
			if all {
				on = append(on, p+1)
			}
		}
		if len(on) == 0 {
			where := map[int][]string{}
			for _, w := range words {
				for p, pt := range pageTexts {
					if strings.Contains(pt, w) {
						where[p+1] = append(where[p+1], w)
					}
				}
			}
			t.Errorf("chart %d: no page holds all of its %d texts: split across pages? %v", n+1, len(words), where)
			continue
		}
		// Texts common to several pages: the chart is on the most coloured.
		best := on[0]
		for _, p := range on {
			if colour[p-1] > colour[best-1] {
				best = p
			}
		}
		t.Logf("chart %d: its %d texts on page %v (%d coloured pixels on page %d)", n+1, len(words), on, colour[best-1], best)
		if colour[best-1] < 500 {
			t.Errorf("chart %d: page %d shows no coloured marks", n+1, best)
		}
	}
}

// blank reports whether a picture is of one colour.
func blank(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	r0, g0, b0, _ := first.RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r != r0 || g != g0 || bl != b0 {
				return false
			}
		}
	}
	return true
}
