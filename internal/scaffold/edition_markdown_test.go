package scaffold_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/scaffold"
)

// The commentary is read as CommonMark reads it: a four-backtick fence
// runs past the three-backtick lines it shows, and "#话题" with no space is
// a hashtag in a paragraph, not a heading.
func TestNewEditionReadsMarkdownAsCommonMark(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	prev := filepath.Join(dir, "content", "editions", "2024-02")
	appendFile(t, filepath.Join(prev, "index.md"), "\n## How to write a chart\n\n"+
		"````markdown\n```chart\ntype = \"bar\"\n```\n# not a heading\n````\n\n"+
		"#话题 银行短视频 {{ branches[Riverside].sales }}\n\n#标签 hand-written\n\n## After the example\n\nWords.\n")
	if _, err := scaffold.NewEdition(dir, "2024-03"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "content", "editions", "2024-03", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(got)
	for _, want := range []string{
		"## How to write a chart\n\n#话题 银行短视频 {{ branches[Riverside].sales }}\n\n## After the example\n\n(Write this section.)\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("new index.md lacks %q:\n%s", want, page)
		}
	}
	for _, bad := range []string{"# not a heading", "#标签", "type = \"bar\"\n```\n\n"} {
		if strings.Contains(page, bad) {
			t.Errorf("new index.md holds %q:\n%s", bad, page)
		}
	}
}

// A TOML dataset comes back with its key order as columns and no rows, as
// a CSV keeps its header, and the new edition builds with it.
func TestNewEditionKeepsTOMLColumns(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	prev := filepath.Join(dir, "content", "editions", "2024-02")
	writeFile(t, filepath.Join(prev, "targets.toml"), "# Targets by branch\n[[branch]]\nname = \"North\"\ntarget = 120\nopened = 2019-05-01\n\n[[branch]]\nname = \"South\"\ntarget = 80.5\nnote = \"new\"\n")
	if _, err := scaffold.NewEdition(dir, "2024-03"); err != nil {
		t.Fatal(err)
	}
	next := filepath.Join(dir, "content", "editions", "2024-03")
	tab, err := dataset.ReadFile(next, "targets.toml", dataset.Decl{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range tab.Columns {
		names = append(names, c.Name)
	}
	if want := []string{"name", "target", "opened", "note"}; !slices.Equal(names, want) {
		t.Errorf("columns %q, want %q", names, want)
	}
	if n := len(tab.Line); n != 0 {
		t.Errorf("%d rows, want none", n)
	}
	csv, err := os.ReadFile(filepath.Join(prev, "branches.csv"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(next, "branches.csv"), string(csv))
	if _, err := build.Run(build.Options{Source: dir, Drafts: true}); err != nil {
		t.Errorf("the new edition does not build: %v", err)
	}
}

type orderRow struct {
	Region string  `parquet:"region"`
	Amount float64 `parquet:"amount"`
	Day    int32   `parquet:"order_date,date"`
	Paid   bool    `parquet:"paid"`
}

// A Parquet export comes back as a file of the same schema and no rows, so
// its columns keep their names and types for the next month's export.
func TestNewEditionKeepsParquetSchema(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := parquet.Write(&b, []orderRow{{"North", 12.5, 19000, true}, {"South", 8, 19001, false}}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content", "editions", "2024-02", "orders.parquet"), b.String())
	created, err := scaffold.NewEdition(dir, "2024-03")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(created, "content/editions/2024-03/orders.parquet") {
		t.Fatalf("created %q, no orders.parquet", created)
	}
	tab, err := dataset.ReadFile(filepath.Join(dir, "content", "editions", "2024-03"), "orders.parquet", dataset.Decl{})
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range tab.Columns {
		cols = append(cols, c.Name+":"+c.Type.String())
	}
	if want := []string{"region:string", "amount:float", "order_date:date", "paid:bool"}; !slices.Equal(cols, want) || len(tab.Line) != 0 {
		t.Errorf("columns %q and %d rows, want %q and none", cols, len(tab.Line), want)
	}
}
