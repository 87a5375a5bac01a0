package dataset

import (
	"os"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Amounts pasted from Excel keep their currency marks, thousands
// separators and accounting brackets; a column whose every cell is such an
// amount (in one currency) reads as numbers, and codes stay text.
func TestReadMoneyCSV(t *testing.T) {
	tb, err := ReadFile("testdata/money", "amounts.csv", Decl{})
	checkRead(t, tb, err, `branch:string "北京分行" "上海分行" "深圳分行"
account:string "001234" "004567" "007890"
deposits:float 1234567 2000000.75 -300
loans:int 1234 1234 1234
change:float -12000 -500 -1500.5
fee:float 12.5 3 ∅
share:float 0.125 0.08 ∅
lines [2 3 4]`, "")
}

// A column that mixes currencies cannot be summed: the first cell in
// another currency is named, with why.
func TestReadMoneyMixed(t *testing.T) {
	_, err := ReadFile("testdata/money", "mixed.csv", Decl{})
	want := `mixed.csv:3: row 2, column "amount": "HK$3,400" is in HK$, but row 1 is in $ (a column holds amounts in one currency: convert them, give each currency a column of its own, or declare the column as "string")
mixed.csv:4: row 3, column "amount": "€5,600" is in €, but row 1 is in $ (a column holds amounts in one currency: convert them, give each currency a column of its own, or declare the column as "string")`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
}

// Cells one by one: declared number columns take amounts too, and what
// would be a guess stays text.
func TestReadMoneyCells(t *testing.T) {
	runReadCases(t, "a.csv", []readCase{
		{name: "float", data: "x\n\"$1,234.5\"\n(7)\n", decl: Decl{Columns: map[string]string{"x": "float"}},
			want: "x:float 1234.5 -7\nlines [2 3]"},
		{name: "int", data: "x\n\"RMB 1,234\"\n\"(2,000)\"\n", decl: Decl{Columns: map[string]string{"x": "int"}},
			want: "x:int 1234 -2000\nlines [2 3]"},
		{name: "string keeps the text", data: "x\n$5\n", decl: Decl{Columns: map[string]string{"x": "string"}},
			want: "x:string \"$5\"\nlines [2]"},
		{name: "a dot before three digits is ambiguous", data: "x\n€1.234\n€2\n",
			want: "x:string \"€1.234\" \"€2\"\nlines [2 3]"},
		{name: "words around an amount are text", data: "x\n$5 fee\n$6\n",
			want: "x:string \"$5 fee\" \"$6\"\nlines [2 3]"},
		{name: "percent with a currency is text", data: "x\n$5%\n",
			want: "x:string \"$5%\"\nlines [2]"},
		{name: "codes with a leading zero stay text", data: "x\n(0123)\n$007\n",
			want: "x:string \"(0123)\" \"$007\"\nlines [2 3]"},
		{name: "currencies mix freely in a text column", data: "x\n$1\nHK$2\nabout €3\n",
			want: "x:string \"$1\" \"HK$2\" \"about €3\"\nlines [2 3 4]"},
		{name: "two signs are text", data: "x\n(-5)\n-(5)\n",
			want: "x:string \"(-5)\" \"-(5)\"\nlines [2 3]"},
	})
}

// An XLSX sheet whose amounts were pasted as text reads them as numbers;
// cells stored as numbers with a currency format already were.
func TestReadMoneyXLSX(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File) {
		must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"bank", "balance", "change"}))
		must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"HSBC", "$1,234,567", "(12,000)"}))
		must(t, f.SetSheetRow("Sheet1", "A3", &[]any{"BOC", "$89.50", "¥3,400"}))
	})
	dir := t.TempDir()
	must(t, os.WriteFile(dir+"/book.xlsx", []byte(data), 0o644))
	tb, err := ReadFile(dir, "book.xlsx", Decl{})
	checkRead(t, tb, err, `bank:string "HSBC" "BOC"
balance:float 1234567 89.5
change:int -12000 3400
lines [2 3]`, "")
}
