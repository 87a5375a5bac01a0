// Command broadsheet publishes data reports as static sites. See
// `broadsheet --help`.
package main

import (
	"os"
	"runtime/debug"

	"github.com/broadsheet/broadsheet/internal/cli"
)

func main() {
	// A build is short and allocates much that stays alive to the end: fewer
	// collections make it faster, and the soft limit keeps memory bounded.
	// Either is left alone when the user sets it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(800 << 20)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
