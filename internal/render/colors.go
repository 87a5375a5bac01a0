package render

import (
	"html/template"
	"strings"
)

// UpDownCSS overrides the colours of rises and falls in tables and KPI
// cards with the site's [charts] up and down, or is empty. The colours
// were checked as #rgb or #rrggbb when site.toml was read.
func (v *View) UpDownCSS() template.CSS {
	c := v.Site.Config.Charts
	var b strings.Builder
	if c.Up != "" {
		b.WriteString("--bs-up:" + c.Up + ";")
	}
	if c.Down != "" {
		b.WriteString("--bs-down:" + c.Down + ";")
	}
	if b.Len() == 0 {
		return ""
	}
	return template.CSS(":root,:root:not(:lang(zh)){" + b.String() + "}")
}
