// Package search builds the site's search index at build time: it cuts each
// page's text into tokens (pairs of Chinese characters, lowercase Latin
// words, numbers) and writes the index as a few JavaScript files that assign
// JSON data, so that the browser loads them as scripts — from file://, a
// sub-path or any static host — and never fetches anything.
//
// The tokenizer here and the one in assets/js/search.js must agree; both
// follow the rules written in tokenize's comment.
package search

import (
	"unicode"
	"unicode/utf8"
)

// MaxWord is the longest word token in characters; longer runs of letters
// and digits are cut to it.
const MaxWord = 40

// isHan reports whether r is a Chinese character (any CJK ideograph).
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isWord reports whether r belongs to a Latin (or other non-Han) word.
func isWord(r rune) bool { return !isHan(r) && (unicode.IsLetter(r) || unicode.IsNumber(r)) }

// fold maps full-width ASCII to ASCII and lowercases.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitNext reports whether s starts with a digit (full-width included).
func digitNext(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isDigit(fold(r))
}

// tokenize calls emit for every token of text, in order:
//
//   - a run of Chinese characters c1…cn gives the pairs c1c2 … c(n-1)cn and
//     the last character cn alone, so that every character starts a token;
//   - a run of letters and digits gives one lowercase word (at most MaxWord
//     characters); inside a number "," between digits is dropped and "."
//     between digits is kept, so 1,234.5 is the word 1234.5;
//   - anything else separates tokens.
//
// Full-width letters and digits count as their ASCII forms.
func tokenize(text string, emit func(tok string)) {
	var word []rune
	var prevHan rune = -1
	flushWord := func() {
		if len(word) > 0 {
			emit(string(word))
			word = word[:0]
		}
	}
	flushHan := func() {
		if prevHan >= 0 {
			emit(string(prevHan))
			prevHan = -1
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		r = fold(r)
		switch {
		case isHan(r):
			flushWord()
			if prevHan >= 0 {
				emit(string([]rune{prevHan, r}))
			}
			prevHan = r
		case isWord(r):
			flushHan()
			if len(word) < MaxWord {
				word = append(word, r)
			}
		case (r == ',' || r == '.') && len(word) > 0 && isDigit(word[len(word)-1]) && digitNext(text[i:]):
			flushHan()
			if r == '.' && len(word) < MaxWord {
				word = append(word, r)
			}
		default:
			flushWord()
			flushHan()
		}
	}
	flushWord()
	flushHan()
}

// Tokens returns the distinct tokens of text in the order they first occur.
func Tokens(text string) []string {
	seen := map[string]bool{}
	var out []string
	tokenize(text, func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	})
	return out
}

// shardKey is the part of a token that picks its shard: the first character
// of a Chinese token (so one shard holds every token a single character
// starts) and the first two characters of a word (so a word being typed
// finds every word it begins).
func shardKey(tok string) string {
	r, n := utf8.DecodeRuneInString(tok)
	if isHan(r) || n == len(tok) {
		return tok[:n]
	}
	_, m := utf8.DecodeRuneInString(tok[n:])
	return tok[:n+m]
}

// shardOf hashes a token's shard key into one of n shards. search.js
// computes the same: h = h*31 + code point, in 32-bit unsigned arithmetic.
func shardOf(tok string, n int) int {
	var h uint32
	for _, r := range shardKey(tok) {
		h = h*31 + uint32(r)
	}
	return int(h % uint32(n))
}
