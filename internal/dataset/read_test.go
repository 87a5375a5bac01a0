package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadNameAndFile(t *testing.T) {
	fsys := fstest.MapFS{"content/editions/2022-03/accounts.CSV": {Data: []byte("a\n1\n")}}
	tb, err := Read(fsys, "content/editions/2022-03/accounts.CSV", Decl{})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Name != "accounts" || tb.File != "content/editions/2022-03/accounts.CSV" || tb.Len() != 1 {
		t.Errorf("Name %q, File %q, Len %d", tb.Name, tb.File, tb.Len())
	}
}

func TestReadErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"data/a.csv": {Data: []byte("a\n1\n")},
		"data/a.xls": {Data: []byte("x")},
		"data/a.txt": {Data: []byte("x")},
	}
	tests := []struct {
		file string
		decl Decl
		err  string
	}{
		{"../secret.csv", Decl{}, "../secret.csv: the path leaves the site folder (dataset files must be inside the site folder)"},
		{"data/../../secret.csv", Decl{}, "data/../../secret.csv: the path leaves the site folder (dataset files must be inside the site folder)"},
		{"/etc/passwd.csv", Decl{}, "/etc/passwd.csv: the path leaves the site folder (dataset files must be inside the site folder)"},
		{".", Decl{}, ".: the path leaves the site folder (dataset files must be inside the site folder)"},
		{"data/missing.csv", Decl{}, "data/missing.csv: file not found"},
		{"data/a.xls", Decl{}, `data/a.xls: unsupported dataset format ".xls" (save it from Excel as .xlsx or .csv)`},
		{"data/a.txt", Decl{}, `data/a.txt: unsupported dataset format ".txt" (use .csv, .json, .toml, .xlsx or .parquet)`},
		{"data/a.csv", Decl{Columns: map[string]string{"a": "integer", "b": "dates"}, Encoding: "big5"},
			"data/a.csv: column \"a\" is declared as \"integer\", which is not a type (use int, float, date, bool or string)\n" +
				"data/a.csv: column \"b\" is declared as \"dates\", which is not a type (did you mean \"date\"?)\n" +
				"data/a.csv: encoding \"big5\" is not supported (use \"utf-8\", \"gb18030\" or \"gbk\")"},
	}
	for _, tt := range tests {
		tb, err := Read(fsys, tt.file, tt.decl)
		if err == nil || err.Error() != tt.err {
			t.Errorf("Read(%q):\n%v\nwant:\n%s", tt.file, err, tt.err)
		}
		if tb != nil {
			t.Errorf("Read(%q) returned a table with an error", tt.file)
		}
	}
}

func TestReadDirectoryNamedLikeAFile(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "x.csv"), 0o755))
	_, err := Read(os.DirFS(dir), "x.csv", Decl{})
	if err == nil || err.Error() != "x.csv: is a folder, not a dataset file" {
		t.Errorf("got %v", err)
	}
}

func TestValidate(t *testing.T) {
	if err := (Decl{Key: []string{"k"}, Columns: map[string]string{"a": "int", "b": "float", "c": "date", "d": "bool", "e": "string"}, Encoding: "GBK"}).Validate(); err != nil {
		t.Errorf("valid declaration: %v", err)
	}
	err := Decl{Columns: map[string]string{"x": "Int"}}.Validate()
	if err == nil || err.Error() != `column "x" is declared as "Int", which is not a type (did you mean "int"?)` {
		t.Errorf("got %v", err)
	}
}

func TestCheckInside(t *testing.T) {
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("a\n1\n"), 0o644))
	site := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(site, "content", "data"), 0o755))
	must(t, os.WriteFile(filepath.Join(site, "content", "data", "ok.csv"), []byte("a\n1\n"), 0o644))
	must(t, os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(site, "content", "data", "leak.csv")))
	must(t, os.Symlink(outside, filepath.Join(site, "content", "linked")))
	must(t, os.Symlink("ok.csv", filepath.Join(site, "content", "data", "alias.csv")))
	// The site folder itself may be reached through a link.
	linkedSite := filepath.Join(t.TempDir(), "site")
	must(t, os.Symlink(site, linkedSite))

	realOutside, err := filepath.EvalSymlinks(outside)
	must(t, err)
	realOutside = filepath.ToSlash(realOutside)
	tests := []struct {
		root, file, err string
	}{
		{site, "content/data/ok.csv", ""},
		{site, "content/data/alias.csv", ""},
		{linkedSite, "content/data/ok.csv", ""},
		{site, "content/data/leak.csv", "content/data/leak.csv: the file is a link to " + realOutside + "/secret.csv, outside the site folder (copy the file into the site folder instead of linking to it)"},
		{linkedSite, "content/linked/secret.csv", "content/linked/secret.csv: the file is a link to " + realOutside + "/secret.csv, outside the site folder (copy the file into the site folder instead of linking to it)"},
		{site, "content/data/none.csv", "content/data/none.csv: file not found"},
		{site, "../x.csv", "../x.csv: the path leaves the site folder (dataset files must be inside the site folder)"},
	}
	for _, tt := range tests {
		err := CheckInside(tt.root, tt.file)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("CheckInside(%q):\n%s\nwant:\n%s", tt.file, got, tt.err)
		}
	}

	tb, err := ReadFile(site, "content/data/alias.csv", Decl{})
	if err != nil || tb.Name != "alias" || tb.Len() != 1 {
		t.Errorf("ReadFile alias: %v", err)
	}
	if _, err := ReadFile(site, "content/data/leak.csv", Decl{}); err == nil || !strings.Contains(err.Error(), "outside the site folder") {
		t.Errorf("ReadFile leak: %v", err)
	}
}
