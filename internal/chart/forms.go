package chart

import (
	"strings"

	"github.com/broadsheet/broadsheet/internal/locale"
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

// formsWords holds the newer forms' words in each language, from locale's
// tables.
var formsWords = func() []formWords {
	out := make([]formWords, len(locale.Langs()))
	for _, l := range locale.Langs() {
		out[l] = formWords{
			stats: map[string]string{"avg": l.Word(locale.StatAvg), "median": l.Word(locale.StatMedian), "min": l.Word(locale.StatMin), "max": l.Word(locale.StatMax)},
			refs:  l.Word(locale.Reference), start: l.Word(locale.StepsStart), end: l.Word(locale.StepsEnd),
			ofFirst: l.Word(locale.OfFirst), steps: l.Word(locale.Steps),
			facet:      func(name string) string { return l.Format(locale.Facet, name) },
			indicators: l.Word(locale.Indicators), cell: l.Word(locale.Cells),
		}
	}
	return out
}()

func (b *builder) forms() *formWords {
	return &formsWords[locale.Of(b.s.Lang)]
}

func joinWith(parts []string, sep string) string { return strings.Join(parts, sep) }
