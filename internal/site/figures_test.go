package site

import (
	"slices"
	"testing"
)

// TestFigureUnits: a figure typed in prose is read with the compact unit of
// any language, traditional characters included.
func TestFigureUnits(t *testing.T) {
	for text, want := range map[string][]string{
		"粉丝约287万，合计1.5亿。":      {"287万", "1.5亿"},
		"粉絲約287萬，合計1.5億。":      {"287萬", "1.5億"},
		"總額 2.3兆，或 2.3萬億。":     {"2.3兆", "2.3萬億"},
		"規模 1.2万亿。":            {"1.2万亿"},
		"2.15M and 6.0%, 3 Ms": {"2.15M", "6.0%", "3"},
	} {
		if got := figureRe.FindAllString(text, -1); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}
