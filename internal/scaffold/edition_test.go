package scaffold

import "testing"

func TestSkeleton(t *testing.T) {
	body := "Intro text.\n\n## 本期要点\n\nSome words.\n\n```python\n# not a heading\nprint(1)\n```\n\n```chart\ntype = \"bar\"\n# a TOML comment\n```\n\n### Detail\nMore.\n"
	want := "## 本期要点\n\n（在此撰写本节内容。）\n\n```chart\ntype = \"bar\"\n# a TOML comment\n```\n\n### Detail\n\n（在此撰写本节内容。）\n"
	if got := string(skeleton([]byte(body), "zh-CN")); got != want {
		t.Errorf("skeleton:\n%s\nwant:\n%s", got, want)
	}
}
