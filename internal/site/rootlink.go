package site

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
)

// rootMark starts a link, during one conversion, that leads to a page of
// the site. It is random for each run of the program, so no text of the
// site can spell it, and it never leaves the conversion: the places it
// marked become the page's RootLinks.
var rootMark = func() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return "bs-root-" + hex.EncodeToString(b[:]) + ":"
}()

// rootLinks takes the marks out of converted HTML, in place, and returns
// where they were, as offsets into the HTML without them.
func rootLinks(html []byte) ([]byte, []int) {
	mark := []byte(rootMark)
	i := bytes.Index(html, mark)
	if i < 0 {
		return html, nil
	}
	var at []int
	out := html[:i] // the rest is moved down over the marks
	rest := html[i:]
	for {
		rest = rest[len(mark):]
		at = append(at, len(out))
		j := bytes.Index(rest, mark)
		if j < 0 {
			return append(out, rest...), at
		}
		out = append(out, rest[:j]...)
		rest = rest[j:]
	}
}
