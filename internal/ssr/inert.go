package ssr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// active are elements that run script, load documents or hold markup of
// another language; a chart drawing has none of them.
var active = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "object": true,
	"embed": true, "style": true, "a": true, "use": false, "animate": true,
	"set": true, "handler": true, "listener": true,
}

// Inert reports an error when the SVG could run script or load anything:
// an element of the list above, an event attribute (on…), or a link that
// is not to a fragment of the drawing itself or to an inline image.
func Inert(svg []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("chart drawing: not well-formed SVG: %w", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if active[strings.ToLower(el.Name.Local)] {
			return fmt.Errorf("chart drawing: the SVG holds a <%s> element", el.Name.Local)
		}
		for _, a := range el.Attr {
			name := strings.ToLower(a.Name.Local)
			val := strings.ToLower(strings.TrimSpace(a.Value))
			switch {
			case strings.HasPrefix(name, "on"):
				return fmt.Errorf("chart drawing: the SVG holds an event attribute %s", a.Name.Local)
			case name == "href" && !strings.HasPrefix(val, "#") && !strings.HasPrefix(val, "data:image/"):
				return fmt.Errorf("chart drawing: the SVG links to %q", a.Value)
			case strings.Contains(val, "javascript:"):
				return fmt.Errorf("chart drawing: the SVG holds a script address in %s", a.Name.Local)
			}
		}
	}
}
