package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokens checks the tokenizer on any text: no empty token, none longer
// than MaxWord characters, Chinese tokens of one or two characters, words
// already folded, and the same tokens for the text's HTML-escaped form
// taken back out of HTML.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"网商银行", "粉丝1,234.5万", "ＡＢＣ１２３", "İstanbul", "a<b>&amp;c", "9,9.9,9", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokens(s) {
			n := utf8.RuneCountInString(tok)
			if n == 0 || n > MaxWord {
				t.Fatalf("token %q of %q has %d characters", tok, s, n)
			}
			r, _ := utf8.DecodeRuneInString(tok)
			if isHan(r) && n > 2 {
				t.Fatalf("Chinese token %q of %q is longer than a pair", tok, s)
			}
			for _, c := range tok {
				if c != '.' && c != utf8.RuneError && fold(c) != c {
					t.Fatalf("token %q of %q is not folded (%q)", tok, s, c)
				}
			}
			if k := shardOf(tok, 7); k < 0 || k >= 7 {
				t.Fatalf("token %q falls in shard %d of 7", tok, k)
			}
		}
		if !utf8.ValidString(s) || strings.ContainsAny(s, "<>&") {
			return
		}
		// HTML's white space is space, tab, line feed, form feed and
		// carriage return; other spaces are text.
		plain := strings.Join(strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\n\f\r", r) }), " ")
		if got := TextOf(s); got != plain {
			t.Fatalf("TextOf(%q) = %q, want %q", s, got, plain)
		}
	})
}
