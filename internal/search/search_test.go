package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"网商银行", []string{"网商", "商银", "银行", "行"}},
		{"北京银行 enters the Top 10", []string{"北京", "京银", "银行", "行", "enters", "the", "top", "10"}},
		{"粉丝1,234.5万", []string{"粉丝", "丝", "1234.5", "万"}},
		{"a,b 1, 2 3.x", []string{"a", "b", "1", "2", "3", "x"}},
		{"ＡＢＣ１２３", []string{"abc123"}},
		{"Ünïcode ÉTÉ", []string{"ünïcode", "été"}},
		{"信用卡中心（上期）", []string{"信用", "用卡", "卡中", "中心", "心", "上期", "期"}},
		{"", nil},
	} {
		if got := Tokens(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := strings.Repeat("x", 100)
	if got := Tokens(long); len(got) != 1 || len(got[0]) != MaxWord {
		t.Errorf("a 100-letter word gives %q, want one word of %d letters", got, MaxWord)
	}
}

func TestTextOf(t *testing.T) {
	in := `<h2 id="x">粉丝<em>量</em>排名</h2><p>北京<strong>银行</strong> &amp; 网商银行</p>` +
		`<script type="application/json">{"secret":1}</script><style>p{}</style><svg><text>axis</text></svg>` +
		`<table><tr><td>1</td><td>2,871,000</td></tr></table>`
	want := "粉丝量排名 北京银行 & 网商银行 1 2,871,000"
	if got := TextOf(in); got != want {
		t.Errorf("TextOf = %q, want %q", got, want)
	}
}

func TestEncodeDecode(t *testing.T) {
	for _, ids := range [][]int{{0}, {31}, {32}, {0, 1, 2, 3}, {5, 1000, 1001, 40000, 1 << 20}} {
		s := encode(ids)
		if got := decode(s); !slices.Equal(got, ids) {
			t.Errorf("decode(encode(%v)) = %v (code %q)", ids, got, s)
		}
	}
	if got := encode([]int{0, 1, 2}); got != "011" {
		t.Errorf("encode(0,1,2) = %q, want one character each", got)
	}
}

// readIndex parses the files of an index back into postings and texts.
func readIndex(t *testing.T, ix *Index) (entryData, map[string][]int, []string) {
	t.Helper()
	parse := func(name string) (string, json.RawMessage) {
		data, ok := ix.Files[name]
		if !ok {
			t.Fatalf("no file %s", name)
		}
		s := string(data)
		if !strings.HasPrefix(s, "bsSearch(") || !strings.HasSuffix(s, ");\n") {
			t.Fatalf("%s is not a bsSearch call: %.60s", name, s)
		}
		s = strings.TrimSuffix(strings.TrimPrefix(s, "bsSearch("), ");\n")
		var kind string
		var k int
		head, body, _ := strings.Cut(s, ",")
		_ = json.Unmarshal([]byte(head), &kind)
		num, body, _ := strings.Cut(body, ",")
		fmt.Sscan(num, &k)
		return kind, json.RawMessage(body)
	}
	var e entryData
	if kind, body := parse(ix.Entry); kind != "index" || json.Unmarshal(body, &e) != nil {
		t.Fatalf("entry %s: kind %q", ix.Entry, kind)
	}
	post := map[string][]int{}
	for i, name := range e.Shards {
		var m map[string]string
		if _, body := parse(name); json.Unmarshal(body, &m) != nil {
			t.Fatalf("shard %s does not parse", name)
		}
		for tok, code := range m {
			if shardOf(tok, len(e.Shards)) != i {
				t.Errorf("token %q is in shard %d, its hash says %d", tok, i, shardOf(tok, len(e.Shards)))
			}
			post[tok] = decode(code)
		}
	}
	var texts []string
	for k, f := range e.Texts {
		if f.From != len(texts) {
			t.Errorf("text file %d starts at %d, want %d", k, f.From, len(texts))
		}
		var body []string
		if _, raw := parse(f.File); json.Unmarshal(raw, &body) != nil {
			t.Fatalf("text file %s does not parse", f.File)
		}
		texts = append(texts, body...)
	}
	return e, post, texts
}

func TestBuild(t *testing.T) {
	docs := []Doc{
		{Link: "editions/2022-03/index.html", Title: "2022年3月刊", Label: "2022-03", Text: "网商银行 粉丝 2,217,000；北京银行进入前十。</script> \u2028"},
		{Link: "about/index.html", Title: "About", Label: "", Text: "Bank accounts on Douyin, 信用卡中心"},
		{Link: "editions/2022-01/index.html", Title: "2022年1月刊", Label: "2022-01", Text: "网商银行 粉丝 1,968,000"},
	}
	ix := Build(docs)
	for name, data := range ix.Files {
		if !strings.HasPrefix(name, Dir+"/") {
			t.Errorf("file %s is outside %s/", name, Dir)
		}
		if strings.Contains(string(data), "</script") || strings.ContainsRune(string(data), '\u2028') {
			t.Errorf("%s holds </script or U+2028 unescaped", name)
		}
	}
	e, post, texts := readIndex(t, ix)
	if len(e.Docs) != 3 || e.Docs[0][0] != "editions/2022-03/index.html" || e.Docs[0][2] != "2022-03" {
		t.Errorf("docs: %q", e.Docs)
	}
	for tok, want := range map[string][]int{
		"网商": {0, 2}, "北京": {0}, "2217000": {0}, "1968000": {2}, "douyin": {1}, "卡中": {1}, "about": {1}, "刊": {0, 2},
	} {
		if got := post[tok]; !slices.Equal(got, want) {
			t.Errorf("postings of %q = %v, want %v", tok, got, want)
		}
	}
	if len(texts) != 3 || texts[1] != docs[1].Text {
		t.Errorf("texts: %q", texts)
	}
	if ix.Stats.Docs != 3 || ix.Stats.Tokens != len(post) || ix.Stats.IndexBytes == 0 {
		t.Errorf("stats: %+v", ix.Stats)
	}
	// The same input gives the same files.
	again := Build(docs)
	if again.Entry != ix.Entry || len(again.Files) != len(ix.Files) {
		t.Errorf("a second build differs: %s vs %s", again.Entry, ix.Entry)
	}
}

func TestBuildShardsLargeIndex(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, Doc{Link: fmt.Sprintf("p/%d/index.html", i), Title: fmt.Sprint("page ", i), Text: fmt.Sprintf("word%d 银行%d 第%d页 shared text", i, i%97, i)})
	}
	ix := Build(docs)
	if ix.Stats.Shards < 2 || ix.Stats.TextFiles < 2 {
		t.Fatalf("a large index is not split: %+v", ix.Stats)
	}
	_, post, texts := readIndex(t, ix)
	if len(texts) != 3000 || texts[2999] != docs[2999].Text {
		t.Errorf("texts: %d, last %q", len(texts), texts[len(texts)-1])
	}
	if got := post["word2999"]; !slices.Equal(got, []int{2999}) {
		t.Errorf("word2999 in %v", got)
	}
	if got := len(post["shared"]); got != 3000 {
		t.Errorf("shared in %d pages", got)
	}
}

func TestCut(t *testing.T) {
	if got := cut("银行", 4); got != "银" {
		t.Errorf("cut in a character gives %q", got)
	}
}
