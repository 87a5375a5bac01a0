package markdown

import (
	"strings"
	"testing"
)

// Lines that open more blockquotes or lists than a page can use are
// refused at their line: the parser takes time growing with the square of
// the depth (a 200 KB line of ">" took 11 s).
func TestNestingLimit(t *testing.T) {
	c := New(Options{Lang: "en"})
	tests := []struct{ name, body, want string }{
		{"quotes", "Intro.\n\n" + strings.Repeat(">", 200_000) + "\n",
			"x.md:12: blockquotes and lists nested deeper than 64 levels on one line (a page does not need that many; write the text without so many > or list markers)"},
		{"list markers", "Intro.\n\n" + strings.Repeat("- ", 100_000) + "x\n",
			"x.md:12: blockquotes and lists nested deeper than 64 levels on one line (a page does not need that many; write the text without so many > or list markers)"},
		{"mixed", strings.Repeat("> 1. * ", 30) + "x\n",
			"x.md:10: blockquotes and lists nested deeper than 64 levels on one line (a page does not need that many; write the text without so many > or list markers)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := c.Convert("x.md", []byte(tt.body), 10, nil)
			if errs.Error() != tt.want {
				t.Errorf("got %q\nwant %q", errs.Error(), tt.want)
			}
		})
	}
	// Within the limit, and thematic breaks, convert as before.
	for _, body := range []string{strings.Repeat("> ", 64) + "x\n", strings.Repeat("- ", 200) + "\n", strings.Repeat("* ", 200) + "\n", "> " + strings.Repeat("-", 500) + "\n"} {
		if _, errs := c.Convert("x.md", []byte(body), 1, nil); len(errs) > 0 {
			t.Errorf("%.20q: %v", body, errs)
		}
	}
}
