package content

import (
	"bytes"
	"strings"
)

// Placeholder is the paragraph broadsheet new edition leaves under a
// heading with nothing kept from the previous edition, in the site
// language.
func Placeholder(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return "（在此撰写本节内容。）"
	}
	return "(Write this section.)"
}

// Placeholders returns the lines of body, counted from 0, that are a
// placeholder left by new edition, in any language.
func Placeholders(body []byte) []int {
	en, zh := []byte(Placeholder("en")), []byte(Placeholder("zh"))
	if !bytes.Contains(body, en) && !bytes.Contains(body, zh) {
		return nil
	}
	var at []int
	for i, line := range bytes.Split(body, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if bytes.Equal(line, en) || bytes.Equal(line, zh) {
			at = append(at, i)
		}
	}
	return at
}
