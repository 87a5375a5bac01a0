package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestParquetSite builds a site whose dataset is a Parquet file, through the
// block keys and through sql. By hand: 工商银行 100 + 30 = 130, 建设银行 50.
func TestParquetSite(t *testing.T) {
	type row struct {
		Bank      string `parquet:"bank"`
		Followers int64  `parquet:"followers"`
	}
	var pq bytes.Buffer
	if err := parquet.Write(&pq, []row{{"工商银行", 100}, {"建设银行", 50}, {"工商银行", 30}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":                     "title = \"P\"\nlanguage = \"zh-CN\"\n",
		"content/data/accounts.parquet": pq.String(),
		"content/about.md": "+++\ntitle = \"关于\"\n+++\n" +
			"```table\ndata = \"accounts\"\ngroup = \"bank\"\naggregate = { followers = \"sum\" }\nsort = \"-followers\"\n```\n\n" +
			"```table\nsql = \"SELECT bank, sum(followers) AS total FROM accounts GROUP BY bank ORDER BY total DESC\"\n```\n",
	}
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := res.Tree.Get("about/index.html")
	for _, want := range []string{
		`<tr><td>工商银行</td><td class="bs-num">130</td></tr><tr><td>建设银行</td><td class="bs-num">50</td></tr>`,
		`>total</th>`,
	} {
		if strings.Count(string(page), want) < 1 {
			t.Errorf("about/index.html lacks %s", want)
		}
	}
	if n := strings.Count(string(page), `<tr><td>工商银行</td><td class="bs-num">130</td></tr>`); n != 2 {
		t.Errorf("the key path and sql agree on 130 in %d tables, want 2", n)
	}
}
