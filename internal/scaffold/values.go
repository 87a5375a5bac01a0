package scaffold

import (
	"strings"

	"github.com/broadsheet/broadsheet/internal/content"
)

// keptFront returns the front matter to carry into the next edition: the
// [values] table (named values read the new edition's data) and a summary
// written with values.
func keptFront(front []byte) (summary string, values []byte) {
	fm, _ := content.ParseFrontMatter(front)
	if strings.Contains(fm.Summary, "{{") {
		summary = fm.Summary
	}
	in := false
	for _, l := range strings.SplitAfter(string(front), "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "[") {
			in = t == "[values]"
		}
		if in {
			values = append(values, l...)
		}
	}
	return summary, values
}
