package dataset

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first sheet of a workbook, or decl.Sheet. The first
// row with a value is the header; each later row is a data row, and its
// line is its row number in Excel. Numbers and dates come from the cells
// themselves (a number whose format is a date format is a date), not from
// how Excel displays them. A formula whose value was never saved is an
// error at its cell.
func readXLSX(fsys fs.FS, file string, decl Decl) (*rawTable, error) {
	data, uncalculated, err := loadWorkbook(fsys, file)
	if err != nil {
		return nil, err
	}
	wb, err := excelize.OpenReader(bytes.NewReader(data), xlsxOptions())
	if err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot open the workbook: %v", err), Hint: "save it again from Excel as .xlsx"}}
	}
	defer wb.Close()
	sheet, err := pickSheet(wb, file, decl.Sheet)
	if err != nil {
		return nil, err
	}
	rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot read sheet %q: %v", sheet, err)}}
	}
	r := &rawTable{file: file, probs: problems{file: file}, colRef: func(j int) string {
		name, _ := excelize.ColumnNumberToName(j + 1)
		return "column " + name
	}}
	h, err := xlsxHeader(r, rows, sheet)
	if err != nil {
		return nil, err
	}
	props, _ := wb.GetWorkbookProps()
	x := &xlsxCells{wb: wb, sheet: sheet, date1904: props.Date1904 != nil && *props.Date1904, styles: map[int]numberShows{}}
	if err := x.addRows(r, rows, h); err != nil {
		return nil, err
	}
	x.reportUncalculated(r, uncalculated, h)
	return r, nil
}

// loadWorkbook reads a workbook's bytes and checks them against the
// limits; it returns the references of formula cells with no saved value.
func loadWorkbook(fsys fs.FS, file string) ([]byte, map[string]bool, error) {
	fh, err := openRegular(fsys, file)
	if err != nil {
		return nil, nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(fh)
	if err != nil {
		return nil, nil, diag.List{{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot read the file: %v", err)}}
	}
	uncalculated, err := checkWorkbook(file, data)
	return data, uncalculated, err
}

// pickSheet returns the sheet to read: the declared one, else the first.
func pickSheet(wb *excelize.File, file, sheet string) (string, error) {
	at := diag.Pos{File: file}
	sheets := wb.GetSheetList()
	switch {
	case len(sheets) == 0:
		return "", diag.List{{Pos: at, Msg: "the workbook has no sheets"}}
	case sheet == "":
		return sheets[0], nil
	case !slices.Contains(sheets, sheet):
		hint := diag.DidYouMean(sheet, sheets)
		if hint == "" {
			quoted := make([]string, len(sheets))
			for i, s := range sheets {
				quoted[i] = strconv.Quote(s)
			}
			hint = "its sheets are " + strings.Join(quoted, ", ")
		}
		return "", diag.List{{Pos: at, Msg: fmt.Sprintf("the workbook has no sheet %q", sheet), Hint: hint}}
	}
	return sheet, nil
}

// xlsxHeader finds the header row, the first with a value, and takes the
// column names from it; it returns the header's index in rows.
func xlsxHeader(r *rawTable, rows [][]string, sheet string) (int, error) {
	h := 0
	for h < len(rows) && allBlank(rows[h]) {
		h++
	}
	if h == len(rows) {
		return 0, diag.List{{Pos: diag.Pos{File: r.file}, Msg: fmt.Sprintf("sheet %q is empty", sheet), Hint: "put a header row of column names at the top"}}
	}
	r.headerLine = h + 1
	for _, name := range rows[h] {
		r.addColumn(trim(name))
	}
	return h, nil
}

// addRows adds the rows after the header h that hold a value, each cell
// turned into its text; it stops when reading takes too long.
func (x *xlsxCells) addRows(r *rawTable, rows [][]string, h int) error {
	var cells []string
	start := time.Now()
	for i := h + 1; i < len(rows); i++ {
		if allBlank(rows[i]) {
			continue
		}
		excelRow, row := i+1, i-h
		if time.Since(start) > xlsxLimits.time {
			return diag.List{{Pos: diag.Pos{File: r.file, Line: excelRow},
				Msg:  fmt.Sprintf("reading the workbook took longer than %v, so it was stopped", xlsxLimits.time),
				Hint: "save the sheet as CSV, which reads faster"}}
		}
		for len(r.names) < len(rows[i]) {
			r.addColumn("")
		}
		cells = cells[:0]
		for c := range r.names {
			v := ""
			if c < len(rows[i]) {
				v = trim(rows[i][c])
			}
			if v != "" {
				if msg, hint := x.check(c+1, excelRow, &v); msg != "" {
					r.probs.add(excelRow, c, hint, "row %d, column %q: %s", row, r.colName(c), msg)
				}
			}
			cells = append(cells, v)
		}
		r.addRow(excelRow, row, cells)
	}
	return nil
}

// uncalculatedHint is the fix for a formula whose value was never saved.
const uncalculatedHint = "open the workbook in Excel and save it, so the formula's value is saved with it, or save the sheet as CSV"

// reportUncalculated reports each cell below the header h that holds a
// formula but no saved value. refs come from all the worksheets, so a ref
// counts only where this sheet holds a formula with no value at it. Such a
// cell would read as empty.
func (x *xlsxCells) reportUncalculated(r *rawTable, refs map[string]bool, h int) {
	for ref := range refs {
		col, excelRow, err := excelize.CellNameToCoordinates(ref)
		if err != nil || excelRow <= h+1 {
			continue
		}
		formula, err := x.wb.GetCellFormula(x.sheet, ref)
		if err != nil || formula == "" {
			continue
		}
		if v, err := x.wb.GetCellValue(x.sheet, ref, excelize.Options{RawCellValue: true}); err != nil || v != "" {
			continue // another sheet's formula at this place; this one's value is saved
		}
		for len(r.names) < col {
			r.addColumn("")
		}
		r.probs.add(excelRow, col-1, uncalculatedHint, "row %d, column %q: cell %s!%s holds a formula, %s, whose value was never saved",
			excelRow-h-1, r.colName(col-1), x.sheet, ref, quoteFormula(formula))
	}
}

// quoteFormula shortens a long formula for a message.
func quoteFormula(f string) string {
	const max = 40
	n := 0
	for i := range f {
		if n == max {
			return f[:i] + "…"
		}
		n++
	}
	return f
}

// colName is column j's name, or its letter when it has none.
func (r *rawTable) colName(j int) string {
	if r.names[j] == "" {
		return r.colRef(j)
	}
	return r.names[j]
}

// xlsxCells turns raw cell values into cell text by the cells' types and
// number formats.
type xlsxCells struct {
	wb       *excelize.File
	sheet    string
	date1904 bool
	// styles caches what each cell style's number format shows.
	styles map[int]numberShows
}

// check replaces the raw cell value *v by its text, or reports what is
// wrong with it.
func (x *xlsxCells) check(col, row int, v *string) (msg, hint string) {
	if n := utf8.RuneCountInString(*v); n > limits.XLSXCellChars {
		*v = ""
		return fmt.Sprintf("the cell holds %d characters, more than the %d Excel allows in a cell", n, limits.XLSXCellChars), ""
	}
	*v, msg, hint = x.text(col, row, *v)
	return msg, hint
}

func (x *xlsxCells) text(col, row int, raw string) (text, msg, hint string) {
	if !typed(raw) {
		return raw, "", ""
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	typ, _ := x.wb.GetCellType(x.sheet, ref)
	switch typ {
	case excelize.CellTypeBool:
		switch raw {
		case "1", "TRUE", "true":
			return "true", "", ""
		case "0", "FALSE", "false":
			return "false", "", ""
		}
		return raw, "", ""
	case excelize.CellTypeError:
		return "", fmt.Sprintf("cell %s holds the error %s", ref, raw), "fix the formula in Excel, or clear the cell"
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return raw, "", ""
		}
		shows := x.shows(ref)
		if shows == showsDate {
			t, err := excelize.ExcelDateToTime(v, x.date1904)
			if err != nil {
				return raw, "", ""
			}
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format("2006-01-02"), "", ""
			}
			return t.Format("2006-01-02T15:04:05"), "", ""
		}
		if shows == showsPercent {
			return percentText(v), "", ""
		}
		return numText(v), "", ""
	}
	return raw, "", ""
}

// typed reports whether a raw cell value may read otherwise than as its
// text, so that the cell's type and style must be looked up: a number (or
// a date, a percentage, a boolean saved as 1 or 0), a boolean saved as
// TRUE or FALSE, or an error value, which always starts with #. Any other
// value is text whatever the cell's type, and reading a sheet of text
// never looks cells up one by one.
func typed(raw string) bool {
	if raw == "" || raw[0] == '#' || strings.EqualFold(raw, "true") || strings.EqualFold(raw, "false") {
		return raw != ""
	}
	_, err := strconv.ParseFloat(raw, 64)
	return err == nil
}

// numText writes a number so that it reads back as the same type: whole
// numbers a float64 holds exactly as integers, anything else as a float.
func numText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) <= maxExactInt {
		return strconv.FormatInt(int64(v), 10)
	}
	t := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(t, ".e") {
		t += ".0"
	}
	return t
}

// numberShows is what a number format shows a number as.
type numberShows int

const (
	showsNumber  numberShows = iota
	showsDate                // a date or time
	showsPercent             // a percentage: Excel shows 0.215 as 21.5%
)

// shows reports what the cell's number format shows its number as: one
// look at the cell's style, whose answer is kept for every cell of that
// style.
func (x *xlsxCells) shows(ref string) numberShows {
	id, err := x.wb.GetCellStyle(x.sheet, ref)
	if err != nil {
		return showsNumber
	}
	if s, ok := x.styles[id]; ok {
		return s
	}
	s := showsNumber
	if st, err := x.wb.GetStyle(id); err == nil && st != nil {
		switch {
		case st.CustomNumFmt != nil && isDateFormat(*st.CustomNumFmt):
			s = showsDate
		case st.CustomNumFmt != nil && isPercentFormat(*st.CustomNumFmt):
			s = showsPercent
		case st.CustomNumFmt != nil:
		case builtinDateFormat(st.NumFmt):
			s = showsDate
		case st.NumFmt == 9 || st.NumFmt == 10:
			s = showsPercent
		}
	}
	x.styles[id] = s
	return s
}

// builtinDateFormat reports whether a built-in number format (ECMA-376
// 18.8.30, with the CJK ones) shows a date or time.
func builtinDateFormat(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// isDateFormat reports whether a custom number format code shows a date
// or time: its first section has a y, d, h or s outside quotes and
// brackets, or an m with no digit placeholder beside it.
func isDateFormat(code string) bool {
	hasM, hasDigit := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				return true // elapsed time: [h]:mm
			}
			i += j
		case ';':
			return hasM && !hasDigit
		case 'y', 'Y', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		case 'm', 'M':
			hasM = true
		case '0', '#', '?':
			hasDigit = true
		}
	}
	return hasM && !hasDigit
}

func allBlank(row []string) bool {
	for _, v := range row {
		if trim(v) != "" {
			return false
		}
	}
	return true
}
