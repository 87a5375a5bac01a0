package dataset

import "strings"

// currencyMarks are the currency marks an amount may carry, before or
// after its number, each with the currency it names: amounts in one
// column must name one currency. Longer marks come first, so "US$" is not
// read as "$".
var currencyMarks = []struct{ mark, currency string }{
	{"US$", "$"}, {"HK$", "HK$"}, {"CN¥", "¥"}, {"RMB", "¥"},
	{"$", "$"}, {"¥", "¥"}, {"￥", "¥"}, {"元", "¥"}, {"€", "€"}, {"£", "£"},
}

// moneyHint is the fix for a column that mixes currencies.
const moneyHint = `a column holds amounts in one currency: convert them, give each currency a column of its own, or declare the column as "string"`

// scanMoney reads an amount as accountants write it: a number with a
// currency mark before or after it ("$1,234,567", "1,234 元", "US$ 12.50"),
// in brackets for a negative ("(12,000)", "$(12,000)", "($12,000)"), or
// with a sign before the mark ("-$300"). It returns the value, the number's
// flags, and the currency ("" for a bracketed number without a mark).
//
// It refuses what would be a guess: a percentage, two signs, a dot before
// exactly three digits ("€1.234" is 1234 where a dot groups thousands), and
// the codes scanNumber marks (leading zeros, beyond 2^53) stay codes.
func scanMoney(s string) (float64, numFlags, string, bool) {
	if isDigit(s[0]) && isDigit(s[len(s)-1]) {
		return 0, 0, "", false // no mark and no brackets: a date, a code
	}
	body, signed := s, s[0] == '-' || s[0] == '+'
	if signed {
		body = body[1:]
	}
	body, cur := cutCurrency(body)
	inner, bracketed := cutBrackets(body)
	switch {
	case bracketed && signed:
		return 0, 0, "", false
	case bracketed:
		body = inner
		if cur == "" {
			body, cur = cutCurrency(body)
		}
	case cur == "":
		return 0, 0, "", false
	}
	if body == "" || (signed || bracketed) && (body[0] == '-' || body[0] == '+') {
		return 0, 0, "", false
	}
	v, f, ok := scanNumber(body)
	if !ok || f&numPercent != 0 || dotGroups(body) {
		return 0, 0, "", false
	}
	if bracketed || s[0] == '-' {
		v = -v
	}
	return v, f, cur, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// cutCurrency removes one currency mark, with the spaces beside it, from
// the start or the end of s.
func cutCurrency(s string) (string, string) {
	for _, m := range currencyMarks {
		if rest, ok := strings.CutPrefix(s, m.mark); ok {
			return strings.TrimLeft(rest, " "), m.currency
		}
		if rest, ok := strings.CutSuffix(s, m.mark); ok {
			return strings.TrimRight(rest, " "), m.currency
		}
	}
	return s, ""
}

// cutBrackets returns what s holds between an opening bracket at its start
// and a closing one at its end.
func cutBrackets(s string) (string, bool) {
	if len(s) >= 3 && s[0] == '(' && s[len(s)-1] == ')' {
		return strings.TrimSpace(s[1 : len(s)-1]), true
	}
	return s, false
}

// dotGroups reports whether a number's dot could group thousands: it
// stands before exactly three digits, after a whole part other than 0
// written without commas ("1.234", not "0.125" or "1,234.567").
func dotGroups(num string) bool {
	whole, frac, ok := strings.Cut(num, ".")
	return ok && len(frac) == 3 && !strings.ContainsAny(frac, "eE") &&
		!strings.Contains(whole, ",") && strings.TrimLeft(whole, "+-") != "0"
}
