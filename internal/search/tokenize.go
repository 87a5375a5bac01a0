// Package search builds the site's search index at build time: it cuts each
// page's text into tokens (pairs of Chinese characters, lowercase Latin
// words, numbers) and writes the index as a few JavaScript files that assign
// JSON data, so that the browser loads them as scripts — from file://, a
// sub-path or any static host — and never fetches anything.
//
// The tokenizer here and the one in assets/js/search.js must agree; both
// follow the rules written in scan's comment.
package search

import (
	"unicode"
	"unicode/utf8"
)

// MaxWord is the longest word token in characters; longer runs of letters
// and digits are cut to it.
const MaxWord = 40

// isHan reports whether r is a Chinese character (any CJK ideograph).
func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF { // the main block, most Chinese text
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// isWord reports whether r belongs to a Latin (or other non-Han) word.
func isWord(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return !isHan(r) && (unicode.IsLetter(r) || unicode.IsNumber(r))
}

// fold maps full-width ASCII to ASCII and lowercases.
func fold(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r >= 0x2E80 && r < 0xA640 { // CJK, kana, Yi: no case
		return r
	}
	return unicode.ToLower(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitNext reports whether s starts with a digit (full-width included).
func digitNext(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isDigit(fold(r))
}

// scan appends the tokens of text to seq, in order:
//
//   - a run of Chinese characters c1…cn gives the pairs c1c2 … c(n-1)cn and
//     the last character cn alone, so that every character starts a token;
//   - a run of letters and digits gives one lowercase word (at most MaxWord
//     characters); inside a number "," between digits is dropped and "."
//     between digits is kept, so 1,234.5 is the word 1234.5;
//   - anything else separates tokens.
//
// Full-width letters and digits count as their ASCII forms.
//
// A Chinese token is coded a<<32 | b (b is 0 for a character alone); a word
// is coded wordBit | start<<8 | length, its bytes at buf[start:start+length].
// Codes, not strings, keep the one pass over every page's text cheap.
func scan(text string, seq []uint64, buf []byte) ([]uint64, []byte) {
	start, n := len(buf), 0 // the word being read: where, how many characters
	lastDigit := false
	var prevHan rune = -1
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if r >= 0x4E00 && r <= 0x9FFF { // the main Chinese block: no folding
			if n > 0 {
				seq = append(seq, wordCode(start, len(buf)))
				start, n = len(buf), 0
			}
			if prevHan >= 0 {
				seq = append(seq, uint64(prevHan)<<32|uint64(r))
			}
			prevHan = r
			continue
		}
		r = fold(r)
		switch {
		case isWord(r):
			if prevHan >= 0 {
				seq = append(seq, uint64(prevHan)<<32)
				prevHan = -1
			}
			if n < MaxWord {
				buf = utf8.AppendRune(buf, r)
				n++
				lastDigit = isDigit(r)
			}
		case isHan(r):
			if n > 0 {
				seq = append(seq, wordCode(start, len(buf)))
				start, n = len(buf), 0
			}
			if prevHan >= 0 {
				seq = append(seq, uint64(prevHan)<<32|uint64(r))
			}
			prevHan = r
		case (r == ',' || r == '.') && n > 0 && lastDigit && digitNext(text[i:]):
			if r == '.' && n < MaxWord {
				buf = append(buf, '.')
				n++
				lastDigit = false
			}
		default:
			if n > 0 {
				seq = append(seq, wordCode(start, len(buf)))
				start, n = len(buf), 0
			}
			if prevHan >= 0 {
				seq = append(seq, uint64(prevHan)<<32)
				prevHan = -1
			}
		}
	}
	if n > 0 {
		seq = append(seq, wordCode(start, len(buf)))
	}
	if prevHan >= 0 {
		seq = append(seq, uint64(prevHan)<<32)
	}
	return seq, buf
}

// wordBit marks the code of a word.
const wordBit = 1 << 63

func wordCode(start, end int) uint64 { return wordBit | uint64(start)<<8 | uint64(end-start) }

// wordOf returns the bytes of a word's code.
func wordOf(code uint64, buf []byte) []byte {
	start := int(code &^ wordBit >> 8)
	return buf[start : start+int(code&0xFF)]
}

// hanToken is the token of a Chinese pair, or of a character alone when b
// is 0.
func hanToken(a, b rune) string {
	if b == 0 {
		return string(a)
	}
	return string([]rune{a, b})
}

// Tokens returns the distinct tokens of text in the order they first occur.
func Tokens(text string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	seq, buf := scan(text, nil, nil)
	for _, c := range seq {
		if c&wordBit != 0 {
			add(string(wordOf(c, buf)))
		} else {
			add(hanToken(rune(c>>32), rune(uint32(c))))
		}
	}
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
