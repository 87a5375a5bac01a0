package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// hexColor is a colour as site.toml writes it: #rgb or #rrggbb.
var hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkColors reports every [charts] colour that is not #rgb or #rrggbb.
func checkColors(c *Charts, at func(key ...string) diag.Pos) diag.List {
	var errs diag.List
	bad := func(key []string, msg string) {
		errs = append(errs, &diag.Error{Pos: at(key...), Msg: msg, Hint: `write a colour as "#rrggbb", such as "#c8102e"`})
	}
	for i, col := range c.Palette {
		if !hexColor.MatchString(col) {
			bad([]string{"charts", "palette"}, fmt.Sprintf("charts palette: colour %d, %q, is not a colour", i+1, col))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Colors)) {
		if col := c.Colors[name]; !hexColor.MatchString(col) {
			bad([]string{"charts", "colors"}, fmt.Sprintf("charts colors: %q is given %q, which is not a colour", name, col))
		}
	}
	for _, k := range []struct{ key, v string }{{"up", c.Up}, {"down", c.Down}} {
		if k.v != "" && !hexColor.MatchString(k.v) {
			bad([]string{"charts", k.key}, fmt.Sprintf("charts %s: %q is not a colour", k.key, k.v))
		}
	}
	return errs
}
