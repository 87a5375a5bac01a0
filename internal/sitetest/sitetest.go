// Package sitetest holds a site written as a txtar archive in memory, for
// the tests of the packages that load and render sites. It serves tests
// only and is never linked into the program.
package sitetest

import (
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// FS holds the files of a txtar archive in memory.
func FS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}
