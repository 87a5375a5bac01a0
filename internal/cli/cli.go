// Package cli is the broadsheet command line: it parses arguments, runs the
// commands and maps their outcome to an exit status (0 done, 1 the site has
// errors, 2 the command line was wrong).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// Version is the program's version, set at link time with
// -ldflags "-X github.com/broadsheet/broadsheet/internal/cli.Version=v1.2.3".
var Version = ""

var flagErrHelp = flag.ErrHelp

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

type command struct {
	name    string
	summary string
	run     func(c *ctx, args []string) int
}

type ctx struct {
	stdout, stderr io.Writer
	// date is the build date from SOURCE_DATE_EPOCH; zero: today.
	date time.Time
	// cacheDir is the SVG cache under BROADSHEET_CACHE; "": the default.
	cacheDir string
}

func commands() []command {
	return []command{
		{"build", "build the site into a folder (default public/)", runBuild},
		{"check", "check the site as build does, writing nothing", runCheck},
		{"serve", "preview the site with live reload", runServe},
		{"bundle", "write one page as a single self-contained HTML file", runBundle},
		{"pull", "run the .sql queries against their sources and freeze the results", runPull},
		{"pdf", "write an edition (or a page) as a paged A4 PDF, through Chromium", runPDF},
		{"new", "new edition NAME: start an edition from the newest one", runNew},
		{"init", "init DIR: start a new site", runInit},
		{"version", "print the version", runVersion},
	}
}

const usageHead = `broadsheet publishes data reports as static sites.

Usage:
  broadsheet <command> [flags]

Commands:
`

func usage(w io.Writer) {
	fmt.Fprint(w, usageHead)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'broadsheet <command> --help' for a command's flags.\n")
}

// Main runs the command line args (without the program name) and returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	date, err := sourceDate(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		fmt.Fprintf(stderr, "broadsheet: %v\n", err)
		return ExitUsage
	}
	c := &ctx{stdout: stdout, stderr: stderr, date: date}
	if d := os.Getenv("BROADSHEET_CACHE"); d != "" {
		c.cacheDir = filepath.Join(d, "svg")
	}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return ExitOK
	case "-version", "--version":
		return runVersion(c, nil)
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(c, args[1:])
		}
	}
	fmt.Fprintf(stderr, "broadsheet: unknown command %q\n\n", args[0])
	usage(stderr)
	return ExitUsage
}

// newFlags makes a flag set whose usage names the command.
func newFlags(c *ctx, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), strings.TrimSpace("Usage: broadsheet "+name+" "+synopsis))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags; it returns the exit status to stop with, or -1 to go on.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "broadsheet %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return ExitUsage
	}
	return -1
}

type siteFlags struct {
	source, baseURL string
	drafts, strict  bool
	quiet, verbose  bool
}

// register adds the flags every command that reads a site has; report adds
// those of commands that build once and report (--strict, --quiet, --verbose).
func (f *siteFlags) register(fs *flag.FlagSet, report bool) {
	fs.StringVar(&f.source, "source", ".", "the site folder (holding site.toml)")
	fs.StringVar(&f.baseURL, "base-url", "", "the published address, overriding site.toml's baseURL")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages with draft = true")
	if report {
		fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors (for CI)")
		fs.BoolVar(&f.quiet, "quiet", false, "print nothing but warnings and errors")
		fs.BoolVar(&f.verbose, "verbose", false, "print the time each stage took")
	}
}

func (f *siteFlags) options(c *ctx) build.Options {
	return build.Options{Source: f.source, Drafts: f.drafts, BaseURL: f.baseURL, Strict: f.strict, Date: c.date, CacheDir: c.cacheDir}
}

// sourceDate reads SOURCE_DATE_EPOCH (seconds since 1970, the convention of
// reproducible builds): the date a build shows instead of today, so two
// builds of the same input are byte-identical whatever their day.
func sourceDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970 (unset it, or set it like SOURCE_DATE_EPOCH=$(git log -1 --format=%%ct))", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

func runBuild(c *ctx, args []string) int {
	var f siteFlags
	var out string
	fs := newFlags(c, "build", "[--source DIR] [--out DIR] [--base-url URL] [--drafts] [--strict] [--quiet] [--verbose]")
	f.register(fs, true)
	fs.StringVar(&out, "out", "", "the output folder (default: public/ in the site folder)")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if out == "" {
		out = filepath.Join(f.source, "public")
	}
	p := newPrinter(c.stdout, c.stderr, f.quiet, f.verbose)
	opts := f.options(c)
	opts.Waiting = func() { p.notice(fmt.Sprintf("waiting for another build writing %s to finish…", out)) }
	stop := p.progress(&opts)
	res, err := build.Write(opts, out)
	stop()
	if err != nil {
		if res != nil && !f.strict {
			p.warnings(res.Warnings)
		}
		return p.failure(err)
	}
	p.warnings(res.Warnings)
	p.stages(res.Stages)
	p.summary("built", res, out)
	return ExitOK
}

func runCheck(c *ctx, args []string) int {
	var f siteFlags
	fs := newFlags(c, "check", "[--source DIR] [--base-url URL] [--drafts] [--strict] [--quiet] [--verbose]")
	f.register(fs, true)
	if st := parse(fs, args); st >= 0 {
		return st
	}
	p := newPrinter(c.stdout, c.stderr, f.quiet, f.verbose)
	res, err := build.Run(f.options(c))
	if err != nil {
		if !f.strict {
			p.warnings(res.Warnings)
		}
		return p.failure(err)
	}
	p.warnings(res.Warnings)
	p.stages(res.Stages)
	p.summary("checked", res, "")
	return ExitOK
}

func runVersion(c *ctx, args []string) int {
	fs := newFlags(c, "version", "")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	fmt.Fprintf(c.stdout, "broadsheet %s\n", version())
	return ExitOK
}

func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// printer writes the summary, warnings and errors, in colour only on a
// terminal and never when NO_COLOR is set.
type printer struct {
	stdout, stderr io.Writer
	quiet, verbose bool
	color          bool
}

func newPrinter(stdout, stderr io.Writer, quiet, verbose bool) *printer {
	return &printer{stdout: stdout, stderr: stderr, quiet: quiet, verbose: verbose, color: isTerminal(stderr) && os.Getenv("NO_COLOR") == ""}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *printer) paint(code, s string) string {
	if !p.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *printer) failure(err error) int {
	var list diag.List
	if errors.As(err, &list) {
		for _, e := range list {
			p.diag(e)
		}
		n := len(list)
		word := "errors"
		if n == 1 {
			word = "error"
		}
		fmt.Fprintf(p.stderr, "%s %d %s; nothing was written\n", p.paint("31;1", "failed:"), n, word)
		return ExitError
	}
	var e *diag.Error
	if errors.As(err, &e) {
		p.diag(e)
		return ExitError
	}
	fmt.Fprintf(p.stderr, "broadsheet: %v\n", err)
	return ExitError
}

func (p *printer) diag(e *diag.Error) {
	line := e.Error()
	if p.color {
		if pos := e.Pos.String(); pos != "" && strings.HasPrefix(line, pos) {
			line = p.paint("1", pos) + line[len(pos):]
		}
	}
	fmt.Fprintln(p.stderr, line)
}

func (p *printer) warnings(ws diag.List) {
	for _, w := range ws {
		p.diag(w)
	}
}

func (p *printer) stages(st []build.Stage) {
	if !p.verbose {
		return
	}
	for _, s := range st {
		fmt.Fprintf(p.stderr, "  %-8s %s\n", s.Name, round(s.Duration))
	}
}

func (p *printer) summary(verb string, res *build.Result, out string) {
	if p.quiet || res.Site == nil {
		return
	}
	s := res.Site
	line := fmt.Sprintf("%s %s, %s, %s, %s in %s", verb, count(len(s.Pages), "page"), count(len(s.Editions), "edition"),
		count(s.Charts, "chart"), count(s.Datasets, "dataset"), round(res.Duration))
	if out != "" {
		line += " → " + out
	}
	fmt.Fprintln(p.stdout, line)
}

func round(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(10 * time.Millisecond)
	case d > time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d
}

// progress shows, on a terminal, a line that says which stage a long build
// is in; it appears after a second and is cleared when the build ends. It
// returns the function that stops it.
// notice prints a line about the build on stderr, even when quiet,
// clearing the progress line first on a terminal.
func (p *printer) notice(msg string) {
	if isTerminal(p.stderr) {
		fmt.Fprint(p.stderr, "\r\x1b[K")
	}
	fmt.Fprintln(p.stderr, msg)
}

func (p *printer) progress(opts *build.Options) func() {
	if p.quiet || !isTerminal(p.stderr) {
		return func() {}
	}
	var mu sync.Mutex
	current := "load"
	opts.Progress = func(stage string) {
		mu.Lock()
		current = stage
		mu.Unlock()
	}
	start := time.Now()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(p.stderr, "\r\x1b[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < time.Second {
					continue
				}
				mu.Lock()
				stage := current
				mu.Unlock()
				fmt.Fprintf(p.stderr, "\r\x1b[Kbuilding: %s (%s)", stage, time.Since(start).Round(100*time.Millisecond))
				shown = true
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// count writes a number with its noun, plural unless it is one.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
