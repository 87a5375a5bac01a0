package render

import (
	"fmt"
	"strings"
	"time"
)

// strings holds the theme's words in each supported language.
var uiStrings = map[string]map[string]string{
	"zh-CN": {
		"toc":          "目录",
		"prev_edition": "上一期",
		"next_edition": "下一期",
		"latest":       "最新一期",
		"archive":      "往期",
		"all_editions": "全部往期",
		"read_more":    "阅读全文",
		"built_on":     "生成于",
		"not_found":    "找不到这个页面",
		"not_found_p":  "链接可能已失效。可以回到首页，或从往期列表中查找。",
		"home":         "首页",
		"skip":         "跳到正文",
		"edition":      "期",
		"menu":         "导航",
		"published":    "发布",
		"no_editions":  "还没有发布任何一期。",
	},
	"en": {
		"toc":          "Contents",
		"prev_edition": "Previous edition",
		"next_edition": "Next edition",
		"latest":       "Latest edition",
		"archive":      "Archive",
		"all_editions": "All editions",
		"read_more":    "Read more",
		"built_on":     "Built on",
		"not_found":    "Page not found",
		"not_found_p":  "The link may be out of date. Go back to the home page, or look in the archive.",
		"home":         "Home",
		"skip":         "Skip to content",
		"edition":      "Edition",
		"menu":         "Navigation",
		"published":    "Published",
		"no_editions":  "No edition has been published yet.",
	},
}

func translate(lang, key string) string {
	if strings.HasPrefix(lang, "zh") {
		lang = "zh-CN" // zh-TW and zh-HK read the Chinese words until they have their own
	}
	if s, ok := uiStrings[lang][key]; ok {
		return s
	}
	if s, ok := uiStrings["en"][key]; ok {
		return s
	}
	return key
}

func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if strings.HasPrefix(lang, "zh") {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	if lang == "en-US" {
		return t.Format("January 2, 2006")
	}
	return t.Format("2 January 2006")
}
