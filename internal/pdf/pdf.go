// Package pdf prints one page, as a single self-contained HTML file, to a
// paged PDF with Chromium driven over the DevTools protocol (chromedp): A4,
// a running header with the report and the edition, page numbers, and the
// theme's print stylesheet, which keeps each chart on one page.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Options describe the paper.
type Options struct {
	// Report and Edition are the running header's left and right parts.
	Report, Edition string
	// Scripts lets the page's scripts run (a page whose charts have no SVG
	// drawing needs them); otherwise none runs.
	Scripts bool
	// Timeout bounds the whole print; 0 means one minute.
	Timeout time.Duration
	// Chromium is the browser program (see Chromium); "": the one found
	// on the PATH.
	Chromium string
}

// ErrNoChromium says that no Chromium was found.
var ErrNoChromium = errors.New("no Chromium found: install it (Debian and Ubuntu: apt-get install chromium), or set BROADSHEET_CHROMIUM to a Chromium or Chrome program")

// Chromium finds the browser: named (the command line passes
// BROADSHEET_CHROMIUM) when it is set, else chromium, chromium-browser,
// google-chrome on the PATH.
func Chromium(named string) (string, error) {
	if p := named; p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("BROADSHEET_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Ours reports whether the start of an existing file is a PDF printed by
// headless Chromium, as Print writes them: the only kind of file that
// broadsheet pdf replaces.
func Ours(head []byte) bool {
	return bytes.HasPrefix(head, []byte("%PDF-")) && bytes.Contains(head, []byte("HeadlessChrome/"))
}

// A4 in inches, and the margins: room for the header and the footer.
const (
	a4Width, a4Height = 8.27, 11.69
	marginSide        = 0.6
	marginEdge        = 0.75
)

// Print renders the HTML document (self-contained: it is opened from a
// temporary file with the network off) to a PDF.
func Print(doc []byte, o Options) ([]byte, error) {
	exe, err := Chromium(o.Chromium)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "broadsheet-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		return nil, err
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	tab, closeTab, err := openTab(ctx, exe, filepath.Join(dir, "profile"))
	defer closeTab()
	if err != nil {
		return nil, err
	}
	if err := load(tab, file, o.Scripts); err != nil {
		return nil, err
	}
	return printA4(tab, o)
}

// openTab starts a headless Chromium with its own profile folder, cut off
// from the network, and opens a tab. closeTab ends both, also on error.
func openTab(ctx context.Context, exe, profile string) (tab context.Context, closeTab func(), err error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Nothing is fetched from anywhere: the page is self-contained.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.UserDataDir(profile),
	)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	closeTab = func() { cancelTab(); cancelAlloc() }
	if err := chromedp.Do(tab); err != nil {
		return tab, closeTab, fmt.Errorf("starting %s: %w", exe, err)
	}
	return tab, closeTab, nil
}

// load opens the page's file in the tab, its scripts off unless scripts
// is set, in which case the charts are given a second to draw (the chart
// script redraws them for print).
func load(tab context.Context, file string, scripts bool) error {
	if !scripts {
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			return err
		}
	}
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(file))); err != nil {
		return fmt.Errorf("opening the page: %w", err)
	}
	if scripts {
		return chromedp.Do(tab, chromedp.Sleep(time.Second))
	}
	return nil
}

// printA4 prints the tab's page on A4 with the running header and the page
// numbers.
func printA4(tab context.Context, o Options) ([]byte, error) {
	yes := true
	mTop, mBottom, mSide := marginEdge, marginEdge, marginSide
	res, err := chromedp.Call(tab, page.PrintToPDF, page.PrintToPDFParams{
		DisplayHeaderFooter: &yes,
		PrintBackground:     &yes,
		PaperWidth:          a4Width,
		PaperHeight:         a4Height,
		MarginTop:           &mTop,
		MarginBottom:        &mBottom,
		MarginLeft:          &mSide,
		MarginRight:         &mSide,
		HeaderTemplate:      header(o.Report, o.Edition),
		FooterTemplate:      footer,
	})
	if err != nil {
		return nil, fmt.Errorf("printing: %w", err)
	}
	return res.Data, nil
}

// The header and footer are small HTML documents of their own; Chromium
// fills in the elements of class pageNumber and totalPages.
const band = `font-family: sans-serif; font-size: 8pt; color: #555; width: 100%; margin: 0 0.6in; display: flex; justify-content: space-between;`

func header(report, edition string) string {
	return `<div style="` + band + `"><span>` + html.EscapeString(report) + `</span><span>` + html.EscapeString(edition) + `</span></div>`
}

const footer = `<div style="` + band + ` justify-content: center;"><span class="pageNumber"></span>&#8201;/&#8201;<span class="totalPages"></span></div>`
