package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The hostile site also quotes its hostile cells in a sentence and in a
// page title, through inline values.
func init() {
	hostileSite["content/evil-values.md"] = `+++
title = "{{ evil.name where value == 1 }}"
summary = "{{ evil.name where value == 2 }}"
+++
First {{ evil.name by -value }}, second {{ evil[#2].name by -value }}, third {{ evil.name where value == 1 }}.
`
}

// TestHostileValues opens the page whose title, summary and sentence are
// hostile cells written by inline values, and finds them shown as text.
func TestHostileValues(t *testing.T) {
	t.Parallel()
	o := hostileOutput(t)
	b := newBrowser(t)
	rep := b.checkPage(t, o, o.fileURL(), "evil-values/index.html", inspectOptions{then: func(tb *tab) []string {
		type facts struct {
			H1, Summary, Prose string
			Injected           int
		}
		js := `({H1: document.querySelector('h1').textContent,
			Summary: (document.querySelector('.bs-summary') || {}).textContent || '',
			Prose: document.querySelector('.bs-prose p').textContent,
			Injected: document.querySelectorAll('img[src="x"], [onerror], script:not([src]):not([type])').length})`
		f, err := chromedp.Run(tb.ctx, chromedp.Evaluate[facts](js))
		if err != nil {
			return []string{err.Error()}
		}
		var problems []string
		if f.H1 != hostile[2] || f.Summary != hostile[1] {
			problems = append(problems, fmt.Sprintf("title %q and summary %q, want %q and %q", f.H1, f.Summary, hostile[2], hostile[1]))
		}
		if want := "First " + hostile[0] + ", second " + hostile[1] + ", third " + hostile[2] + "."; strings.TrimSpace(f.Prose) != want {
			problems = append(problems, fmt.Sprintf("sentence %q, want %q", f.Prose, want))
		}
		if f.Injected > 0 {
			problems = append(problems, fmt.Sprintf("%d injected elements", f.Injected))
		}
		return problems
	}})
	if len(rep.Dialogs) > 0 {
		t.Errorf("a dialog opened: %v", rep.Dialogs)
	}
}
