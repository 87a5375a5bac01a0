package tomlpos

import (
	"slices"
	"strings"
	"testing"
)

// doc is a TOML document that writes keys in every way the index must
// know, with = and [ inside strings, arrays and comments.
const doc = `# a comment with key = "value" and [table]
title = "粉丝 = 量 [1]"
"quoted key" = 1
'literal' = 2
a.b . "c.d" = 3
"互联网银行" = "#4e79a7"
list = [
  "x = 1",
  "[not]", # y = 2
]
text = """
z = 3
[not.a.table]
"""
raw = '''w = [ '''
inline = { x = 1, "y z" = { deep = true }, arr = [1, 2] }
refs = [{ stat = "avg" }, { from = 1, to = 2 }]

[charts]   # trailing comment
height = 420
colors = { "招商银行" = "#c8102e" }

[datasets."a.b"]
key = "account"

[datasets."a.b".checks]
unique = ["account"]

[[card]]
label = "一"
value = "followers"

[card.compute]
ratio = "a / b"

[[card]]
label = "二"
valeu = "likes"

[[card]]
label = "三"
valeu = "posts"
`

func TestIndexLines(t *testing.T) {
	ix := New(doc)
	for _, c := range []struct {
		path []string
		line int
	}{
		{[]string{"title"}, 2},
		{[]string{"quoted key"}, 3},
		{[]string{"literal"}, 4},
		{[]string{"a"}, 5},
		{[]string{"a", "b", "c.d"}, 5},
		{[]string{"互联网银行"}, 6},
		{[]string{"list"}, 7},
		{[]string{"y"}, 0},
		{[]string{"z"}, 0},
		{[]string{"not"}, 0},
		{[]string{"text"}, 11},
		{[]string{"raw"}, 15},
		{[]string{"inline", "y z", "deep"}, 16},
		{[]string{"inline", "arr"}, 16},
		{[]string{"refs#1", "to"}, 17},
		{[]string{"refs", "from"}, 17},
		{[]string{"charts"}, 19},
		{[]string{"charts", "height"}, 20},
		{[]string{"charts", "colors", "招商银行"}, 21},
		{[]string{"charts", "palette"}, 19}, // not written: its table
		{[]string{"datasets", "a.b", "key"}, 24},
		{[]string{"datasets", "a.b", "checks", "unique"}, 27},
		{[]string{"datasets", "a.b", "checks", "rows"}, 26},
		{[]string{"card"}, 29},
		{[]string{"card#0", "value"}, 31},
		{[]string{"card#0", "compute", "ratio"}, 34},
		{[]string{"card#1"}, 36},
		{[]string{"card#1", "value"}, 36}, // not written: its table
		{[]string{"card", "valeu"}, 38},
		{[]string{"card#2", "valeu"}, 42},
		{[]string{"card#9", "label"}, 29}, // no such table: the array
		{[]string{"missing", "key"}, 0},
	} {
		if got := ix.Line(c.path...); got != c.line {
			t.Errorf("Line(%q) = %d, want %d", c.path, got, c.line)
		}
	}
	if got := ix.Lines("card", "valeu"); !slices.Equal(got, []int{38, 42}) {
		t.Errorf("Lines(card, valeu) = %v", got)
	}
	if got := ix.Count("card"); got != 3 {
		t.Errorf("Count(card) = %d", got)
	}
	if got := ix.Count("refs"); got != 2 {
		t.Errorf("Count(refs) = %d", got)
	}
}

func TestIndexColumns(t *testing.T) {
	ix := New(doc)
	for _, c := range []struct {
		path          []string
		line, key, tx int
	}{
		{[]string{"title"}, 2, 1, 10},
		{[]string{"互联网银行"}, 6, 1, 12},
		{[]string{"inline", "x"}, 16, 12, 0},
		{[]string{"charts", "colors", "招商银行"}, 21, 12, 22},
		{[]string{"text"}, 11, 1, 11},
		{[]string{"raw"}, 15, 1, 10},
		{[]string{"a", "b", "c.d"}, 5, 7, 0},
	} {
		line, col, ok := ix.Key(c.path...)
		if !ok || line != c.line || col != c.key {
			t.Errorf("Key(%q) = %d:%d %v, want %d:%d", c.path, line, col, ok, c.line, c.key)
		}
		if _, tx := ix.Text(c.path...); tx != c.tx {
			t.Errorf("Text(%q) column %d, want %d", c.path, tx, c.tx)
		}
	}
	if _, _, ok := ix.Key("charts", "palette"); ok {
		t.Error("Key finds a key that is not written")
	}
}

// Line ends written as CRLF count as one line each.
func TestIndexCRLF(t *testing.T) {
	ix := New(strings.ReplaceAll(doc, "\n", "\r\n"))
	for path, want := range map[string]int{"title": 2, "charts.height": 20, "card#2.valeu": 42} {
		if got := ix.Line(strings.Split(path, ".")...); got != want {
			t.Errorf("Line(%s) = %d, want %d", path, got, want)
		}
	}
	if _, col, _ := ix.Key("inline", "x"); col != 12 {
		t.Errorf("column %d", col)
	}
}

// Text that is not TOML is scanned to its end without a panic, and what
// can be found is found.
func TestIndexForgiving(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "a = ", `a = "open`, "a = '''open", "a = [1, {", "= 3", "a.=1", "x = {a = 1\nb = 2", "[a.\n", "\"", "a = [[[\n]]]", "a = \"\"\"x\\"} {
		New(src)
	}
	ix := New("title = \"T\n[charts]\nheight = 5\n")
	if got := ix.Line("charts", "height"); got != 3 {
		t.Errorf("after an unclosed string: %d", got)
	}
}

func TestSplitKey(t *testing.T) {
	for in, want := range map[string][]string{
		"a.b":                {"a", "b"},
		`datasets."a.b".key`: {"datasets", "a.b", "key"},
		`'x y' . z`:          {"x y", "z"},
		`"互联网银行"`:            {"互联网银行"},
	} {
		if got := splitKey(in); !slices.Equal(got, want) {
			t.Errorf("SplitKey(%s) = %q, want %q", in, got, want)
		}
	}
}

func FuzzIndex(f *testing.F) {
	f.Add(doc)
	f.Add("a = [{b = 1}, {c = [2, {d = 3}]}]\n[[a.e]]\nf = 1")
	f.Fuzz(func(t *testing.T, src string) {
		ix := New(src)
		ix.Line("a", "b")
		ix.Lines("card", "value")
		ix.Text("title")
	})
}

// The cases a block's key lines were first found for.
func TestBlockLines(t *testing.T) {
	src := strings.Join([]string{
		`type = "bar"                       # 1`,
		`compute = { avg = "a / b", "x y" = "c" }`,
		`y = [`,
		`  "likes",`,
		`  "title = not a key",`,
		`]`,
		`note = """`,
		`sort = "inside a string"`,
		`"""`,
		`format.followers = "compact"`,
		`[aggregate]`,
		`likes = "sum"`,
		`[[card]]`,
		`label = "a"`,
		`[[card]]`,
		`value = "b"`,
		`[card.compute]`,
		`r = "1"`,
		`'quoted key' = 1`,
	}, "\n")
	l := New(src)
	tests := []struct {
		path []string
		want int
	}{
		{[]string{"type"}, 1},
		{[]string{"compute"}, 2},
		{[]string{"compute", "avg"}, 2},
		{[]string{"compute", "x y"}, 2},
		{[]string{"compute", "missing"}, 2}, // falls back to the table's line
		{[]string{"y"}, 3},
		{[]string{"title"}, 0}, // inside an array, not a key
		{[]string{"note"}, 7},
		{[]string{"sort"}, 0}, // inside a multi-line string
		{[]string{"format", "followers"}, 10},
		{[]string{"format"}, 10},
		{[]string{"aggregate", "likes"}, 12},
		{[]string{"aggregate", "posts"}, 11},
		{[]string{"card#0", "label"}, 14},
		{[]string{"card#1", "value"}, 16},
		{[]string{"card#1", "label"}, 15}, // the card's header
		{[]string{"card#1", "compute", "r"}, 18},
		{[]string{"card#1", "compute", "quoted key"}, 19},
		{[]string{"card#2", "value"}, 13}, // no third card: the array's first
		{nil, 0},
	}
	for _, tt := range tests {
		if got := l.Line(tt.path...); got != tt.want {
			t.Errorf("Line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if n := l.Count("card"); n != 2 {
		t.Errorf("Count(card) = %d, want 2", n)
	}
}

// splitKey splits a dotted key as TOML writes it ("datasets.\"a.b\".key")
// into its parts, as the scanner reads it.
func splitKey(key string) []string {
	s := &scanner{src: key}
	s.key()
	return s.parts
}
