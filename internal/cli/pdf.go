package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/broadsheet/broadsheet/internal/bundle"
	"github.com/broadsheet/broadsheet/internal/pdf"
	"github.com/broadsheet/broadsheet/internal/publish"
)

func runPDF(c *ctx, args []string) int {
	var f siteFlags
	var edition, page, out string
	fs := newFlags(c, "pdf", "[--edition NAME | --page PATH] --out FILE.pdf [--source DIR] [--base-url URL] [--drafts] [--quiet]")
	f.register(fs, false)
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing but errors")
	fs.StringVar(&edition, "edition", "", "the edition to print, such as 2022-03 (default: the newest)")
	fs.StringVar(&page, "page", "", "the page to print instead: its content file (content/about.md) or its path (about/)")
	fs.StringVar(&out, "out", "", "the PDF file to write (required)")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if out == "" || (edition != "" && page != "") {
		fmt.Fprintln(c.stderr, "broadsheet pdf: give --out, and at most one of --edition and --page")
		fs.Usage()
		return ExitUsage
	}
	if err := publish.CheckOutside(out, f.source); err != nil {
		fmt.Fprintf(c.stderr, "broadsheet pdf: %v\n", err)
		return ExitError
	}
	// Look for the browser first: without it the build would be wasted.
	exe, err := pdf.Chromium(os.Getenv("BROADSHEET_CHROMIUM"))
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet pdf: %v\n", err)
		return ExitError
	}
	res, target, st := builtPage(c, "pdf", &f, edition, page, true)
	if st != ExitOK {
		return st
	}
	newPrinter(c.stdout, c.stderr, f.quiet, f.verbose).warnings(res.Warnings)
	doc, err := bundle.Light(res.Tree, target.Path+"index.html", res.Site.Config.BaseURL)
	scripts := false
	if err != nil {
		// A chart that could not be drawn as SVG: let the script draw it.
		doc, err = bundle.Page(res.Tree, target.Path+"index.html", res.Site.Config.BaseURL)
		scripts = true
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet pdf: %v\n", err)
		return ExitError
	}
	data, err := pdf.Print(doc, pdf.Options{Report: res.Site.Config.Title, Edition: target.Title, Scripts: scripts, Chromium: exe})
	if err != nil {
		if errors.Is(err, pdf.ErrNoChromium) {
			fmt.Fprintf(c.stderr, "broadsheet pdf: %v\n", err)
		} else {
			fmt.Fprintf(c.stderr, "broadsheet pdf: %s: %v\n", target.Path, err)
		}
		return ExitError
	}
	if err := publish.WriteFile(out, data, "broadsheet pdf", pdf.Ours); err != nil {
		fmt.Fprintf(c.stderr, "broadsheet pdf: %v\n", err)
		return ExitError
	}
	if !f.quiet {
		fmt.Fprintf(c.stdout, "printed %s (%s) → %s, %s\n", target.Title, target.Path, out, humanSize(len(data)))
	}
	return ExitOK
}
