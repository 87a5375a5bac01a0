package scaffold

import (
	"testing"

	"github.com/broadsheet/broadsheet/internal/content"
)

func TestSkeleton(t *testing.T) {
	body := "Intro text.\n\n## 本期要点\n\nSome words.\n\n```python\n# not a heading\nprint(1)\n```\n\n```chart\ntype = \"bar\"\n# a TOML comment\n```\n\n### Detail\nMore.\n"
	want := "## 本期要点\n\n（在此撰写本节内容。）\n\n```chart\ntype = \"bar\"\n# a TOML comment\n```\n\n### Detail\n\n（在此撰写本节内容。）\n"
	if got := string(skeleton([]byte(body), "zh-CN")); got != want {
		t.Errorf("skeleton:\n%s\nwant:\n%s", got, want)
	}
}

func TestSkeletonKeepsBoundProse(t *testing.T) {
	body := "## 排名\n\n微众银行约 287 万粉丝。\n\n微众银行约{{ 微众.followers | compact }}，\n环比{上升|下降}{{ 微众.followers_change | percent }}。\n\n" +
		"- 手写 1 条\n- 绑定 {{ 微众.posts }} 条\n\n字面 \\{{ 不是取值 }}。\n\n## 空节\n\n只有手写的 5 万。\n\n```kpi\nx = 1\n```\n"
	want := "## 排名\n\n微众银行约{{ 微众.followers | compact }}，\n环比{上升|下降}{{ 微众.followers_change | percent }}。\n\n" +
		"- 手写 1 条\n- 绑定 {{ 微众.posts }} 条\n\n## 空节\n\n（在此撰写本节内容。）\n\n```kpi\nx = 1\n```\n"
	if got := string(skeleton([]byte(body), "zh-CN")); got != want {
		t.Errorf("skeleton:\n%s\nwant:\n%s", got, want)
	}
}

func TestFrontMatterKeepsValues(t *testing.T) {
	front := "title = \"2月刊\"\nsummary = \"粉丝{{ sum accounts.followers | compact }}\"\n\n[values]\n\"微众\" = \"accounts[微众银行]\"\ntop = \"accounts.account by -followers\"\n"
	summary, values := keptFront([]byte(front))
	got := string(frontMatter("2022-03", mustPeriod("2022-03"), "zh-CN", summary, values, []byte("正文\n")))
	want := "+++\ntitle   = \"2022年3月刊\"\ndate    = 2022-03-31\nsummary = \"粉丝{{ sum accounts.followers | compact }}\"\ndraft   = true\n\n[values]\n\"微众\" = \"accounts[微众银行]\"\ntop = \"accounts.account by -followers\"\n+++\n\n正文\n"
	if got != want {
		t.Errorf("front matter:\n%s\nwant:\n%s", got, want)
	}
	if s, v := keptFront([]byte("summary = \"手写 287 万\"\n")); s != "" || v != nil {
		t.Errorf("kept %q %q from a summary without values", s, v)
	}
}

func mustPeriod(name string) content.Period {
	p, ok := content.EditionPeriod(name)
	if !ok {
		panic(name + " is not a period")
	}
	return p
}
