package numfmt

import "testing"

// BenchmarkFormat writes numbers as tables and cards do, in each language:
// the compact and pp formats look up the language's units and words.
func BenchmarkFormat(b *testing.B) {
	values := []float64{0, 12.5, 980, 9800, 2150000, 123456789, -0.013, 0.284, 1.5e12}
	for _, lang := range []string{"zh-CN", "zh-TW", "en-GB"} {
		b.Run(lang, func(b *testing.B) {
			for range b.N {
				for _, v := range values {
					_ = Format(v, "compact", lang)
					_ = Format(v, "pp", lang)
					_ = Format(v, "int", lang)
				}
			}
		})
	}
}
