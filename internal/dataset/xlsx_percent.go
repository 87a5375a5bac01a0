package dataset

import (
	"strconv"
	"strings"
)

// isPercentFormat reports whether a custom number format code's first
// section has a % sign outside quotes and escapes.
func isPercentFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\':
			i++
		case ';':
			return false
		case '%':
			return true
		}
	}
	return false
}

// percentText writes v as the percentage a percent-formatted cell shows,
// exactly: 0.215 is "21.5%", which reads back as 0.215.
func percentText(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = "-", rest
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac += strings.Repeat("0", max(0, 2-len(frac)))
	whole = strings.TrimLeft(whole+frac[:2], "0")
	if whole == "" {
		whole = "0"
	}
	if frac = frac[2:]; frac != "" {
		whole += "." + frac
	}
	return sign + whole + "%"
}
