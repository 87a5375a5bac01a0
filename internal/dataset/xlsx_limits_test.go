package dataset

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"
)

// lowerXLSXLimits sets the workbook limits for one test.
func lowerXLSXLimits(t *testing.T, l xlsxBounds) {
	t.Helper()
	old := xlsxLimits
	xlsxLimits = l
	t.Cleanup(func() { xlsxLimits = old })
}

// sheetXML puts rows (XML) into the first sheet of a new workbook.
func sheetXML(t *testing.T, rows string) string {
	t.Helper()
	base := workbook(t, "Sheet1", func(*excelize.File) {})
	return rewriteZip(t, base, "xl/worksheets/sheet1.xml", "<sheetData></sheetData>", "<sheetData>"+rows+"</sheetData>")
}

func TestReadXLSXLimits(t *testing.T) {
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>`
	var numbered, unnumbered strings.Builder
	for i := 2; i <= 201; i++ {
		fmt.Fprintf(&numbered, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>2</v></c></row>`, i, i, i, i)
		fmt.Fprintf(&unnumbered, `<row><c><v>%d</v></c><c><v>2</v></c></row>`, i)
	}
	huge := `<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("x", 2<<20) + `</t></is></c></row>`
	long := `<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("x", 40_000) + `</t></is></c></row>`
	generous := xlsxLimits
	tests := []struct {
		name   string
		bounds xlsxBounds
		rows   string
		want   string
	}{
		{"expanded size", xlsxBounds{expanded: 1 << 20, cells: generous.cells, unnumberedRows: generous.unnumberedRows, time: time.Minute},
			header + huge,
			"x.xlsx: the workbook unzips to more than 1 MB (a workbook may hold at most 1 MB of XML; save the sheet as CSV, which has no such limit)"},
		{"cells", xlsxBounds{expanded: generous.expanded, cells: 300, unnumberedRows: generous.unnumberedRows, time: time.Minute},
			header + numbered.String(),
			"x.xlsx: xl/worksheets/sheet1.xml holds more than 300 cells (save the sheet as CSV, which has no such limit)"},
		{"rows without numbers", xlsxBounds{expanded: generous.expanded, cells: generous.cells, unnumberedRows: 100, time: time.Minute},
			header + unnumbered.String(),
			"x.xlsx: xl/worksheets/sheet1.xml has more than 100 rows without a row number (r=) (open the file in Excel and save it again, or save the sheet as CSV)"},
		{"time", xlsxBounds{expanded: generous.expanded, cells: generous.cells, unnumberedRows: generous.unnumberedRows, time: 0},
			header + numbered.String(),
			"x.xlsx:2: reading the workbook took longer than 0s, so it was stopped (save the sheet as CSV, which reads faster)"},
		{"a cell far longer than Excel allows, before decoding", generous, header + huge,
			"x.xlsx: xl/worksheets/sheet1.xml holds a cell longer than the 32767 characters Excel allows (shorten the cell in Excel)"},
		{"a cell longer than Excel allows", generous, header + long,
			`x.xlsx:2: row 1, column "a": the cell holds 40000 characters, more than the 32767 Excel allows in a cell`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lowerXLSXLimits(t, tt.bounds)
			fsys := fstest.MapFS{"x.xlsx": {Data: []byte(sheetXML(t, tt.rows))}}
			_, err := Read(fsys, "x.xlsx", Decl{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %.300v\nwant %s", err, tt.want)
			}
		})
	}
	// Within the limits, rows without numbers read as the rows they follow.
	fsys := fstest.MapFS{"x.xlsx": {Data: []byte(sheetXML(t, header+unnumbered.String()))}}
	tb, err := Read(fsys, "x.xlsx", Decl{})
	if err != nil || len(tb.Line) != 200 || tb.Line[199] != 201 {
		t.Fatalf("err %v, table %v", err, tb)
	}
}

// Workbook parts are kept in memory: excelize would otherwise unzip large
// parts into the temporary folder, where they stay if the build is killed.
func TestXLSXNoTempFiles(t *testing.T) {
	o := xlsxOptions()
	if o.UnzipXMLSizeLimit < o.UnzipSizeLimit || o.UnzipSizeLimit != xlsxLimits.expanded {
		t.Errorf("options %+v let parts spill to temporary files", o)
	}
}
