package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/broadsheet/broadsheet/internal/scaffold"
	"github.com/broadsheet/broadsheet/internal/server"
)

func runServe(c *ctx, args []string) int {
	var f siteFlags
	var addr string
	fs := newFlags(c, "serve", "[--source DIR] [--addr 127.0.0.1:1313] [--base-url URL] [--drafts]")
	f.register(fs, false)
	fs.StringVar(&addr, "addr", "127.0.0.1:1313", "the address to listen on; a non-loopback address serves to the network")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	host, port, err := net.SplitHostPort(addr)
	if n, perr := strconv.Atoi(port); err == nil && (perr != nil || n < 0 || n > 65535) {
		err = fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet serve: --addr %q: %v\n", addr, err)
		return ExitUsage
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(c.stderr, "warning: serving on %s: other machines on the network can open the preview\n", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		n, _ := strconv.Atoi(port)
		fmt.Fprintf(c.stderr, "broadsheet serve: %s is already in use by another program (stop it, or choose another address with --addr %s)\n",
			addr, net.JoinHostPort(host, strconv.Itoa(n%65535+1)))
		return ExitError
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet serve: %v\n", err)
		return ExitError
	}
	srv := server.New(f.options(c), c.stderr)
	srv.AllowHost(host)
	if err := srv.Rebuild(); err != nil {
		fmt.Fprintln(c.stderr, "the site has errors; the preview shows them until they are fixed")
	}
	fmt.Fprintf(c.stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", f.source, ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(c.stderr, "broadsheet serve: %v\n", err)
		return ExitError
	}
	fmt.Fprintln(c.stdout, "stopped")
	return ExitOK
}

func runInit(c *ctx, args []string) int {
	fs := newFlags(c, "init", "DIR")
	if err := fs.Parse(args); err != nil {
		return parseErr(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitUsage
	}
	dir := fs.Arg(0)
	created, err := scaffold.Init(dir)
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet init: %v\n", err)
		return ExitError
	}
	for _, f := range created {
		fmt.Fprintf(c.stdout, "created %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintf(c.stdout, "\nNext: broadsheet serve --source %s\n", dir)
	return ExitOK
}

func runNew(c *ctx, args []string) int {
	var source string
	fs := newFlags(c, "new", "edition NAME [--source DIR]")
	fs.StringVar(&source, "source", ".", "the site folder (holding site.toml)")
	if len(args) < 2 || args[0] != "edition" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fs.Usage()
			return ExitOK
		}
		fs.Usage()
		return ExitUsage
	}
	name := args[1]
	if err := fs.Parse(args[2:]); err != nil {
		return parseErr(err)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	created, err := scaffold.NewEdition(source, name)
	if err != nil {
		fmt.Fprintf(c.stderr, "broadsheet new edition: %v\n", err)
		return ExitError
	}
	for _, f := range created {
		fmt.Fprintf(c.stdout, "created %s\n", filepath.Join(source, filepath.FromSlash(f)))
	}
	for _, f := range created {
		if strings.HasSuffix(f, ".sql") {
			fmt.Fprintf(c.stdout, "\nThe edition is a draft: run broadsheet pull --edition %s for its queried data, add any other data, write the commentary, then set draft = false.\n", name)
			return ExitOK
		}
	}
	fmt.Fprintln(c.stdout, "\nThe edition is a draft: add its data, write the commentary, then set draft = false.")
	return ExitOK
}

func parseErr(err error) int {
	if err == flagErrHelp {
		return ExitOK
	}
	return ExitUsage
}
