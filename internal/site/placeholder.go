package site

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// placeholders warns about each placeholder paragraph that broadsheet new
// edition left and nobody has replaced yet.
func placeholders(p *Page) diag.List {
	var warns diag.List
	lines := strings.Split(string(p.Body), "\n")
	for _, i := range content.Placeholders(p.Body) {
		warns = append(warns, &diag.Error{Pos: diag.Pos{File: p.File, Line: p.BodyLine + i}, Warning: true,
			Msg:  fmt.Sprintf("the placeholder %q is still here", strings.TrimSpace(lines[i])),
			Hint: "write the section, or delete the placeholder"})
	}
	return warns
}
