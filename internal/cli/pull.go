package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/pull"
)

func runPull(c *ctx, args []string) int {
	var o pull.Options
	var quiet bool
	fs := newFlags(c, "pull", "(--edition NAME | --all) [--source NAME] [--site DIR] [--quiet]")
	fs.StringVar(&o.SiteDir, "site", ".", "the site folder (holding site.toml)")
	fs.StringVar(&o.Edition, "edition", "", "the edition to pull, such as 2022-03")
	fs.BoolVar(&o.All, "all", false, "pull every edition, every other page bundle with queries, and content/data/")
	fs.StringVar(&o.Source, "source", "", "pull only the queries of this source (a [sources.NAME] in site.toml)")
	fs.BoolVar(&quiet, "quiet", false, "print nothing but warnings and errors")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if siteAsSource(fs, o.Source) {
		fmt.Fprintf(c.stderr, "broadsheet pull: --source names a data source (a [sources.NAME] in site.toml), not the site folder; name the folder with --site: broadsheet pull --site %s\n", o.Source)
		return ExitUsage
	}
	if (o.Edition == "") == !o.All {
		fmt.Fprintln(c.stderr, "broadsheet pull: give either --edition NAME or --all")
		fs.Usage()
		return ExitUsage
	}
	p := newPrinter(c.stdout, c.stderr, quiet, false)
	if !quiet {
		o.Log = c.stdout
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := pull.Run(ctx, o)
	if res != nil {
		p.warnings(res.Warnings)
	}
	var list diag.List
	if errors.As(err, &list) {
		p.warnings(list)
		fmt.Fprintf(c.stderr, "%s %s; each folder with an error keeps its earlier snapshots\n", p.paint("31;1", "failed:"), count(len(list), "error"))
		return ExitError
	}
	if err != nil {
		return p.failure(err)
	}
	if !quiet {
		fmt.Fprintf(c.stdout, "pulled %s into %s, %s\n", count(res.Snapshots, "snapshot"), count(res.Folders, "folder"), count(int(res.Rows), "row"))
	}
	return ExitOK
}

// siteAsSource reports a site folder given to pull's --source, which every
// other command takes for the site folder, while --site is left unset.
func siteAsSource(fs *flag.FlagSet, source string) bool {
	if source == "" {
		return false
	}
	siteSet := false
	fs.Visit(func(f *flag.Flag) { siteSet = siteSet || f.Name == "site" })
	st, err := os.Stat(source)
	return !siteSet && err == nil && st.IsDir()
}
