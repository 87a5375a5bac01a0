package search

import (
	"strings"
	"testing"
)

// benchText is mixed Chinese and English prose with figures, as reports
// are written.
var benchText = strings.Repeat("前十名内部有两处变化。百信银行延续上月的势头，环比增长 13.4%，超过农业银行升至第七；Bank of Beijing rose to 10th with 436,000 followers. ", 400)

// BenchmarkTokenize measures the tokenizer alone (bytes of text per second).
func BenchmarkTokenize(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	var seq []uint64
	var buf []byte
	for b.Loop() {
		seq, buf = scan(benchText, seq[:0], buf[:0])
	}
}

// BenchmarkInvert measures tokenizing into a dictionary (100 texts).
func BenchmarkInvert(b *testing.B) {
	docs := make([]Doc, 100)
	for i := range docs {
		docs[i].Text = benchText[:len(benchText)/10]
	}
	b.SetBytes(int64(len(docs) * len(docs[0].Text)))
	for b.Loop() {
		invert(docs)
	}
}

// BenchmarkTextOf measures taking the text out of HTML.
func BenchmarkTextOf(b *testing.B) {
	src := strings.Repeat(`<p>北京<strong>银行</strong> &amp; 网商银行</p><table><tr><td class="bs-num" data-value="2871000">287.1万</td></tr></table>`, 500)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		TextOf(src)
	}
}
