package site

import (
	"github.com/broadsheet/broadsheet/internal/chart"
	"github.com/broadsheet/broadsheet/internal/config"
)

// chartColors turns the [charts] colour settings into the chart package's.
func chartColors(c *config.Charts) chart.Colors {
	return chart.Colors{Palette: c.Palette, Fixed: c.Colors, Stable: c.StableColors, Up: c.Up, Down: c.Down}
}
