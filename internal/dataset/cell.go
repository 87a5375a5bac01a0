package dataset

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxExactInt is the largest integer a float64 holds exactly (2^53). Int
// columns keep their values in float64, so larger integers are not ints.
const maxExactInt = 1 << 53

// numFlags describes how a number was written.
type numFlags uint8

const (
	// numInt: integer syntax, with no fraction, exponent or percent sign.
	numInt numFlags = 1 << iota
	// numPercent: a trailing "%"; the value has been divided by 100.
	numPercent
	// numLeadingZero: an integer part of two or more digits that starts
	// with 0, as in "007": usually a code, not a quantity.
	numLeadingZero
	// numBig: integer syntax beyond ±2^53, such as a card number.
	numBig
)

// scanNumber parses a trimmed, non-empty cell as a number. It accepts a
// leading sign, thousands separators in the integer part ("1,234,567"), a
// fraction, an exponent and a trailing percent sign ("12.5%" is 0.125). It
// rejects everything strconv would take beyond that: "inf", "nan", hex,
// underscores.
func scanNumber(s string) (float64, numFlags, bool) {
	if s == "" {
		return 0, 0, false
	}
	var flags numFlags
	end := len(s)
	if s[end-1] == '%' {
		flags, end = numPercent, percentEnd(s)
	}
	i, neg := 0, false
	if end > 0 && (s[0] == '+' || s[0] == '-') {
		neg, i = s[0] == '-', 1
	}
	// The integer part, with thousands separators in groups of three.
	intStart := i
	var u uint64
	nd, group, grouped := 0, 0, false
	for ; i < end; i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if nd < 19 {
				u = u*10 + uint64(c-'0')
			}
			nd++
			group++
			continue
		}
		if c != ',' || group == 0 || (!grouped && group > 3) || (grouped && group != 3) {
			break
		}
		grouped, group = true, 0
	}
	switch {
	case i < end && s[i] == ',', grouped && group != 3:
		return 0, 0, false
	case nd > 1 && s[intStart] == '0':
		flags |= numLeadingZero
	}
	if i == end {
		return wholeNumber(s[:end], u, nd, neg, grouped, flags)
	}
	if !scanFractionExp(s[:end], i, nd) {
		return 0, 0, false
	}
	v, ok := parseFloatText(s[:end], grouped, flags&numPercent != 0)
	return v, flags, ok
}

// percentEnd is where the number of s, which ends in "%", ends: before the
// sign and the spaces before it.
func percentEnd(s string) int {
	end := len(s) - 1
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	return end
}

// wholeNumber is the value of a number written without a fraction or an
// exponent: an exact int when it fits 2^53, else parsed as a float.
func wholeNumber(s string, u uint64, nd int, neg, grouped bool, flags numFlags) (float64, numFlags, bool) {
	switch {
	case nd == 0:
		return 0, 0, false
	case flags&numPercent != 0:
		v, ok := parseFloatText(s, grouped, true)
		return v, flags, ok
	}
	flags |= numInt
	if nd > 16 || u > maxExactInt {
		flags |= numBig
		v, ok := parseFloatText(s, grouped, false)
		return v, flags, ok
	}
	v := float64(u)
	if neg {
		v = -v
	}
	return v, flags, true
}

// scanFractionExp checks that s[i:] is a fraction (".5"), an exponent
// ("e-3"), or both, with nd digits before it: a number has some digits.
func scanFractionExp(s string, i, nd int) bool {
	nf := 0
	if s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			nf++
		}
	}
	if nd+nf == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		ne := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			ne++
		}
		if ne == 0 {
			return false
		}
	}
	return i == len(s)
}

// parseFloatText converts text that scanNumber has validated, dropping
// thousands separators and scaling percentages by 1/100 exactly (by writing
// an exponent, so "12.34%" gives the double nearest 0.1234).
func parseFloatText(s string, grouped, percent bool) (float64, bool) {
	if !grouped && !percent {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil && !isInfOrNaN(v)
	}
	var stack [64]byte
	buf := stack[:0]
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			buf = append(buf, s[i])
		}
	}
	if percent {
		if strings.ContainsAny(s, "eE") {
			v, err := strconv.ParseFloat(string(buf), 64)
			return v / 100, err == nil && !isInfOrNaN(v)
		}
		buf = append(buf, 'e', '-', '2')
	}
	v, err := strconv.ParseFloat(string(buf), 64)
	return v, err == nil && !isInfOrNaN(v)
}

func isInfOrNaN(v float64) bool {
	return v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308
}

// parseDate reads a date, with an optional time of day, as Unix
// milliseconds (UTC). Accepted: 2022-03-31, 2022/3/31, 2022.3.31, 2022-03,
// 2022/03, 2022年3月31日, 2022年3月, and any of the full dates followed by
// "T" or a space and HH:MM[:SS[.fff]] with an optional zone (Z, +08:00), so
// RFC 3339 too. A time without a zone is taken as UTC.
func parseDate(s string) (int64, bool) {
	if len(s) < 6 {
		return 0, false
	}
	y, ok := digits(s, 0, 4)
	if !ok {
		return 0, false
	}
	var m, d, i int
	if sep := s[4]; sep == '-' || sep == '/' || sep == '.' {
		m, d, i, ok = numericMonthDay(s, sep)
	} else {
		m, d, i, ok = chineseMonthDay(s)
	}
	if !ok || m < 1 || m > 12 || y < 1 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	ms := daysFromCivil(y, m, d) * 86400000
	if i == len(s) {
		return ms, true
	}
	if s[i] != 'T' && s[i] != 't' && s[i] != ' ' {
		return 0, false
	}
	clock, ok := parseClock(s[i+1:])
	if !ok {
		return 0, false
	}
	return ms + clock, true
}

// numericMonthDay reads the month and day after the year and separator
// sep at s[4]: "-03-31", "/3/1", ".3.31", or a month alone ("-03", "/03";
// not with dots), whose day is 1. It returns where the date ends.
func numericMonthDay(s string, sep byte) (m, d, next int, ok bool) {
	m, n := upTo2(s, 5)
	i := 5 + n
	switch {
	case n == 0:
		return 0, 0, 0, false
	case i == len(s):
		return m, 1, i, sep != '.'
	case s[i] != sep:
		return 0, 0, 0, false
	}
	d, n = upTo2(s, i+1)
	return m, d, i + 1 + n, n > 0
}

// chineseMonthDay reads the month and day after the year of a Chinese
// date: 年3月31日 (or 号), or 年3月 alone, whose day is 1.
func chineseMonthDay(s string) (m, d, next int, ok bool) {
	i, ok := 4, strings.HasPrefix(s[4:], "年")
	if !ok {
		return 0, 0, 0, false
	}
	i += len("年")
	m, n := upTo2(s, i)
	if n == 0 {
		return 0, 0, 0, false
	}
	d, i, ok = scanChineseDay(s, i+n)
	return m, d, i, ok
}

// scanChineseDay reads what follows the month of a Chinese date at s[i:]:
// 月, then a day with 日 or 号 unless the text ends.
func scanChineseDay(s string, i int) (d, next int, ok bool) {
	if !strings.HasPrefix(s[i:], "月") {
		return 0, 0, false
	}
	i += len("月")
	if i == len(s) {
		return 1, i, true
	}
	d, n := upTo2(s, i)
	if n == 0 {
		return 0, 0, false
	}
	i += n
	switch {
	case strings.HasPrefix(s[i:], "日"):
		return d, i + len("日"), true
	case strings.HasPrefix(s[i:], "号"):
		return d, i + len("号"), true
	}
	return 0, 0, false
}

// parseClock reads H:MM[:SS[.fff]][zone] as milliseconds after midnight UTC.
func parseClock(s string) (int64, bool) {
	h, n := upTo2(s, 0)
	if n == 0 || n >= len(s) || s[n] != ':' {
		return 0, false
	}
	i := n + 1
	mi, ok := digits(s, i, 2)
	if !ok {
		return 0, false
	}
	i += 2
	sec, ms := 0, 0
	if i < len(s) && s[i] == ':' {
		if sec, ms, i, ok = parseSeconds(s, i+1); !ok {
			return 0, false
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	offset, ok := parseZone(s[i:])
	if !ok {
		return 0, false
	}
	return int64(((h*60+mi-offset)*60+sec)*1000 + ms), true
}

// parseSeconds reads SS[.fff] (or SS,fff) at s[i:]: the seconds, the
// milliseconds (digits past the third ignored) and where reading stopped.
func parseSeconds(s string, i int) (sec, ms, end int, ok bool) {
	sec, ok = digits(s, i, 2)
	if !ok {
		return 0, 0, 0, false
	}
	i += 2
	if i == len(s) || (s[i] != '.' && s[i] != ',') {
		return sec, 0, i, true
	}
	i++
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if i-start < 3 {
			ms = ms*10 + int(s[i]-'0')
		}
		i++
	}
	if i == start {
		return 0, 0, 0, false
	}
	for k := i - start; k < 3; k++ {
		ms *= 10
	}
	return sec, ms, i, true
}

// parseZone reads what follows a time: nothing, Z, or an offset +HH:MM,
// +HHMM or -HH:MM, as minutes east of UTC.
func parseZone(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	switch s[0] {
	case 'Z', 'z':
		return 0, len(s) == 1
	case '+', '-':
		oh, ok1 := digits(s, 1, 2)
		j := 3
		if j < len(s) && s[j] == ':' {
			j++
		}
		om, ok2 := digits(s, j, 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 || j+2 != len(s) {
			return 0, false
		}
		if s[0] == '-' {
			return -(oh*60 + om), true
		}
		return oh*60 + om, true
	}
	return 0, false
}

// digits reads exactly n ASCII digits at s[i:].
func digits(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for k := i; k < i+n; k++ {
		c := s[k]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// upTo2 reads one or two ASCII digits at s[i:] and returns the value and how
// many digits it read.
func upTo2(s string, i int) (int, int) {
	v, n := 0, 0
	for n < 2 && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		v = v*10 + int(s[i+n]-'0')
		n++
	}
	return v, n
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the given date
// of the proleptic Gregorian calendar.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// parseBool reads true or false in any letter case (Excel writes TRUE).
func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// scanAmount is scanNumber, then scanMoney for a cell that is no plain
// number; cur is the currency of an amount of money, "" for a number.
func scanAmount(s string) (v float64, f numFlags, cur string, ok bool) {
	if v, f, ok = scanNumber(s); ok {
		return v, f, "", true
	}
	return scanMoney(s)
}

// kind is the narrowest type a single non-empty cell can have, with the
// currency of an amount of money.
func kind(s string) (Type, float64, string) {
	if v, f, cur, ok := scanAmount(s); ok && f&numLeadingZero == 0 {
		if f&numInt == 0 {
			return Float, v, cur
		}
		if f&numBig == 0 {
			return Int, v, cur
		}
		// An integer beyond 2^53 is an identifier, not a quantity.
		return String, 0, ""
	}
	if ms, ok := parseDate(s); ok {
		return Date, float64(ms), ""
	}
	if b, ok := parseBool(s); ok {
		if b {
			return Bool, 1, ""
		}
		return Bool, 0, ""
	}
	return String, 0, ""
}

// join returns the type of a column holding values of types a and b.
func join(a, b Type) Type {
	switch {
	case a == b:
		return a
	case a.Numeric() && b.Numeric():
		return Float
	}
	return String
}

// missingHint is the fix for a cell that marks a missing value in words.
const missingHint = "leave the cell empty for a missing value: an empty cell is read as null"

// missingMarkers are the words spreadsheets and exports write for a missing
// value, compared without case.
var missingMarkers = []string{"n/a", "na", "#n/a", "null", "nil", "none", "nan", "-", "--", "—", "－", "无", "暂无", "空", "缺失"}

// isMissingMarker reports whether s is one of missingMarkers.
func isMissingMarker(s string) bool {
	for _, m := range missingMarkers {
		if strings.EqualFold(s, m) {
			return true
		}
	}
	return false
}

// convert parses a non-empty cell as type t, with the currency of an
// amount of money. When it fails, it returns a message and a hint that
// suggests the fix.
func convert(s string, t Type) (v float64, cur, msg, hint string) {
	v, cur, msg, hint = convertAs(s, t)
	if msg != "" && isMissingMarker(s) {
		hint = missingHint
	}
	return v, cur, msg, hint
}

// convertAs parses a non-empty cell as type t, with a hint for the type.
func convertAs(s string, t Type) (v float64, cur, msg, hint string) {
	switch t {
	case Int:
		n, f, cur, ok := scanAmount(s)
		if ok && f&numInt != 0 && f&numBig == 0 {
			return n, cur, "", ""
		}
		msg = quoteCell(s) + " is not an int"
		switch {
		case ok && f&numPercent != 0:
			hint = `declare the column as "float" to read percentages`
		case ok && f&numBig != 0:
			msg = quoteCell(s) + " is too large for an int"
			hint = `declare the column as "string" if it is a code or an account number`
		case ok:
			hint = `write a whole number, or declare the column as "float"`
		default:
			hint = "write a plain number such as " + plainExample(s, "120000")
		}
		return 0, "", msg, hint
	case Float:
		if n, _, cur, ok := scanAmount(s); ok {
			return n, cur, "", ""
		}
		return 0, "", quoteCell(s) + " is not a float", "write a plain number such as " + plainExample(s, "1234.5") + " or a percentage such as 12.5%"
	case Date:
		if ms, ok := parseDate(s); ok {
			return float64(ms), "", "", ""
		}
		return 0, "", quoteCell(s) + " is not a date", "write a date such as 2022-03-31"
	case Bool:
		if b, ok := parseBool(s); ok {
			if b {
				return 1, "", "", ""
			}
			return 0, "", "", ""
		}
		return 0, "", quoteCell(s) + " is not a bool", "write true or false"
	}
	return 0, "", "", ""
}

// plainExample turns a number written with a Chinese unit ("12万", "1.5亿")
// into plain digits for a hint; otherwise it returns def.
func plainExample(s, def string) string {
	units := []struct {
		suffix string
		exp    string
	}{{"万", "e4"}, {"萬", "e4"}, {"亿", "e8"}, {"億", "e8"}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			num = strings.TrimSpace(num)
			if _, f, ok := scanNumber(num); ok && f&numPercent == 0 {
				v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", "")+u.exp, 64)
				if err == nil {
					return strconv.FormatFloat(v, 'f', -1, 64)
				}
			}
		}
	}
	return def
}

// quoteCell quotes a cell value for a message, shortening long values.
func quoteCell(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		n := 0
		for i := range s {
			if n == max {
				return strconv.Quote(s[:i]) + "…"
			}
			n++
		}
	}
	return strconv.Quote(s)
}

// trim removes leading and trailing white space, including the ideographic
// space U+3000, with a fast path for the usual cell that has none.
func trim(s string) string {
	if s == "" || !maybeSpaceAt(s, 0) && !maybeSpaceAt(s, lastRuneStart(s)) {
		return s
	}
	return strings.TrimSpace(s)
}

// maybeSpaceAt reports whether the rune at s[i] could be white space: an
// ASCII control or space, or a rune whose UTF-8 lead byte is that of one of
// Unicode's spaces (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
func maybeSpaceAt(s string, i int) bool {
	switch c := s[i]; {
	case c <= ' ':
		return true
	case c < utf8.RuneSelf:
		return false
	case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
		r, _ := utf8.DecodeRuneInString(s[i:])
		return unicode.IsSpace(r)
	}
	return false
}

// lastRuneStart returns the index of the last rune's first byte.
func lastRuneStart(s string) int {
	i := len(s) - 1
	for k := 0; k < 3 && i > 0 && s[i]&0xC0 == 0x80; k++ {
		i--
	}
	return i
}

// StrayText finds, in a text column most of whose values read as numbers,
// the first value that does not: its row, and how many values do read as
// numbers. ok is false for a column that is not text, or whose values are
// mostly not numbers.
func StrayText(c *Column) (row, numbers int, ok bool) {
	if c.Type != String {
		return 0, 0, false
	}
	row, stray := -1, 0
	for i, s := range c.Str {
		if !c.Valid[i] {
			continue
		}
		if t, _, _ := kind(s); t == Int || t == Float {
			numbers++
			continue
		}
		if stray++; row < 0 {
			row = i
		}
	}
	return row, numbers, row >= 0 && numbers > stray
}
