package content

import (
	"bytes"
	"slices"

	"github.com/broadsheet/broadsheet/internal/locale"
)

// Placeholder is the paragraph broadsheet new edition leaves under a
// heading with nothing kept from the previous edition, in the site
// language.
func Placeholder(lang string) string {
	return locale.Of(lang).Word(locale.Placeholder)
}

// placeholders are the placeholder paragraphs of every language.
var placeholders = func() (out [][]byte) {
	for _, l := range locale.Langs() {
		p := []byte(l.Word(locale.Placeholder))
		if !slices.ContainsFunc(out, func(o []byte) bool { return bytes.Equal(o, p) }) {
			out = append(out, p)
		}
	}
	return out
}()

// Placeholders returns the lines of body, counted from 0, that are a
// placeholder left by new edition, in any language.
func Placeholders(body []byte) []int {
	if !slices.ContainsFunc(placeholders, func(p []byte) bool { return bytes.Contains(body, p) }) {
		return nil
	}
	var at []int
	for i, line := range bytes.Split(body, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if slices.ContainsFunc(placeholders, func(p []byte) bool { return bytes.Equal(line, p) }) {
			at = append(at, i)
		}
	}
	return at
}
