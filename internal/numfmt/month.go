package numfmt

import (
	"time"

	"github.com/broadsheet/broadsheet/internal/locale"
)

// Month writes the month of t in the language lang's month layout: 2024-04
// in English (as tables show monthly dates), 2024年4月 in Chinese.
// assets/js/charts.js writes the labels of monthly time axes ("bs:month")
// with the same layout, which the page hands it.
func Month(t time.Time, lang string) string {
	return locale.Of(lang).Month(t)
}
