package content

import (
	"strconv"
	"strings"
	"testing"
)

func TestFrontMatterValues(t *testing.T) {
	src := "title = \"T {{ top }}\"\nsummary = 'S'\n\n[values]\ntop = \"accounts.account by -followers\"\n\"微众\"   = \"accounts[微众银行]\"\n"
	fm, errs := ParseFrontMatter([]byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := []string{}
	for _, v := range fm.Values {
		got = append(got, v.Name+"="+v.Expr+"@"+strconv.Itoa(v.Line)+":"+strconv.Itoa(v.Col))
	}
	if want := "top=accounts.account by -followers@6:8|微众=accounts[微众银行]@7:11"; strings.Join(got, "|") != want {
		t.Errorf("values %s, want %s", strings.Join(got, "|"), want)
	}
	if l, c := fm.KeyPos("title"); l != 2 || c != 10 {
		t.Errorf("title at %d:%d", l, c)
	}
	if l, c := fm.KeyPos("summary"); l != 3 || c != 12 {
		t.Errorf("summary at %d:%d", l, c)
	}
	_, errs = ParseFrontMatter([]byte("[values]\nn = 3\n\"a b\" = \"x\"\n"))
	if len(errs) != 2 || errs[0].Pos.Line != 3 || errs[0].Error() != `front matter: values.n must be text (write the expression in quotes: n = "dataset[key].column")` ||
		!strings.Contains(errs[1].Error(), `"a b" is not a value name`) {
		t.Errorf("errors %v", errs)
	}
}
