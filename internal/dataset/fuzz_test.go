package dataset

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// checkTable checks what every table Read returns must satisfy.
func checkTable(t *testing.T, tb *Table, err error) {
	t.Helper()
	if err != nil {
		if tb != nil {
			t.Fatal("a table along with an error")
		}
		if err.Error() == "" {
			t.Fatal("an empty error")
		}
		return
	}
	for _, c := range tb.Columns {
		if c.Len() != len(tb.Line) {
			t.Fatalf("column %q has %d values for %d lines", c.Name, c.Len(), len(tb.Line))
		}
		if c.Type == String && len(c.Str) != c.Len() || c.Type != String && len(c.Num) != c.Len() {
			t.Fatalf("column %q: storage does not match its type %v", c.Name, c.Type)
		}
		if c.Name == "" {
			t.Fatal("a column without a name")
		}
		for i := 0; i < c.Len(); i++ {
			if c.Type == String && !utf8.ValidString(c.Str[i]) {
				t.Fatalf("column %q row %d: invalid UTF-8 %q", c.Name, i, c.Str[i])
			}
			c.Text(i)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n",
		"\ufeffdate,bank,n\r\n2022-03-01,\"招,商\",\"1,234\"\r\n",
		"a\n\"x\ny\"\n",
		"a,b\n\"x\"\"\",12.5%\n,\n",
		"a\n\"unterminated\n",
		"a,a,\n1,2,3\n",
		"\xd2\xf8\xd0\xd0,n\n\xd5\xd0\xc9\xcc,1\n",
		"x\n2022年3月1日\n2022/3/1 9:05\n",
		"a,b,c\n\"$1,234\",(12),US$ 5\n¥5,\"1,234 元\",-$3\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithEncodingCSV(t, string(data))
		fsys := fstest.MapFS{"d.csv": {Data: data}}
		tb, err := Read(fsys, "d.csv", Decl{})
		checkTable(t, tb, err)
		if err == nil && len(tb.Columns) > 0 {
			// Declaring the inferred types must read the file the same way.
			decl := Decl{Columns: map[string]string{}}
			for _, c := range tb.Columns {
				decl.Columns[c.Name] = c.Type.String()
			}
			tb2, err := Read(fsys, "d.csv", decl)
			if err != nil {
				t.Fatalf("declaring the inferred types: %v", err)
			}
			if dump(tb2) != dump(tb) {
				t.Fatalf("declared:\n%s\ninferred:\n%s", dump(tb2), dump(tb))
			}
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`[{"a": 1, "b": "x"}, {"b": null, "c": true}]`,
		`[{"a": {"b": 1}}]`,
		`[1, [2], {"a": "2022-03"}]`,
		`{"a": 1}`,
		`[{"a": 1e400}]`,
		`[{"a": "1", "a": 2}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Read(fstest.MapFS{"d.json": {Data: data}}, "d.json", Decl{})
		checkTable(t, tb, err)
	})
}

func FuzzReadTOML(f *testing.F) {
	for _, s := range []string{
		"[[rows]]\na = 1\nb = \"x\"\n[[rows]]\nc = 2022-03-01\n",
		"rows = [{a = 1}, {a = 2.0}]\n",
		"[[r]]\na = nan\nb = [1]\nc = 07:00:00\n",
		"a = 1\n",
		"[[r]]\ns = '''\n[[r]]\n'''\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Read(fstest.MapFS{"d.toml": {Data: data}}, "d.toml", Decl{})
		checkTable(t, tb, err)
	})
}

// TestDeclaredMatchesInferred checks on a fixed file what FuzzReadCSV checks
// on random ones.
func TestDeclaredMatchesInferred(t *testing.T) {
	data := "i,f,d,b,s\n1,1.5,2022-03-01,true,x\n\"2,000\",50%,2022/3/2,FALSE,\n"
	fsys := fstest.MapFS{"d.csv": {Data: []byte(data)}}
	tb, err := Read(fsys, "d.csv", Decl{})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	decl := Decl{Columns: map[string]string{}}
	for _, c := range tb.Columns {
		types = append(types, c.Type.String())
		decl.Columns[c.Name] = c.Type.String()
	}
	if got := strings.Join(types, " "); got != "int float date bool string" {
		t.Fatalf("types %s", got)
	}
	tb2, err := Read(fsys, "d.csv", decl)
	if err != nil || dump(tb2) != dump(tb) {
		t.Fatalf("declared: %v\n%s\ninferred:\n%s", err, dump(tb2), dump(tb))
	}
}

// FuzzReadXLSX reads mutated workbooks: a real one as the seed, so the
// mutations reach past the zip container into the sheet XML.
func FuzzReadXLSX(f *testing.F) {
	seed := workbook(&testing.T{}, "Sheet1", func(x *excelize.File) {
		for i, row := range [][]any{{"bank", "followers", "date"}, {"微众银行", 3126000, "2022-03-03"}, {"招商银行", 2680000, ""}} {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			_ = x.SetSheetRow("Sheet1", cell, &row)
		}
	})
	f.Add([]byte(seed))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"content/data/x.xlsx": {Data: data}}
		tb, err := Read(fsys, "content/data/x.xlsx", Decl{})
		checkTable(t, tb, err)
	})
}
