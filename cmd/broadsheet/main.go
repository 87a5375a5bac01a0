// Command broadsheet publishes data reports as static sites. See
// `broadsheet --help`.
package main

import (
	"os"

	"github.com/broadsheet/broadsheet/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
