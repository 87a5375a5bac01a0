package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/diag"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"数字化转型":                "数字化转型",
		"5G 与智慧银行":             "5g-与智慧银行",
		"Why it's inevitable!": "why-it-s-inevitable",
		"  ---  ":              "",
		"APP、API 与低代码":         "app-api-与低代码",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConvert(t *testing.T) {
	body := "## 数字化转型\n\n## 数字化转型\n\n### Sub *part*\n\n中文第一行\n第二行\n\n<script>x</script>\n\n```go\na < b\n```\n"
	res, errs := New(Options{}).Convert("content/a.md", []byte(body), 5, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	html := string(res.HTML)
	for _, want := range []string{`<h2 id="数字化转型">`, `<h2 id="数字化转型-1">`, `<h3 id="sub-part">`, "中文第一行第二行", `<pre><code class="language-go">a &lt; b`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Errorf("raw HTML let through without unsafe:\n%s", html)
	}
	if len(res.Headings) != 3 || res.Headings[2].Text != "Sub part" || res.Headings[2].Level != 3 {
		t.Errorf("headings = %+v", res.Headings)
	}
	res, _ = New(Options{Unsafe: true}).Convert("content/a.md", []byte(body), 5, nil)
	if !strings.Contains(string(res.HTML), "<script>x</script>") {
		t.Errorf("unsafe did not let raw HTML through")
	}
}

func TestBlockHook(t *testing.T) {
	body := "Intro\n\n```chart\ntype = \"bar\"\n```\n\ntext\n\n```table\na = 1\n```\n\n```chart\nbad\n```\n\n- item\n\n  ```kpi\n  value = 1\n  ```\n"
	var got []Block
	hook := func(b Block) ([]byte, error) {
		got = append(got, b)
		if strings.Contains(b.Source, "bad") {
			return nil, diag.Errorf(diag.Pos{File: "content/p.md", Line: b.Line}, "chart: broken")
		}
		return []byte("<figure>" + b.Kind + "</figure>"), nil
	}
	res, errs := New(Options{Blocks: []string{"chart", "table", "kpi"}}).Convert("content/p.md", []byte(body), 4, hook)
	want := []Block{
		{Kind: "chart", Source: "type = \"bar\"\n", Line: 7, Col: 1, Index: 1},
		{Kind: "table", Source: "a = 1\n", Line: 13, Col: 1, Index: 1},
		{Kind: "chart", Source: "bad\n", Line: 17, Col: 1, Index: 2},
		{Kind: "kpi", Source: "value = 1\n", Line: 23, Col: 3, Index: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("blocks = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	var e *diag.Error
	if len(errs) != 1 || !errors.As(errs[0], &e) || e.Error() != "content/p.md:17: chart: broken" {
		t.Errorf("errs = %v", errs)
	}
	if !strings.Contains(string(res.HTML), "<figure>chart</figure>") || !strings.Contains(string(res.HTML), "<figure>table</figure>") {
		t.Errorf("block HTML missing:\n%s", res.HTML)
	}
}
