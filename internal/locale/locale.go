// Package locale holds every word a generated site shows its readers, one
// table per language, and the rule that picks a table from a language tag
// (site.toml's language). Every package that writes for readers (the
// theme, blocks, chart descriptions, number formats, entity pages, the page
// scripts) looks its words up here, by a typed Key, so that a language is
// added or corrected in one place and the language test can check that no
// table lacks a word.
package locale

import (
	"fmt"
	"strconv"
	"time"
)

// Lang is a table of words: the language and script readers see. Its zero
// value is English.
type Lang uint8

// The tables. zh-HK shares zh-TW's words (traditional characters) and
// differs where Hong Kong writes its own (數據, 按年, 主頁) and in its number
// units; en-US differs from en in how dates read.
const (
	En   Lang = iota // English, dates as 2 January 2006
	EnUS             // English, dates as January 2, 2006
	ZhCN             // Chinese in simplified characters (万, 亿)
	ZhTW             // Chinese in traditional characters (萬, 億, 兆)
	ZhHK             // Chinese in traditional characters (萬, 億, 萬億)
	langCount
)

// Langs lists every table, in order.
func Langs() []Lang {
	out := make([]Lang, langCount)
	for i := range out {
		out[i] = Lang(i)
	}
	return out
}

// Word returns the word k in the language l.
func (l Lang) Word(k Key) string { return tables[l].words[k] }

// Format fills the placeholders (%s, %d) of the word k with args.
func (l Lang) Format(k Key, args ...any) string { return fmt.Sprintf(tables[l].words[k], args...) }

// Count writes a number of things: the word one when n is 1, else many,
// with n filled in (English "1 point", "2 points"; Chinese "1个点", "2个点").
func (l Lang) Count(one, many Key, n int) string {
	if n == 1 {
		return fmt.Sprintf(tables[l].words[one], n)
	}
	return fmt.Sprintf(tables[l].words[many], n)
}

// Tag is the table's own language tag: "en", "en-US", "zh-CN", "zh-TW" or
// "zh-HK".
func (l Lang) Tag() string { return tables[l].tag }

// RedRises reports whether readers of the language see a rise in red and a
// fall in green (Chinese), rather than a rise in green.
func (l Lang) RedRises() bool { return tables[l].redRises }

// Units returns the compact number scale of the language, smallest first:
// K, M, B, T in English; 万, 亿, 万亿 in Chinese (a scale of myriads).
func (l Lang) Units() []Unit { return tables[l].units }

// Date writes a day: 2 January 2006, January 2, 2006 (en-US), 2006年1月2日.
func (l Lang) Date(t time.Time) string { return t.Format(tables[l].words[DateLayout]) }

// Month writes a month: 2006-01 (as tables show monthly dates), 2006年1月.
func (l Lang) Month(t time.Time) string { return t.Format(tables[l].words[MonthLayout]) }

// Ordinal writes a rank: 1st, 2nd, 3rd, 11th, 22nd; 第一 … 第九十九 (第100
// beyond) in Chinese.
func (l Lang) Ordinal(n int) string {
	if tables[l].chinese {
		return chineseOrdinal(n)
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

func chineseOrdinal(n int) string {
	digits := []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n >= 1 && n < 10:
		return "第" + digits[n]
	case n >= 10 && n < 100:
		s := "十"
		if n/10 > 1 {
			s = digits[n/10] + s
		}
		if n%10 > 0 {
			s += digits[n%10]
		}
		return "第" + s
	}
	return "第" + strconv.Itoa(n)
}

// Unit is one step of a compact number scale: numbers of at least Size are
// written as a multiple of it followed by Word.
type Unit struct {
	Size float64
	Word string
}

// Words lists every word of the table, its number units included, for
// checks that a page shows no word of another language.
func (l Lang) Words() []string {
	out := make([]string, 0, len(tables[l].words)+len(tables[l].units))
	out = append(out, tables[l].words[:]...)
	for _, u := range tables[l].units {
		out = append(out, u.Word)
	}
	return out
}
