// Command benchsite writes a synthetic site for measuring builds by hand:
//
//	go run ./internal/benchsite/cmd/benchsite -pages 1000 -out /tmp/site1000
//	go run ./cmd/broadsheet build --source /tmp/site1000 --out /tmp/public
//
// With -rows it writes instead a one-page site whose chart aggregates a
// site-wide CSV of that many rows.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/broadsheet/broadsheet/internal/benchsite"
)

func main() {
	out := flag.String("out", "", "folder to write the site into (required)")
	pages := flag.Int("pages", 1000, "number of pages")
	seed := flag.Int64("seed", 1, "seed for the text and numbers")
	rows := flag.Int("rows", 0, "when above zero: write a one-page site aggregating a CSV of this many rows")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: benchsite -out DIR [-pages N] [-seed S] [-rows N]")
		os.Exit(2)
	}
	var err error
	if *rows > 0 {
		_, err = benchsite.GenerateAggregate(*out, *rows)
	} else {
		err = benchsite.Generate(*out, *pages, *seed)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchsite:", err)
		os.Exit(1)
	}
}
