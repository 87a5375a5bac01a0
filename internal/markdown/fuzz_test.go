package markdown

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// FuzzValues converts arbitrary markdown whose every value resolves to
// markup-like text: the conversion must not panic, and no value may come
// out as markup.
func FuzzValues(f *testing.F) {
	for _, s := range []string{
		"环比{上升|下降}{{ a[b].c_change | percent }}。", "{{ a }}\n{{", `\{{ x }} \{a|b}`, "| {{ a \\| b }} |\n|---|\n| {{x}} |",
		"# {{ t }}\n\n- {a|b|c} {{ x }}", "`{{ code }}` {{", "{{}}{{ }}{{\"}}\"}}", "{a|}{|b}{a|b|c|d}",
	} {
		f.Add(s)
	}
	c := New(Options{Lang: "zh-CN"})
	f.Fuzz(func(t *testing.T, body string) {
		hook := func(in Inline) (InlineValue, error) {
			return InlineValue{Text: "<i>v</i>", Sign: len(in.Expr)%3 - 1, Known: true}, nil
		}
		res, _ := c.ConvertPage(Page{File: "f.md", Body: []byte(body), BodyLine: 1, Values: hook,
			Prose: func(string, diag.Pos) {}})
		if strings.Contains(string(res.HTML), "<i>v</i>") {
			t.Fatalf("a value became markup: %q → %s", body, res.HTML)
		}
		out, _ := ExpandText(body, diag.Pos{File: "f.md", Line: 1, Col: 1}, hook, "en")
		_ = out
	})
}
