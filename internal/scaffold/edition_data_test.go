package scaffold_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/scaffold"
)

// A new edition keeps each dataset's columns in the form its reader
// takes: the declared sheet of a workbook with its header where it was,
// and a JSON array whose one row names the columns. The new edition builds.
func TestNewEditionKeepsColumns(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	appendFile(t, filepath.Join(dir, "site.toml"), "\n[datasets.targets]\nsheet = \"Data\"\n")
	prev := filepath.Join(dir, "content", "editions", "2024-02")
	writeFile(t, filepath.Join(prev, "regions.json"), `[{"region": "North", "sales": 120}, {"region": "South", "sales": 80, "note": "new"}]`)
	writeWorkbook(t, filepath.Join(prev, "targets.xlsx"))
	appendFile(t, filepath.Join(prev, "index.md"), "\n## Regions\n\n```table\ndata = \"regions\"\ncolumns = [\"region\", \"sales\", \"note\"]\n```\n\n"+
		"```table\ndata = \"targets\"\ncolumns = [\"branch\", \"target\"]\n```\n")

	if _, err := scaffold.NewEdition(dir, "2024-03"); err != nil {
		t.Fatal(err)
	}
	next := filepath.Join(dir, "content", "editions", "2024-03")
	for file, decl := range map[string]dataset.Decl{
		"regions.json": {},
		"targets.xlsx": {Sheet: "Data"},
	} {
		tab, err := dataset.ReadFile(next, file, decl)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		var names []string
		for _, c := range tab.Columns {
			names = append(names, c.Name)
		}
		want := map[string][]string{"regions.json": {"region", "sales", "note"}, "targets.xlsx": {"branch", "target"}}[file]
		if !slices.Equal(names, want) {
			t.Errorf("%s: columns %q, want %q", file, names, want)
		}
	}
	// The month's data goes into the files as they are.
	csv, err := os.ReadFile(filepath.Join(prev, "branches.csv"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(next, "branches.csv"), string(csv))
	writeFile(t, filepath.Join(next, "regions.json"), `[{"region": "North", "sales": 130, "note": null}]`)
	wb, err := excelize.OpenFile(filepath.Join(next, "targets.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := wb.SetSheetRow("Data", "A4", &[]any{"Riverside", 420}); err != nil {
		t.Fatal(err)
	}
	if err := wb.Save(); err != nil {
		t.Fatal(err)
	}
	wb.Close()
	if _, err := build.Run(build.Options{Source: dir, Drafts: true}); err != nil {
		t.Errorf("the new edition does not build: %v", err)
	}
}

// writeWorkbook writes a workbook whose first sheet is a cover and whose
// "Data" sheet has a title row, a blank row and the header on row 3.
func writeWorkbook(t *testing.T, name string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Cover"))
	must(f.SetCellValue("Cover", "A1", "Targets for the quarter"))
	_, err := f.NewSheet("Data")
	must(err)
	must(f.SetSheetRow("Data", "A3", &[]any{"branch", "target"}))
	must(f.SetSheetRow("Data", "A4", &[]any{"Riverside", 400}))
	must(f.SaveAs(name))
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// A CSV saved as "CSV UTF-8" (with a byte order mark) is read as UTF-8
// whatever encoding site.toml declares; the new edition's copy of its
// header reads back the same.
func TestNewEditionKeepsABOMHeader(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	appendFile(t, filepath.Join(dir, "site.toml"), "\n[datasets.ledger]\nencoding = \"gbk\"\n")
	prev := filepath.Join(dir, "content", "editions", "2024-02")
	writeFile(t, filepath.Join(prev, "ledger.csv"), "\ufeff分行,客户数\n北京,120\n")
	if _, err := scaffold.NewEdition(dir, "2024-03"); err != nil {
		t.Fatal(err)
	}
	decl := dataset.Decl{Encoding: "gbk"}
	tab, err := dataset.ReadFile(filepath.Join(dir, "content", "editions", "2024-03"), "ledger.csv", decl)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range tab.Columns {
		names = append(names, c.Name)
	}
	if want := []string{"分行", "客户数"}; !slices.Equal(names, want) {
		t.Errorf("columns %q, want %q", names, want)
	}
}
