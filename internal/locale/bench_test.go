package locale

import "testing"

// BenchmarkLookup is the cost of a word where number formats and blocks
// take it: the table for a tag, then the word.
func BenchmarkLookup(b *testing.B) {
	for _, tag := range []string{"zh-CN", "zh-TW", "en-GB", "zh-Hant-HK"} {
		b.Run(tag, func(b *testing.B) {
			n := 0
			for range b.N {
				n += len(Of(tag).Word(PercentPoints))
			}
			if n == 0 {
				b.Fatal("no word")
			}
		})
	}
}
