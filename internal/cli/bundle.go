package cli

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/bundle"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/site"
)

func runBundle(c *ctx, args []string) int {
	var f siteFlags
	var edition, page, out string
	var light bool
	fs := newFlags(c, "bundle", "[--edition NAME | --page PATH] --out FILE.html [--light] [--source DIR] [--base-url URL] [--drafts] [--quiet]")
	f.register(fs, false)
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing but errors")
	fs.StringVar(&edition, "edition", "", "the edition to bundle, such as 2022-03 (default: the newest)")
	fs.StringVar(&page, "page", "", "the page to bundle instead: its content file (content/about.md) or its path (about/)")
	fs.StringVar(&out, "out", "", "the file to write (required)")
	fs.BoolVar(&light, "light", false, "charts as their SVG drawings, without ECharts or any script: small enough to mail")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if out == "" || (edition != "" && page != "") {
		fmt.Fprintln(c.stderr, "broadsheet bundle: give --out, and at most one of --edition and --page")
		fs.Usage()
		return ExitUsage
	}
	if err := publish.CheckOutside(out, f.source); err != nil {
		fmt.Fprintf(c.stderr, "broadsheet bundle: %v\n", err)
		return ExitError
	}
	res, target, st := builtPage(c, "bundle", &f, edition, page, light)
	if st != ExitOK {
		return st
	}
	pack := bundle.Page
	if light {
		pack = bundle.Light
	}
	data, err := pack(res.Tree, target.Path+"index.html", res.Site.Config.BaseURL)
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet bundle: %v\n", err)
		return ExitError
	}
	if err := bundle.Write(out, data); err != nil {
		fmt.Fprintf(c.stderr, "broadsheet bundle: %v\n", err)
		return ExitError
	}
	if !f.quiet {
		fmt.Fprintf(c.stdout, "bundled %s (%s) → %s, %s\n", target.Title, target.Path, out, humanSize(len(data)))
	}
	return ExitOK
}

func humanSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// builtPage builds the site for a command that works on one page (bundle,
// pdf) and picks that page: the edition named, the page named, or the
// newest edition. An edition left out as a draft is named as one. The
// status is ExitOK, or what the command exits with.
func builtPage(c *ctx, cmd string, f *siteFlags, edition, page string, drawSVG bool) (*build.Result, *site.Page, int) {
	p := newPrinter(c.stdout, c.stderr, f.quiet, f.verbose)
	opts := f.options(c)
	opts.DrawSVG = drawSVG
	res, err := build.Run(opts)
	if err != nil {
		return nil, nil, p.failure(err)
	}
	target, err := res.Site.Pick(edition, page)
	if err != nil && edition != "" && !f.drafts {
		err = draftEdition(f.source, res.Site, edition, cmd, err)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet %s: %v\n", cmd, err)
		return nil, nil, ExitError
	}
	return res, target, ExitOK
}

// draftEdition explains that an edition the build left out is a draft, when
// its index.md says so; otherwise it returns err. cmd is the command, whose
// --drafts would take the edition in.
func draftEdition(source string, s *site.Site, edition, cmd string, err error) error {
	rel := path.Join(content.Dir, s.Config.Editions.Section, edition, "index.md")
	src, rerr := os.ReadFile(filepath.Join(source, filepath.FromSlash(rel)))
	if rerr != nil {
		return err
	}
	front, _, _, ferr := content.Split(src)
	if ferr != nil {
		return err
	}
	if fm, _ := content.ParseFrontMatter(front); !fm.Draft { // a draft with another problem is still a draft
		return err
	}
	return fmt.Errorf("edition %q is a draft (draft = true in %s) (%s it with --drafts, or set draft = false to publish it)", edition, rel, draftVerb[cmd])
}

// draftVerb is what each one-page command does to an edition, for the hint
// that takes a draft in.
var draftVerb = map[string]string{"bundle": "bundle", "pdf": "print"}
