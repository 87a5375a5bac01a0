package numfmt

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		v      float64
		format string
		lang   string
		want   string
	}{
		// compact, Chinese units
		{2150000, "compact", "zh-CN", "215万"},
		{123000000, "compact", "zh-CN", "1.23亿"},
		{9800, "compact", "zh-CN", "9,800"},
		{10000, "compact", "zh-CN", "1万"},
		{12345, "compact", "zh-CN", "1.23万"},
		{123456, "compact", "zh-CN", "12.3万"},
		{12345678, "compact", "zh-CN", "1235万"},
		{99999999, "compact", "zh-CN", "1亿"},
		{9999.996, "compact", "zh-CN", "1万"},
		{543000000, "compact", "zh-CN", "5.43亿"},
		{1.5e12, "compact", "zh-CN", "1.5万亿"},
		{-2150000, "compact", "zh-CN", "−215万"},
		{12.345, "compact", "zh-CN", "12.35"},
		{0, "compact", "zh-CN", "0"},
		{2150000, "compact", "zh", "215万"},
		// compact, English units
		{2150000, "compact", "en", "2.15M"},
		{2200000, "compact", "en", "2.2M"},
		{123000, "compact", "en", "123K"},
		{1230000000, "compact", "en", "1.23B"},
		{980, "compact", "en", "980"},
		{999999, "compact", "en", "1M"},
		{9800, "compact", "en", "9.8K"},
		{2.5e12, "compact", "en", "2.5T"},
		{-45600, "compact", "en", "−45.6K"},
		{2150000, "compact", "", "2.15M"},
		// int
		{1234567, "int", "zh-CN", "1,234,567"},
		{1234567.5, "int", "en", "1,234,568"},
		{2.5, "int", "en", "3"},
		{-2.5, "int", "en", "−3"},
		{999, "int", "en", "999"},
		{-1234, "0", "en", "−1,234"},
		{-0.4, "int", "en", "0"},
		// fixed decimals
		{1234.5, "0.0", "en", "1,234.5"},
		{0.25, "0.0", "en", "0.3"},
		{1.005, "0.00", "en", "1.00"}, // 1.005 is 1.00499999… in binary
		{3, "0.00", "en", "3.00"},
		{0.0005, "0.000", "en", "0.001"},
		{-0.04, "0.0", "en", "0.0"},
		// percent
		{0.284, "percent", "zh-CN", "28.4%"},
		{0.25, "percent", "zh-CN", "25.0%"},
		{1.5, "percent", "en", "150.0%"},
		{12.3456, "0.0%", "en", "1,234.6%"},
		{0.284, "0%", "en", "28%"},
		{0.28449, "0.00%", "en", "28.45%"},
		{-0.013, "percent", "en", "−1.3%"},
		// signed
		{0.025, "signed-percent", "zh-CN", "+2.5%"},
		{-0.013, "signed-percent", "zh-CN", "−1.3%"},
		{0, "signed-percent", "zh-CN", "0.0%"},
		{-0.0001, "signed-percent", "zh-CN", "0.0%"},
		{1234, "signed", "en", "+1,234"},
		{-56, "signed", "en", "−56"},
		{0, "signed", "en", "0"},
		// default
		{1234567, "", "en", "1,234,567"},
		{3.14159, "", "en", "3.14"},
		{1234.5, "", "zh-CN", "1,234.5"},
		{0.001, "", "en", "0"},
		{-7, "", "en", "−7"},
		{100, "", "en", "100"},
		// special values
		{math.NaN(), "compact", "en", ""},
		{math.Inf(1), "int", "en", "∞"},
		{math.Inf(-1), "", "en", "−∞"},
	}
	for _, tt := range tests {
		if got := Format(tt.v, tt.format, tt.lang); got != tt.want {
			t.Errorf("Format(%v, %q, %q) = %q, want %q", tt.v, tt.format, tt.lang, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{"", ""},
		{"compact", ""},
		{"0.00%", ""},
		{"signed-percent", ""},
		{"cny-compact", ""},
		{"0.0‰", ""},
		{"cny-round", `unknown number format "cny-round" (did you mean "cny-int"? valid formats: compact, int, percent, signed-percent, signed, 0, 0.0, 0.00, 0.000, 0%, 0.0%, 0.00%, pp, 0.00pp, permille, 0.00‰; currencies cny, usd, eur, hkd, twd (each also -int and -compact))`},
		{"compcat", `unknown number format "compcat" (did you mean "compact"? valid formats: compact, int, percent, signed-percent, signed, 0, 0.0, 0.00, 0.000, 0%, 0.0%, 0.00%, pp, 0.00pp, permille, 0.00‰; currencies cny, usd, eur, hkd, twd (each also -int and -compact))`},
		{"#,##0", `unknown number format "#,##0" (valid formats: compact, int, percent, signed-percent, signed, 0, 0.0, 0.00, 0.000, 0%, 0.0%, 0.00%, pp, 0.00pp, permille, 0.00‰; currencies cny, usd, eur, hkd, twd (each also -int and -compact))`},
		{"percentage", `unknown number format "percentage" (did you mean "percent"? valid formats: compact, int, percent, signed-percent, signed, 0, 0.0, 0.00, 0.000, 0%, 0.0%, 0.00%, pp, 0.00pp, permille, 0.00‰; currencies cny, usd, eur, hkd, twd (each also -int and -compact))`},
	}
	for _, tt := range tests {
		err := Validate(tt.format)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Validate(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

func TestFormatsAllValid(t *testing.T) {
	for _, f := range append(Formats, CurrencyFormats()...) {
		if err := Validate(f); err != nil {
			t.Errorf("listed format %q does not validate: %v", f, err)
		}
	}
}

// FuzzFormat checks that fixed formats round to the nearest written value and
// that compact numbers keep their sign and at most three significant digits.
func FuzzFormat(f *testing.F) {
	for _, v := range []float64{0, 1, -1, 0.25, 2150000, 123000000, 9999.996, -0.0001, 1e15} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e15 {
			return
		}
		s := Format(v, "0.00", "en")
		plain := strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), Minus, "-")
		got, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			t.Fatalf("Format(%v, 0.00) = %q: %v", v, s, err)
		}
		if d := math.Abs(got - v); d > 0.005+1e-9*math.Abs(v) {
			t.Errorf("Format(%v, 0.00) = %q, off by %v", v, s, d)
		}
		for _, lang := range []string{"zh-CN", "en"} {
			c := Format(v, "compact", lang)
			if (v <= -0.005) != strings.HasPrefix(c, Minus) {
				t.Errorf("Format(%v, compact, %s) = %q: wrong sign", v, lang, c)
			}
			digits := strings.TrimLeft(strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, c), "0")
			if math.Abs(v) >= 1e4 && len(strings.TrimRight(digits, "0")) > 4 {
				t.Errorf("Format(%v, compact, %s) = %q: too many digits", v, lang, c)
			}
		}
	})
}

// bigFixed is the reference for fixed: exact arithmetic, half away from zero.
func bigFixed(a float64, d int) string {
	x := new(big.Float).SetPrec(2048).SetFloat64(a)
	x.Mul(x, new(big.Float).SetPrec(2048).SetFloat64(math.Pow(10, float64(d))))
	x.Add(x, big.NewFloat(0.5))
	n, _ := x.Int(nil)
	digits := n.String()
	if d == 0 {
		return digits
	}
	if len(digits) <= d {
		digits = strings.Repeat("0", d-len(digits)+1) + digits
	}
	return digits[:len(digits)-d] + "." + digits[len(digits)-d:]
}

func TestFixedTies(t *testing.T) {
	tests := []struct {
		a    float64
		d    int
		want string
	}{
		{0.5, 0, "1"}, {1.5, 0, "2"}, {2.5, 0, "3"}, {0.25, 1, "0.3"}, {0.125, 2, "0.13"},
		{0.375, 2, "0.38"}, {9.5, 0, "10"}, {99.95, 1, "100.0"}, {0.0625, 3, "0.063"},
		{1.005, 2, "1.00"}, {1.015, 2, "1.01"}, {2.675, 2, "2.67"}, {1e15 + 0.5, 0, "1000000000000001"},
		{0, 2, "0.00"}, {0.004, 2, "0.00"}, {123.456, 0, "123"},
	}
	for _, tt := range tests {
		if got := fixed(tt.a, tt.d); got != tt.want {
			t.Errorf("fixed(%v, %d) = %q, want %q", tt.a, tt.d, got, tt.want)
		}
		if ref := bigFixed(tt.a, tt.d); ref != tt.want {
			t.Errorf("bigFixed(%v, %d) = %q, want %q", tt.a, tt.d, ref, tt.want)
		}
	}
}

// FuzzFixed checks fixed against exact arithmetic.
func FuzzFixed(f *testing.F) {
	f.Add(0.125, uint8(2))
	f.Add(2.5, uint8(0))
	f.Add(1234.5678, uint8(3))
	f.Fuzz(func(t *testing.T, a float64, d uint8) {
		if math.IsNaN(a) || math.IsInf(a, 0) || a < 0 || a > 1e17 {
			return
		}
		dd := int(d % 4)
		if got, want := fixed(a, dd), bigFixed(a, dd); got != want {
			t.Errorf("fixed(%v, %d) = %q, exact %q", a, dd, got, want)
		}
	})
}

// TestFormatLocalesAndUnits checks the currency, percentage-point and
// per-mille formats and the traditional Chinese scales, worked out by hand.
func TestFormatLocalesAndUnits(t *testing.T) {
	tests := []struct {
		v      float64
		format string
		lang   string
		want   string
	}{
		{1234.5, "cny", "zh-CN", "¥1,234.50"},
		{-56, "usd", "en-US", "−$56.00"},
		{9.8, "eur", "en-GB", "€9.80"},
		{1234.5, "cny-int", "zh-CN", "¥1,235"},
		{2150000, "cny-compact", "zh-CN", "¥215万"},
		{2150000, "usd-compact", "en-US", "$2.15M"},
		{-2150000, "hkd-compact", "zh-HK", "−HK$215萬"},
		{123000000, "twd-compact", "zh-TW", "NT$1.23億"},
		{0.004, "cny", "zh-CN", "¥0.00"},
		{-0.004, "cny", "zh-CN", "¥0.00"},
		{0.012, "pp", "en-US", "+1.2pp"},
		{-0.012, "pp", "zh-CN", "−1.2个百分点"},
		{0.012, "pp", "zh-TW", "+1.2個百分點"},
		{0.00049, "pp", "en", "0.0pp"},
		{-0.00049, "pp", "en", "0.0pp"},
		{0.01234, "0.00pp", "en-GB", "+1.23pp"},
		{0.0123, "permille", "zh-CN", "12.3‰"},
		{0.0123, "0.00‰", "en", "12.30‰"},
		{-0.0004, "0.0‰", "en", "−0.4‰"},
		{2150000, "compact", "zh-TW", "215萬"},
		{123000000, "compact", "zh-HK", "1.23億"},
		{1.5e12, "compact", "zh-TW", "1.5兆"},
		{1.5e12, "compact", "zh-HK", "1.5萬億"},
		{99999999, "compact", "zh-TW", "1億"},
		{2150000, "compact", "en-GB", "2.15M"},
		{1234567.891, "", "en-US", "1,234,567.89"},
	}
	for _, tt := range tests {
		if got := Format(tt.v, tt.format, tt.lang); got != tt.want {
			t.Errorf("Format(%v, %q, %q) = %q, want %q", tt.v, tt.format, tt.lang, got, tt.want)
		}
	}
}

// TestSignedNeverPlusZero checks that a change that rounds to zero shows no
// sign in any format, and that other changes always show theirs.
func TestSignedNeverPlusZero(t *testing.T) {
	tests := []struct {
		v      float64
		format string
		want   string
	}{
		{0.4, "int", "0"},
		{-0.4, "int", "0"},
		{0.6, "int", "+1"},
		{0.0004, "percent", "0.0%"},
		{-0.0004, "signed-percent", "0.0%"},
		{0.004, "", "0"},
		{0.005, "", "+0.01"},
		{4000, "compact", "+4,000"},
		{47e4, "compact", "+47万"},
		{-47e4, "cny-compact", "−¥47万"},
		{0.001, "cny", "¥0.00"},
	}
	for _, tt := range tests {
		if got := Signed(tt.v, tt.format, "zh-CN"); got != tt.want {
			t.Errorf("Signed(%v, %q) = %q, want %q", tt.v, tt.format, got, tt.want)
		}
	}
}
