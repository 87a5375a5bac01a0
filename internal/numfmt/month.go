package numfmt

import (
	"strconv"
	"strings"
	"time"
)

// Month writes the month of t: 2024年4月 in Chinese, else 2024-04 (as
// tables show monthly dates). assets/js/charts.js writes the labels of
// monthly time axes ("bs:month") the same way.
func Month(t time.Time, lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
	}
	return t.Format("2006-01")
}
