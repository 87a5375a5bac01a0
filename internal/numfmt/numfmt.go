// Package numfmt formats numbers for tables, KPI cards and chart data the way
// a report reader expects them: 215万 or 2.15M, 1,234,567, 28.4%, +2.5%.
//
// The same formats are applied in the browser by assets/js/charts.js for chart
// axes, labels and tooltips; the two implementations follow the same rules
// (three significant digits for compact numbers, rounding half away from zero)
// so that a number reads the same in a chart and in its data table.
package numfmt

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/locale"
)

// Minus is the sign written before negative numbers: U+2212, the typographic
// minus, which lines up with "+" in tabular figures.
const Minus = "\u2212"

// Formats lists every valid format name, in the order a hint shows them. The
// empty string (the default format) is valid too.
var Formats = []string{
	"compact", "int", "percent", "signed-percent", "signed",
	"0", "0.0", "0.00", "0.000", "0%", "0.0%", "0.00%",
	"pp", "0.00pp", "permille", "0.00‰",
}

// currencyStems lists the currency formats' stems in the order a hint
// shows them; each also has a -int and a -compact variant.
var currencyStems = []string{"cny", "usd", "eur", "hkd", "twd"}

// CurrencyFormats lists every currency format name: cny, cny-int,
// cny-compact, usd, ….
func CurrencyFormats() []string {
	var out []string
	for _, c := range currencyStems {
		out = append(out, c, c+"-int", c+"-compact")
	}
	return out
}

// Currencies maps a currency format's stem to its symbol, written before
// the number and after its sign: ¥1,234.00, −$5.20, +€1.2M.
var Currencies = map[string]string{"cny": "¥", "usd": "$", "eur": "€", "hkd": "HK$", "twd": "NT$"}

// kind is what a parsed format does.
type kind int

const (
	kDefault kind = iota
	kCompact
	kFixed // value × scale, decimals fixed, with separators
)

// spec is a parsed format.
type spec struct {
	kind     kind
	decimals int
	signed   bool    // "+" before positive numbers
	scale    float64 // 100 for percent, 1000 for per-mille; 0 means 1
	suffix   string  // "%", "‰", or "pp" (written in the language's words)
	prefix   string  // a currency symbol
}

func parse(format string) (spec, bool) {
	switch format {
	case "":
		return spec{kind: kDefault}, true
	case "compact":
		return spec{kind: kCompact}, true
	case "int", "0":
		return spec{kind: kFixed}, true
	case "0.0":
		return spec{kind: kFixed, decimals: 1}, true
	case "0.00":
		return spec{kind: kFixed, decimals: 2}, true
	case "0.000":
		return spec{kind: kFixed, decimals: 3}, true
	case "percent", "0.0%":
		return spec{kind: kFixed, decimals: 1, scale: 100, suffix: "%"}, true
	case "0%":
		return spec{kind: kFixed, scale: 100, suffix: "%"}, true
	case "0.00%":
		return spec{kind: kFixed, decimals: 2, scale: 100, suffix: "%"}, true
	case "signed-percent":
		return spec{kind: kFixed, decimals: 1, scale: 100, suffix: "%", signed: true}, true
	case "signed":
		return spec{kind: kDefault, signed: true}, true
	case "pp":
		return spec{kind: kFixed, decimals: 1, scale: 100, suffix: "pp", signed: true}, true
	case "0.00pp":
		return spec{kind: kFixed, decimals: 2, scale: 100, suffix: "pp", signed: true}, true
	case "permille", "0.0‰":
		return spec{kind: kFixed, decimals: 1, scale: 1000, suffix: "‰"}, true
	case "0.00‰":
		return spec{kind: kFixed, decimals: 2, scale: 1000, suffix: "‰"}, true
	}
	return currency(format)
}

// currency parses "cny", "cny-int" and "cny-compact" (and the other
// currencies' stems).
func currency(format string) (spec, bool) {
	stem, variant, _ := strings.Cut(format, "-")
	sym, ok := Currencies[stem]
	if !ok {
		return spec{}, false
	}
	switch variant {
	case "":
		return spec{kind: kFixed, decimals: 2, prefix: sym}, true
	case "int":
		return spec{kind: kFixed, prefix: sym}, true
	case "compact":
		return spec{kind: kCompact, prefix: sym}, true
	}
	return spec{}, false
}

// Validate reports whether format names a known format. The error's hint
// suggests the closest valid name and lists them all.
func Validate(format string) error {
	if _, ok := parse(format); ok {
		return nil
	}
	hint := "valid formats: " + strings.Join(Formats, ", ") + "; currencies " + strings.Join(currencyStems, ", ") + " (each also -int and -compact)"
	if c := diag.Closest(format, append(slices.Clone(Formats), CurrencyFormats()...)); c != "" {
		hint = "did you mean \"" + c + "\"? " + hint
	}
	return &diag.Error{Msg: "unknown number format \"" + format + "\"", Hint: hint}
}

// Format writes v in the named format for the language lang (a tag such as
// "zh-CN", "zh-TW", "en-GB", read by locale.Match; the compact units and
// the word for percentage points are the language's, from locale).
// Formats:
//
//	""               1,234,567 for whole numbers, else up to 2 decimals: 3.14
//	"compact"        zh-CN: 9,800 · 215万 · 1.23亿   zh-TW/zh-HK: 215萬 · 1.23億   en: 980 · 123K · 2.15M · 1.23B
//	"int", "0"       1,234,567 (rounded)
//	"0.0" … "0.000"  fixed decimals with separators: 1,234.5
//	"percent"        0.284 → 28.4% (also "0%", "0.0%", "0.00%")
//	"signed-percent" 0.025 → +2.5%, −0.013 → −1.3%
//	"signed"         like "" with a sign: +1,234 · −56
//	"pp"             a change of a rate in percentage points, always signed:
//	                 0.012 → +1.2pp (en), +1.2个百分点 (zh-CN), +1.2個百分點 (zh-TW, zh-HK); also "0.00pp"
//	"permille"       0.0123 → 12.3‰ (also "0.0‰", "0.00‰")
//	"cny", "usd", "eur", "hkd", "twd"
//	                 currency, two decimals: ¥1,234.50 · −$56.00 · €9.80 · HK$1.00 · NT$1.00;
//	                 "-int" whole (¥1,235), "-compact" compact (¥215万, $2.15M)
//
// Negative numbers take the minus sign U+2212, before a currency symbol. A
// number that rounds to zero has no sign, even in a signed format: never
// "+0" or "−0.0%". An unknown format falls back to the default (check
// formats with Validate first). NaN gives "".
func Format(v float64, format, lang string) string {
	s, ok := parse(format)
	if !ok {
		s = spec{kind: kDefault}
	}
	return s.write(v, lang)
}

// Signed writes v like Format, with a "+" before a positive number in any
// format (a change): +1,234, +215万, +2.5%. A change that rounds to zero has
// no sign.
func Signed(v float64, format, lang string) string {
	s, ok := parse(format)
	if !ok {
		s = spec{kind: kDefault}
	}
	s.signed = true
	return s.write(v, lang)
}

// write formats v under the spec.
func (s spec) write(v float64, lang string) string {
	if math.IsNaN(v) {
		return ""
	}
	if math.IsInf(v, 0) {
		if v < 0 {
			return Minus + "∞"
		}
		return "∞"
	}
	var body, suffix string
	switch s.kind {
	case kCompact:
		body, suffix = compact(math.Abs(v), lang)
	case kFixed:
		scale := s.scale
		if scale == 0 {
			scale = 1
		}
		body = group(fixed(math.Abs(v)*scale, s.decimals))
	default:
		body = group(trimZeros(fixed(math.Abs(v), 2)))
	}
	return sign(v, body, s.signed) + s.prefix + body + suffix + s.unit(lang)
}

// unit returns the spec's suffix in the language lang: "pp" is the
// language's word for percentage points.
func (s spec) unit(lang string) string {
	if s.suffix != "pp" {
		return s.suffix
	}
	return locale.Of(lang).Word(locale.PercentPoints)
}

// sign returns the sign to write before body: nothing for a number that
// rounds to zero, the minus for negatives and "+" for positives when signed.
func sign(v float64, body string, signed bool) string {
	if strings.Trim(body, "0.,") == "" {
		return ""
	}
	if v < 0 {
		return Minus
	}
	if signed {
		return "+"
	}
	return ""
}

// compact writes a non-negative number with three significant digits and a
// unit (the mantissa without separators: 1235万), or in the default format
// below the smallest unit (9,800).
func compact(a float64, lang string) (string, string) {
	units := locale.Of(lang).Units()
	for i := len(units) - 1; i >= 0; i-- {
		u := units[i]
		if a < u.Size {
			continue
		}
		m := a / u.Size
		body := trimZeros(fixed(m, sigDecimals(m)))
		// Rounding may carry into the next unit: 9999.99万 → 1亿.
		if i+1 < len(units) && parseDigits(body) >= units[i+1].Size/u.Size {
			n := a / units[i+1].Size
			return trimZeros(fixed(n, sigDecimals(n))), units[i+1].Word
		}
		return body, u.Word
	}
	body := group(trimZeros(fixed(a, 2)))
	// 9,999.995 rounds up to the first unit.
	if parseDigits(body) >= units[0].Size {
		n := a / units[0].Size
		return trimZeros(fixed(n, sigDecimals(n))), units[0].Word
	}
	return body, ""
}

// sigDecimals returns how many decimals keep three significant digits for a
// mantissa m ≥ 1: 1.23, 12.3, 123, 1234.
func sigDecimals(m float64) int {
	switch {
	case m < 10:
		return 2
	case m < 100:
		return 1
	}
	return 0
}

// parseDigits reads back a number written by fixed or group.
func parseDigits(s string) float64 {
	var n, scale float64 = 0, 0
	for _, r := range s {
		switch {
		case r == '.':
			scale = 1
		case r >= '0' && r <= '9':
			n = n*10 + float64(r-'0')
			if scale > 0 {
				scale *= 10
			}
		}
	}
	if scale > 0 {
		n /= scale
	}
	return n
}

// fixed writes a non-negative a with d decimals (0 ≤ d ≤ 3), rounding the
// exact binary value half away from zero, as JavaScript's
// Number.prototype.toFixed does. strconv rounds exact ties to even instead,
// so a tie (the exact value ends in 5 right after the last kept decimal) is
// rounded up here. Long expansions tell a tie from a near miss: a double that
// is not a tie lies at least about 1e-22 from one at these decimals.
func fixed(a float64, d int) string {
	// An exact tie (…5 exactly, one place past the last kept one) is a short
	// decimal, so the shortest form of a tie is the tie itself: any number
	// whose shortest form is not one rounds the ordinary way.
	short := strconv.FormatFloat(a, 'f', -1, 64)
	if dot := strings.IndexByte(short, '.'); dot < 0 || len(short)-dot-1 != d+1 || short[len(short)-1] != '5' {
		return strconv.FormatFloat(a, 'f', d, 64)
	}
	long := strconv.FormatFloat(a, 'f', d+30, 64)
	dot := strings.IndexByte(long, '.')
	frac := long[dot+1:]
	if frac[d] != '5' || strings.TrimRight(frac[d+1:], "0") != "" {
		return strconv.FormatFloat(a, 'f', d, 64)
	}
	// An exact tie: truncate, then add one unit in the last kept place.
	digits := []byte(long[:dot] + frac[:d])
	i := len(digits) - 1
	for ; i >= 0 && digits[i] == '9'; i-- {
		digits[i] = '0'
	}
	if i < 0 {
		digits = append([]byte{'1'}, digits...)
	} else {
		digits[i]++
	}
	whole := string(digits[:len(digits)-d])
	if d == 0 {
		return whole
	}
	return whole + "." + string(digits[len(digits)-d:])
}

// trimZeros drops trailing zeros after a decimal point, and the point itself.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// group inserts thousands separators into the whole part of a plain decimal.
func group(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(whole) % 3
	if lead > 0 {
		b.WriteString(whole[:lead])
	}
	for i := lead; i < len(whole); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(whole[i : i+3])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
