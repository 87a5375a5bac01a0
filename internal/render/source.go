package render

import (
	"fmt"
	"io/fs"

	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/site"
)

// pageSource names what a page is written from, for messages about its
// output path: its markdown file, or what the build made it as.
func pageSource(p *site.Page) string {
	switch {
	case p.File != "":
		return p.File
	case p.Kind == content.KindHome:
		return "the home page"
	case p.Kind == content.KindSection:
		return "the " + p.Path + " section list"
	}
	return "the page at " + p.Path
}

// source names the file a layer's name was read from: the site's own, or
// the built-in theme's (the last layer, when the site has one before it).
func (l Layers) source(name string, layer int) string {
	if layer == len(l)-1 && len(l) > 1 {
		return "the built-in theme's " + name
	}
	return name
}

// unreadable is the error for a file that a layer lists but none can
// read: most often a symbolic link that the site's os.Root refuses, or one
// to nothing.
func (l Layers) unreadable(name string) *diag.Error {
	for _, fsys := range l {
		st, err := fs.Lstat(fsys, name)
		if err != nil {
			continue
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return &diag.Error{Pos: diag.Pos{File: name}, Msg: "symbolic link leads outside the site folder, or nowhere", Hint: "copy the file into the site instead"}
		}
		_, err = limits.ReadFile(fsys, name) // never opens a named pipe
		return &diag.Error{Pos: diag.Pos{File: name}, Msg: fmt.Sprintf("cannot be read: %v", err)}
	}
	return &diag.Error{Pos: diag.Pos{File: name}, Msg: "cannot be read"}
}
