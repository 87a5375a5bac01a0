package numfmt

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/locale"
)

// TestChartsJSAgrees runs the number formats of assets/js/charts.js under
// Node.js and checks that they write every number as Format does, so that a
// chart's axis, labels and tooltip read the same as its data table. It is
// skipped where node is not installed.
func TestChartsJSAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	script, err := filepath.Abs("../../assets/js/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		t.Fatal(err)
	}
	values := []float64{0, 1, -1, 0.25, 0.284, -0.013, 0.025, 1.005, 2.5, -2.5, 12.345, 999, 9800, 9999.996,
		10000, 12345, 123456, 999999, 1234567, 2150000, 2200000, 12345678, 99999999, 123000000,
		543000000, 1230000000, 1.5e12, 2.5e12, -2150000, 3.14159, 1234.5, 0.0005, -0.0001, 0.5, 150}
	langs := []string{"zh-CN", "zh-TW", "zh-HK", "en-US", "en-GB", "en"}
	formats := append(append([]string{"", "0.0‰", "nonsense"}, Formats...), CurrencyFormats()...)
	values = append(values, 0.00049, -0.00049, 0.0123, -0.0123, 0.1234, 1e4, 9.9995e7, 123456789012, -0.004, 0.012, 1.005e4)
	var cases [][4]any
	for _, lang := range langs {
		for _, f := range formats {
			for _, v := range values {
				for _, signed := range []bool{false, true} {
					cases = append(cases, [4]any{v, f, lang, signed})
				}
			}
		}
	}
	// Monthly time-axis labels ("bs:month"): v is a time in ms.
	months := []time.Time{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 31, 23, 0, 0, 0, time.UTC)}
	for _, lang := range langs {
		for _, m := range months {
			cases = append(cases, [4]any{float64(m.UnixMilli()), "month", lang, false})
		}
	}
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	// charts.js reads the page's words (units, the month layout) when it
	// loads, so it is loaded once per language into a stub page without
	// charts that holds the words the theme writes.
	prog := `
const fs = require('fs'), vm = require('vm');
const src = fs.readFileSync(process.argv[1], 'utf8');
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const fmt = {};
const words = ${WORDS};
for (const lang of Object.keys(words)) {
  const window = {};
  const document = {
    getElementById: (id) => id === 'bs-words' ? { textContent: words[lang] } : null,
    readyState: 'complete',
    querySelectorAll: () => [],
    addEventListener() {},
  };
  vm.runInNewContext(src, { window, document, setTimeout, clearTimeout });
  fmt[lang] = window.broadsheetCharts;
}
process.stdout.write(JSON.stringify(cases.map(([v, f, lang, signed]) =>
  f === 'month' ? fmt[lang].month(v) : fmt[lang].format(v, f, signed))));
`
	words := map[string]string{}
	for _, lang := range langs {
		words[lang] = string(locale.Of(lang).Script())
	}
	wordsJSON, _ := json.Marshal(words)
	prog = strings.Replace(prog, "${WORDS}", string(wordsJSON), 1)
	cmd := exec.Command(node, "-e", prog, script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output: %v\n%s", err, out)
	}
	if len(got) != len(cases) {
		t.Fatalf("node gave %d results for %d cases", len(got), len(cases))
	}
	for i, c := range cases {
		v, f, lang, signed := c[0].(float64), c[1].(string), c[2].(string), c[3].(bool)
		want := Format(v, f, lang)
		if f == "month" {
			want = Month(time.UnixMilli(int64(v)).UTC(), lang)
		} else if signed {
			want = Signed(v, f, lang)
		}
		if got[i] != want {
			t.Errorf("charts.js format(%v, %q, %v) in %s = %q, Go = %q", v, f, signed, lang, got[i], want)
		}
	}
	t.Logf("%d cases agree", len(cases))
}
