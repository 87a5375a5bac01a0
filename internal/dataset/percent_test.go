package dataset

import (
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"
)

// A column whose numbers were all written as percentages keeps the format
// they were written in, so blocks can show 0.215 as 21.5% by default.
func TestPercentColumnsKeepTheirFormat(t *testing.T) {
	csv := "name,whole,one,two,three,mixed,plain,blank\n" +
		"a,21%,21.5%,1.25%,1.255 %,21%,0.21,\n" +
		"b,3%,3%,4%,4%,0.03,0.5,\n" +
		"c,,,,,,,\n"
	fsys := fstest.MapFS{"d.csv": &fstest.MapFile{Data: []byte(csv)}}
	tab, err := Read(fsys, "d.csv", Decl{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"name": "", "whole": "0%", "one": "0.0%", "two": "0.00%", "three": "0.00%", "mixed": "", "plain": "", "blank": ""}
	for name, f := range want {
		if got := tab.Column(name).Format; got != f {
			t.Errorf("%s: format %q, want %q", name, got, f)
		}
	}
	if v := tab.Column("one").Num[0]; v != 0.215 {
		t.Errorf("21.5%% read as %v", v)
	}
	declared, err := Read(fsys, "d.csv", Decl{Columns: map[string]string{"whole": "float", "plain": "float"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := declared.Column("whole").Format; got != "0%" {
		t.Errorf("declared float of percentages: format %q", got)
	}
	if got := declared.Column("plain").Format; got != "" {
		t.Errorf("declared float of fractions: format %q", got)
	}
}

func TestPercentText(t *testing.T) {
	for v, want := range map[float64]string{
		0.215: "21.5%", 1: "100%", 0.05: "5%", -0.1: "-10%", 0: "0%", 0.0001: "0.01%", 12.5: "1250%", 0.123456789: "12.3456789%",
	} {
		got := percentText(v)
		if got != want {
			t.Errorf("percentText(%v) = %q, want %q", v, got, want)
		}
		if back, _, ok := scanNumber(got); !ok || back != v {
			t.Errorf("%q reads back as %v, %v", got, back, ok)
		}
	}
}

func TestIsPercentFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"0.0%": true, `0.00%;[Red]-0.00%`: true, `0"%"`: false, `0\%`: false, "0.00": false, `0;-0;0%`: false, `#,##0" 万"`: false,
	} {
		if got := isPercentFormat(code); got != want {
			t.Errorf("isPercentFormat(%q) = %v", code, got)
		}
	}
}

// Cells Excel shows as percentages (a percent number format) read as
// the fractions they hold, in a column that keeps a percent format.
func TestXLSXPercentCells(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"shop", "rate", "custom", "plain"}))
		builtin, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		must(t, err)
		custom, err := f.NewStyle(&excelize.Style{CustomNumFmt: new("0.0%")})
		must(t, err)
		for i, v := range []float64{0.215, 0.18} {
			row := strconv.Itoa(i + 2)
			must(t, f.SetCellStr("Sheet1", "A"+row, "s"+row))
			for _, col := range []string{"B", "C", "D"} {
				must(t, f.SetCellFloat("Sheet1", col+row, v, -1, 64))
			}
			must(t, f.SetCellStyle("Sheet1", "B"+row, "B"+row, builtin))
			must(t, f.SetCellStyle("Sheet1", "C"+row, "C"+row, custom))
		}
	})
	tab, err := Read(fstest.MapFS{"t.xlsx": &fstest.MapFile{Data: []byte(data)}}, "t.xlsx", Decl{})
	if err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"rate": "0.0%", "custom": "0.0%", "plain": ""} {
		c := tab.Column(col)
		if c.Format != want || c.Num[0] != 0.215 || c.Num[1] != 0.18 {
			t.Errorf("%s: format %q, values %v", col, c.Format, c.Num)
		}
	}
}

// Percentages written as text in JSON and TOML count as in CSV.
func TestPercentTextInJSONAndTOML(t *testing.T) {
	fsys := fstest.MapFS{
		"d.json": &fstest.MapFile{Data: []byte(`[{"shop": "A", "rate": "21.5%"}, {"shop": "B", "rate": "18%"}]`)},
		"d.toml": &fstest.MapFile{Data: []byte("[[rows]]\nshop = \"A\"\nrate = \"21.5%\"\n[[rows]]\nshop = \"B\"\nrate = 0.18\n")},
	}
	for file, want := range map[string]string{"d.json": "0.0%", "d.toml": ""} {
		tab, err := Read(fsys, file, Decl{})
		if err != nil {
			t.Fatal(err)
		}
		if c := tab.Column("rate"); c.Format != want || c.Num[0] != 0.215 {
			t.Errorf("%s: format %q, values %v", file, c.Format, c.Num)
		}
	}
}
