package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// fakeValues resolves "n" to a number with the sign of its name: "up" is
// 5, "down" -5, "flat" 0; "text" is text; "bad" fails.
func fakeValues(got *[]Inline) ValueHook {
	return func(in Inline) (InlineValue, error) {
		*got = append(*got, in)
		v := map[string]int{"up": 5, "down": -5, "flat": 0}
		switch n, ok := v[in.Expr]; {
		case ok:
			if in.Abs && n < 0 {
				n = -n
			}
			sign := map[bool]int{true: 1, false: -1}[v[in.Expr] > 0]
			if v[in.Expr] == 0 {
				sign = 0
			}
			return InlineValue{Text: fmt.Sprint(n), Sign: sign, Known: true}, nil
		case in.Expr == "text":
			return InlineValue{Text: "<b>x</b>"}, nil
		}
		return InlineValue{}, &diag.Error{Pos: in.Pos, Msg: "value: unknown " + in.Expr}
	}
}

func TestValues(t *testing.T) {
	cases := []struct{ in, want string }{
		{"环比{上升|下降}{{ up }}。", "<p>环比上升5。</p>"},
		{"环比{上升|下降}{{down}}，", "<p>环比下降5，</p>"},
		{"环比{上升|下降}{{ flat }}", "<p>环比持平0</p>"},
		{"{{ down }} {rose|fell|held}", "<p>5 fell</p>"},
		{"a `{{ up }}` b", "<p>a <code>{{ up }}</code> b</p>"},
		{`a \{{ up }} b \{x|y}`, "<p>a {{ up }} b {x|y}</p>"},
		{"a {x} {y|z|w|v} b", "<p>a {x} {y|z|w|v} b</p>"},
		{"set {x | x>0} {{ up }}", "<p>set {x | x&gt;0} 5</p>"},
		{"cell {{ text }}", "<p>cell &lt;b&gt;x&lt;/b&gt;</p>"},
		{"## H {{ up }}", `<h2 id="h">H 5</h2>`},
		{"- item {{ up }}", "<ul>\n<li>item 5</li>\n</ul>"},
		{"| a |\n|---|\n| {{ up \\| x }} |", "<td>5</td>"},
		{"*{{ up }}*", "<p><em>5</em></p>"},
	}
	c := New(Options{Lang: "zh-CN"})
	for _, tc := range cases {
		var got []Inline
		res, errs := c.ConvertPage(Page{File: "p.md", Body: []byte(tc.in), BodyLine: 1, Values: func(in Inline) (InlineValue, error) {
			in.Expr, _, _ = strings.Cut(in.Expr, " |") // the table case's filter
			return fakeValues(&got)(in)
		}})
		if len(errs) > 0 {
			t.Errorf("%q: %v", tc.in, errs)
			continue
		}
		if !strings.Contains(string(res.HTML), tc.want) {
			t.Errorf("%q:\n got %s\nwant %s", tc.in, res.HTML, tc.want)
		}
	}
}

func TestValueWordsAfterValue(t *testing.T) {
	// A words group goes with the next value of its paragraph, else the one
	// before; that value is then written without its sign. Without a third
	// word, no change reads as the language's "unchanged".
	c := New(Options{Lang: "en"})
	var got []Inline
	res, errs := c.ConvertPage(Page{File: "p.md", Body: []byte("{{ down }} {rose|fell}; {{ flat }} {rose|fell}\n\n{{ down }} {rose|fell}\n"), BodyLine: 1, Values: fakeValues(&got)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if want := "<p>-5 unchanged; 0 unchanged</p>\n<p>5 fell</p>"; !strings.Contains(string(res.HTML), want) {
		t.Errorf("got %s, want %s", res.HTML, want)
	}
}

func TestValueErrorsArePositioned(t *testing.T) {
	c := New(Options{Lang: "en"})
	var got []Inline
	body := "# T\n\nab {{ bad }} {x|y} here\n\nxy {{ up\n\n{{ }}\n\n中文{{ bad }}\n"
	_, errs := c.ConvertPage(Page{File: "p.md", Body: []byte(body), BodyLine: 4, Values: fakeValues(&got)})
	var lines []string
	for _, e := range errs.Sort() {
		lines = append(lines, e.Error())
	}
	want := []string{
		"p.md:6:7: value: unknown bad",
		"p.md:8:4: value: a value {{ … }} is not closed on its line (write {{ dataset[key].column }} on one line, or \\{{ for literal braces)",
		"p.md:10:1: value: a value {{ }} is empty (write {{ dataset[key].column }} on one line, or \\{{ for literal braces)",
		"p.md:12:6: value: unknown bad",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestExpandText(t *testing.T) {
	var got []Inline
	out, errs := ExpandText("粉丝{上升|下降}{{ down }}，\\{{ x }}", diag.Pos{File: "f.md", Line: 2, Col: 12}, fakeValues(&got), "zh-CN")
	if len(errs) > 0 || out != "粉丝下降5，{{ x }}" {
		t.Errorf("got %q, %v", out, errs)
	}
	if len(got) != 1 || got[0].Pos != (diag.Pos{File: "f.md", Line: 2, Col: 24}) || !got[0].Abs {
		t.Errorf("resolved %+v", got)
	}
	_, errs = ExpandText("a {{ bad }}", diag.Pos{File: "f.md", Line: 3, Col: 10}, fakeValues(&got), "en")
	if len(errs) != 1 || errs[0].Pos != (diag.Pos{File: "f.md", Line: 3, Col: 15}) {
		t.Errorf("error %v", errs)
	}
}

func TestHeadingIDsLeaveValuesOut(t *testing.T) {
	if got := string(stripValues([]byte("排名第一：{{ accounts[#1].account by -followers }} {a|b}"))); got != "排名第一： " {
		t.Errorf("got %q", got)
	}
}

func TestProseSkipsCodeAndValues(t *testing.T) {
	c := New(Options{Lang: "en"})
	var runs []string
	var got []Inline
	_, errs := c.ConvertPage(Page{File: "p.md", Body: []byte("It was 2.87M, `2.87M` and {{ up }} then 1.5.\n"), BodyLine: 1, Values: fakeValues(&got),
		Prose: func(s string, p diag.Pos) { runs = append(runs, fmt.Sprintf("%d:%d %s", p.Line, p.Col, s)) }})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "1:1 It was 2.87M, |1:22  and |1:35  then 1.5."
	if strings.Join(runs, "|") != want {
		t.Errorf("prose runs %q, want %q", strings.Join(runs, "|"), want)
	}
}

func TestValueAtTheStartOfALine(t *testing.T) {
	// The line break before a value is kept between Latin words and dropped
	// between Chinese ones, as for text.
	c := New(Options{Lang: "en"})
	hook := func(in Inline) (InlineValue, error) {
		if in.Expr == "zh" {
			return InlineValue{Text: "三"}, nil
		}
		return InlineValue{Text: "V", Known: true}, nil
	}
	for in, want := range map[string]string{
		"and ranks\n{{ x }} and\n{{ x }}\nnext": "<p>and ranks\nV and\nV\nnext</p>\n",
		"中文\n{{ zh }}结束":                        "<p>中文三结束</p>\n",
		"a {up|down}\n{{ x }}":                  "<p>a unchanged\nV</p>\n",
	} {
		res, errs := c.ConvertPage(Page{File: "f.md", Body: []byte(in), BodyLine: 1, Values: hook})
		if len(errs) > 0 || string(res.HTML) != want {
			t.Errorf("%q: got %q, want %q (%v)", in, res.HTML, want, errs)
		}
	}
}

func TestInvalidUTF8IsAnError(t *testing.T) {
	c := New(Options{Lang: "zh-CN"})
	res, errs := c.ConvertPage(Page{File: "p.md", Body: []byte("ok\n00'\x9c\n0"), BodyLine: 5})
	if len(errs) != 1 || errs[0].Error() != "p.md:6: the page is not valid UTF-8 (save the file as UTF-8)" {
		t.Errorf("errors %v", errs)
	}
	if !strings.Contains(string(res.HTML), "00&rsquo;\ufffd") {
		t.Errorf("html %s", res.HTML)
	}
}
