package chart

import (
	"strings"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// formWords holds the words of the newer chart forms in one language.
type formWords struct {
	stats            map[string]string
	refs             string
	start, end       string
	ofFirst          string
	steps            string
	facet            func(name string) string
	indicators, cell string
}

var zhForms = formWords{
	stats: map[string]string{"avg": "平均", "median": "中位数", "min": "最小", "max": "最大"},
	refs:  "参考", start: "期初", end: "期末", ofFirst: "首层的", steps: "变动",
	facet:      func(name string) string { return "按" + name + "分图" },
	indicators: "指标", cell: "格",
}

var enForms = formWords{
	stats: map[string]string{"avg": "Average", "median": "Median", "min": "Minimum", "max": "Maximum"},
	refs:  "reference", start: "Start", end: "End", ofFirst: "of the first: ", steps: "changes",
	facet:      func(name string) string { return "one chart per " + name },
	indicators: "indicators", cell: " cells",
}

func (b *builder) forms() *formWords {
	if numfmt.IsChinese(b.s.Lang) {
		return &zhForms
	}
	return &enForms
}

func joinWith(parts []string, sep string) string { return strings.Join(parts, sep) }
