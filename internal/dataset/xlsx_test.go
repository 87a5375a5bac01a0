package dataset

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook builds an XLSX file: fill gets the new file, whose first sheet
// is named first.
func workbook(t *testing.T, first string, fill func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if first != "Sheet1" {
		if err := f.SetSheetName("Sheet1", first); err != nil {
			t.Fatal(err)
		}
	}
	fill(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// rewriteZip replaces old with new in one file of a zip archive.
func rewriteZip(t *testing.T, data, name, old, new string) string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	must(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		if f.Name == name {
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s does not contain %q:\n%s", name, old, b)
			}
			b = bytes.Replace(b, []byte(old), []byte(new), 1)
			found = true
		}
		w, err := zw.Create(f.Name)
		must(t, err)
		_, err = w.Write(b)
		must(t, err)
	}
	must(t, zw.Close())
	if !found {
		t.Fatalf("no %s in the archive", name)
	}
	return out.String()
}

func TestReadXLSX(t *testing.T) {
	accounts := workbook(t, "月报", func(f *excelize.File) {
		s := "月报"
		must(t, f.SetSheetRow(s, "A1", &[]any{"月份", "银行", "粉丝", "占比", "认证", "备注", "更新"}))
		monthStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: new(`yyyy"年"m"月"`)})
		must(t, err)
		pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10})
		must(t, err)
		dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(t, err)
		thousands, err := f.NewStyle(&excelize.Style{NumFmt: 3})
		must(t, err)
		rows := []struct {
			month   float64
			bank    string
			fans    any
			share   float64
			ok      bool
			note    string
			updated any
		}{
			{44621, "微众银行", 2150000, 0.125, true, "", time.Date(2022, 3, 31, 0, 0, 0, 0, time.UTC)},
			{44621, "招商银行", "1,980,000", 0.1, false, "备注", time.Date(2022, 3, 31, 18, 30, 0, 0, time.UTC)},
			{44652, " 网商银行 ", 2010000.0, 0.0625, true, "", nil},
		}
		for i, r := range rows {
			row := i + 2
			if i == 2 {
				row = 5 // rows 4 is blank
			}
			cell := func(col string) string { c, _ := excelize.JoinCellName(col, row); return c }
			must(t, f.SetCellFloat(s, cell("A"), r.month, -1, 64))
			must(t, f.SetCellStyle(s, cell("A"), cell("A"), monthStyle))
			must(t, f.SetCellStr(s, cell("B"), r.bank))
			must(t, f.SetCellValue(s, cell("C"), r.fans))
			must(t, f.SetCellStyle(s, cell("C"), cell("C"), thousands))
			must(t, f.SetCellFloat(s, cell("D"), r.share, -1, 64))
			must(t, f.SetCellStyle(s, cell("D"), cell("D"), pctStyle))
			must(t, f.SetCellBool(s, cell("E"), r.ok))
			if r.note != "" {
				must(t, f.SetCellStr(s, cell("F"), r.note))
			}
			if r.updated != nil {
				must(t, f.SetCellValue(s, cell("G"), r.updated))
				if i == 0 {
					must(t, f.SetCellStyle(s, cell("G"), cell("G"), dateStyle))
				}
			}
		}
		_, err = f.NewSheet("第二页")
		must(t, err)
		must(t, f.SetSheetRow("第二页", "A1", &[]any{"名称", "数值"}))
		must(t, f.SetSheetRow("第二页", "A2", &[]any{"甲", 1.5}))
	})
	const accountsWant = `月份:date 2022-03-01 2022-03-01 2022-04-01
银行:string "微众银行" "招商银行" "网商银行"
粉丝:int 2150000 1980000 2010000
占比:float 0.125 0.1 0.0625
认证:bool true false true
备注:string ∅ "备注" ∅
更新:date 2022-03-31 2022-03-31T18:30:00 ∅
lines [2 3 5]`

	offset := workbook(t, "Sheet1", func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "B3", &[]any{"name", "n"}))
		must(t, f.SetSheetRow("Sheet1", "B4", &[]any{"a", 1}))
		must(t, f.SetSheetRow("Sheet1", "B5", &[]any{"b", "12万"}))
		must(t, f.SetSheetRow("Sheet1", "B6", &[]any{"c", 3, nil, "stray"}))
	})
	divZero := rewriteZip(t, workbook(t, "Sheet1", func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"bank", "ratio"}))
		must(t, f.SetCellStr("Sheet1", "A2", "x"))
		must(t, f.SetCellFormula("Sheet1", "B2", "1/0"))
	}), "xl/worksheets/sheet1.xml", `<c r="B2" t="str"><f>1/0</f></c>`, `<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
	named := workbook(t, "Data", func(f *excelize.File) {
		_, err := f.NewSheet("Summary")
		must(t, err)
	})

	cases := []readCase{
		{name: "first sheet", data: accounts, want: accountsWant},
		{name: "named sheet", data: accounts, decl: Decl{Sheet: "第二页"}, want: "名称:string \"甲\"\n数值:float 1.5\nlines [2]"},
		{name: "header below blank rows, stray value",
			data: offset,
			err:  "content/data/t.xlsx:3: column E has values but no name in the header row (name it in the header row, or delete the column)"},
		{name: "declared column with a bad cell",
			data: offset,
			decl: Decl{Columns: map[string]string{"n": "int"}},
			err: "content/data/t.xlsx:3: column E has values but no name in the header row (name it in the header row, or delete the column)\n" +
				"content/data/t.xlsx:5: row 2, column \"n\": \"12万\" is not an int (write a plain number such as 120000)"},
		{name: "error cell", data: divZero,
			err: "content/data/t.xlsx:2: row 1, column \"ratio\": cell B2 holds the error #DIV/0! (fix the formula in Excel, or clear the cell)"},
		{name: "missing sheet, close name", data: named, decl: Decl{Sheet: "Date"},
			err: `content/data/t.xlsx: the workbook has no sheet "Date" (did you mean "Data"?)`},
		{name: "missing sheet", data: accounts, decl: Decl{Sheet: "Sheet3"},
			err: `content/data/t.xlsx: the workbook has no sheet "Sheet3" (its sheets are "月报", "第二页")`},
		{name: "empty sheet", data: named,
			err: `content/data/t.xlsx: sheet "Data" is empty (put a header row of column names at the top)`},
		{name: "not a workbook", data: "a,b\n1,2\n",
			err: "content/data/t.xlsx: cannot open the workbook: zip: not a valid zip file (save it again from Excel as .xlsx)"},
	}
	runReadCases(t, "content/data/t.xlsx", cases)
}

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"yyyy-mm-dd", true},
		{`yyyy"年"m"月"d"日"`, true},
		{"[$-804]yyyy/m/d", true},
		{"h:mm:ss", true},
		{"[h]:mm", true},
		{"mmm", true},
		{"General", false},
		{"0.00%", false},
		{"#,##0", false},
		{`#,##0" 人"`, false},
		{`0.0"days"`, false},
		{"0.00E+00", false},
		{"[Red]#,##0;[Blue]-#,##0", false},
		{`#,##0;-#,##0;"-";@`, false},
		{`\d0`, false},
		{"@", false},
	}
	for _, tt := range tests {
		if got := isDateFormat(tt.code); got != tt.want {
			t.Errorf("isDateFormat(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	for id, want := range map[int]bool{0: false, 3: false, 10: false, 14: true, 22: true, 31: true, 49: false, 57: true} {
		if got := builtinDateFormat(id); got != want {
			t.Errorf("builtinDateFormat(%d) = %v, want %v", id, got, want)
		}
	}
}

func TestNumText(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{120000, "120000"},
		{-3, "-3"},
		{0.125, "0.125"},
		{1e16, "1e+16"},
		{9007199254740992, "9007199254740992"},
	}
	for _, tt := range tests {
		if got := numText(tt.v); got != tt.want {
			t.Errorf("numText(%v) = %q, want %q", tt.v, got, tt.want)
		}
		if k, v, _ := kind(numText(tt.v)); !k.Numeric() || v != tt.v {
			t.Errorf("numText(%v) reads back as %v %v", tt.v, k, v)
		}
	}
}

// A formula Excel never calculated (a workbook written by a program) has
// no value saved with it: its cell is an error naming it, not a silent null.
func TestReadXLSXFormulaWithoutValue(t *testing.T) {
	data := workbook(t, "数据", func(f *excelize.File) {
		must(t, f.SetSheetRow("数据", "A1", &[]any{"bank", "fans", "double"}))
		must(t, f.SetSheetRow("数据", "A2", &[]any{"招商银行", 120}))
		must(t, f.SetCellFormula("数据", "C2", "B2*2"))
		must(t, f.SetSheetRow("数据", "A3", &[]any{"工商银行", 90, 180}))
		must(t, f.SetCellFormula("数据", "A4", `"建设"&"银行"`))
		must(t, f.SetCellFormula("数据", "B4", "B3+1"))
	})
	tb, err := Read(fstest.MapFS{"book.xlsx": {Data: []byte(data)}}, "book.xlsx", Decl{})
	hint := "open the workbook in Excel and save it, so the formula's value is saved with it, or save the sheet as CSV"
	want := `book.xlsx:2: row 1, column "double": cell 数据!C2 holds a formula, B2*2, whose value was never saved (` + hint + `)
book.xlsx:4: row 3, column "bank": cell 数据!A4 holds a formula, "建设"&"银行", whose value was never saved (` + hint + `)
book.xlsx:4: row 3, column "fans": cell 数据!B4 holds a formula, B3+1, whose value was never saved (` + hint + `)`
	checkRead(t, tb, err, "", want)
}

// A formula whose value was never saved in another sheet says nothing
// about the sheet read: its formula at the same cell has its value saved.
func TestReadXLSXFormulaUnsavedInAnotherSheet(t *testing.T) {
	data := workbook(t, "草稿", func(f *excelize.File) {
		must(t, f.SetCellFormula("草稿", "C2", "B2*2")) // no saved value
		_, err := f.NewSheet("数据")
		must(t, err)
		must(t, f.SetSheetRow("数据", "A1", &[]any{"bank", "fans", "double"}))
		must(t, f.SetSheetRow("数据", "A2", &[]any{"招商银行", 120, 240}))
		must(t, f.SetCellFormula("数据", "C2", "B2*2")) // keeps the saved 240
	})
	tb, err := Read(fstest.MapFS{"book.xlsx": {Data: []byte(data)}}, "book.xlsx", Decl{Sheet: "数据"})
	checkRead(t, tb, err, `bank:string "招商银行"
fans:int 120
double:int 240
lines [2]`, "")
}
