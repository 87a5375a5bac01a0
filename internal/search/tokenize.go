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
	s := scanner{seq: seq, buf: buf, start: len(buf), prevHan: -1}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if r >= 0x4E00 && r <= 0x9FFF { // the main Chinese block: no folding
			s.han(r)
			continue
		}
		r = fold(r)
		switch {
		case isWord(r):
			s.endHan()
			s.letter(r)
		case isHan(r):
			s.han(r)
		case (r == ',' || r == '.') && s.n > 0 && s.lastDigit && digitNext(text[i:]):
			if r == '.' {
				s.letter('.')
			}
		default:
			s.endWord()
			s.endHan()
		}
	}
	s.endWord()
	s.endHan()
	return s.seq, s.buf
}

// scanner is scan's state: the tokens so far, the word being read (its
// bytes from buf[start:], n characters) and the Chinese character before.
type scanner struct {
	seq       []uint64
	buf       []byte
	start, n  int
	lastDigit bool
	prevHan   rune // -1 when the character before is not Chinese
}

// han takes a Chinese character: it ends a word, and pairs with the
// character before.
func (s *scanner) han(r rune) {
	s.endWord()
	if s.prevHan >= 0 {
		s.seq = append(s.seq, uint64(s.prevHan)<<32|uint64(r))
	}
	s.prevHan = r
}

// endHan ends a run of Chinese characters: its last one stands alone.
func (s *scanner) endHan() {
	if s.prevHan >= 0 {
		s.seq = append(s.seq, uint64(s.prevHan)<<32)
		s.prevHan = -1
	}
}

// letter adds a character to the word, up to MaxWord of them.
func (s *scanner) letter(r rune) {
	if s.n < MaxWord {
		s.buf = utf8.AppendRune(s.buf, r)
		s.n++
		s.lastDigit = isDigit(r)
	}
}

// endWord ends the word being read, if any.
func (s *scanner) endWord() {
	if s.n > 0 {
		s.seq = append(s.seq, wordCode(s.start, len(s.buf)))
		s.start, s.n = len(s.buf), 0
	}
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
