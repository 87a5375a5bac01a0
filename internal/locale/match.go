package locale

import (
	"strings"
	"sync/atomic"
)

// Accepted describes the tags Match accepts, for messages and docs.
const Accepted = `"en" or "zh" with an optional script and region: en, en-US, en-GB, zh-CN, zh-TW, zh-HK, zh-Hant, zh-SG, …`

// Match picks the table for a language tag (BCP 47, letters in any case):
//
//	en, en-GB, en-AU, …           En
//	en-US                         EnUS
//	zh, zh-CN, zh-SG, zh-Hans, …  ZhCN
//	zh-TW, zh-Hant                ZhTW
//	zh-HK, zh-MO, zh-Hant-HK      ZhHK
//
// A script decides over a region (zh-Hans-HK is simplified). It reports
// false for any other language and for a tag that is not well formed.
func Match(tag string) (Lang, bool) {
	switch tag { // the usual spellings, without parsing
	case "en", "en-GB":
		return En, true
	case "en-US":
		return EnUS, true
	case "zh-CN", "zh":
		return ZhCN, true
	case "zh-TW":
		return ZhTW, true
	case "zh-HK":
		return ZhHK, true
	}
	// A site has one language: its last tag is kept, so that a spelling
	// such as zh-Hant-HK is parsed once, not for every number.
	if m := lastMatch.Load(); m != nil && m.tag == tag {
		return m.lang, m.ok
	}
	l, ok := parse(tag)
	lastMatch.Store(&matched{tag, l, ok})
	return l, ok
}

type matched struct {
	tag  string
	lang Lang
	ok   bool
}

var lastMatch atomic.Pointer[matched]

// parse reads a tag's language, script and region subtags.
func parse(tag string) (Lang, bool) {
	primary, rest, more := strings.Cut(tag, "-")
	var script, region string
	for more {
		var sub string
		sub, rest, more = strings.Cut(rest, "-")
		switch {
		case !alnum(sub) || len(sub) > 8:
			return En, false
		case len(sub) == 4 && script == "" && region == "":
			script = sub
		case (len(sub) == 2 || len(sub) == 3) && region == "":
			region = sub
		}
	}
	switch {
	case strings.EqualFold(primary, "en"):
		if strings.EqualFold(region, "us") {
			return EnUS, true
		}
		return En, true
	case strings.EqualFold(primary, "zh"):
		return chinese(script, region), true
	}
	return En, false
}

// chinese picks the Chinese table for a script and region.
func chinese(script, region string) Lang {
	hk := strings.EqualFold(region, "hk") || strings.EqualFold(region, "mo")
	switch {
	case strings.EqualFold(script, "hans"):
		return ZhCN
	case strings.EqualFold(script, "hant") && hk:
		return ZhHK
	case strings.EqualFold(script, "hant"):
		return ZhTW
	case hk:
		return ZhHK
	case strings.EqualFold(region, "tw"):
		return ZhTW
	}
	return ZhCN
}

// Of returns the table for a tag, English when Match knows none (site.toml's
// language was checked with Match when it was read).
func Of(tag string) Lang {
	l, _ := Match(tag)
	return l
}

func alnum(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if (c < 'a' || c > 'z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}
