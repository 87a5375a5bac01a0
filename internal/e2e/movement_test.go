package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// movementFacts is what the browser shows of the ranked table and the KPI
// cards of the demo's newest edition.
type movementFacts struct {
	Moves []struct {
		Text, Class, Color string
		Width              float64
	}
	Changes []struct {
		Text, Class, Color string
	}
	Cards   []string
	Body    string
	Dropped string
}

const jsMovementFacts = `(() => {
  const fig = [...document.querySelectorAll("figure.bs-table-figure")].find(f => f.querySelector("td.bs-move"));
  const out = {Moves: [], Changes: [], Cards: [], Body: getComputedStyle(document.body).color, Dropped: ""};
  if (!fig) return out;
  for (const td of fig.querySelectorAll("td.bs-move")) {
    const r = td.getBoundingClientRect();
    out.Moves.push({Text: td.textContent, Class: td.className, Color: getComputedStyle(td).color, Width: r.width});
  }
  for (const td of fig.querySelectorAll("td.bs-up, td.bs-down")) {
    if (td.classList.contains("bs-move")) continue;
    out.Changes.push({Text: td.textContent, Class: td.className, Color: getComputedStyle(td).color});
  }
  const dropped = fig.querySelector(".bs-dropped");
  if (dropped) out.Dropped = dropped.innerText;
  for (const c of document.querySelectorAll(".bs-kpi-change")) {
    if (c.getBoundingClientRect().width > 0) out.Cards.push(c.textContent + " [" + getComputedStyle(c).color + "]");
  }
  return out;
})()`

// TestDemoMovementRendered opens the newest edition from disk and checks
// that rank movement and changes are drawn: ▲ and ▼ with their numbers, in
// colours of their own, signed percentages, the dropped row, and KPI deltas.
func TestDemoMovementRendered(t *testing.T) {
	t.Parallel()
	o := demo(t)
	b := newBrowser(t)
	var f movementFacts
	opts := inspectOptions{then: func(tb *tab) []string {
		got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[movementFacts](jsMovementFacts))
		if err != nil {
			return []string{fmt.Sprintf("reading the page: %v", err)}
		}
		f = got
		return nil
	}}
	rep := b.checkPage(t, o, o.fileURL(), "editions/2022-03/index.html", opts)
	if rep.URL == "" {
		t.Fatal("the page did not open")
	}
	colors := map[string]string{}
	for _, m := range f.Moves {
		if m.Width == 0 {
			t.Errorf("movement cell %q is not shown", m.Text)
		}
		switch {
		case strings.HasPrefix(m.Text, "▲"):
			colors["up"] = m.Color
		case strings.HasPrefix(m.Text, "▼"):
			colors["down"] = m.Color
		}
	}
	texts := make([]string, len(f.Moves))
	for i, m := range f.Moves {
		texts[i] = m.Text
	}
	if got := strings.Join(texts, " "); got != "– – – – – – ▲1 ▼1 – ▲1" {
		t.Errorf("movement column reads %q", got)
	}
	if colors["up"] == "" || colors["down"] == "" || colors["up"] == colors["down"] || colors["up"] == f.Body || colors["down"] == f.Body {
		t.Errorf("▲ and ▼ are not in colours of their own: up %q, down %q, text %q", colors["up"], colors["down"], f.Body)
	}
	if len(f.Changes) < 10 {
		t.Errorf("%d coloured changes, want at least 10", len(f.Changes))
	}
	for _, c := range f.Changes {
		if strings.Contains(c.Class, "bs-up") && !strings.HasPrefix(c.Text, "+") || strings.Contains(c.Class, "bs-down") && !strings.HasPrefix(c.Text, "−") {
			t.Errorf("change %q (%s) does not carry its sign in the text", c.Text, c.Class)
		}
	}
	if !strings.Contains(f.Dropped, "中国建设银行（上期第 10 名，本期第 11 名）") {
		t.Errorf("dropped rows read %q", f.Dropped)
	}
	if len(f.Cards) < 2 || !strings.HasPrefix(f.Cards[0], "较上期 +") {
		t.Errorf("KPI changes: %q", f.Cards)
	}
}
