package dataset

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/xuri/excelize/v2"
)

// xlsxBounds are the limits a workbook is read within.
type xlsxBounds struct {
	expanded       int64 // bytes of all parts, unzipped
	cells          int   // <c> elements in one worksheet
	unnumberedRows int   // <row> elements without r= in one worksheet
	time           time.Duration
}

// xlsxLimits are the bounds in force (tests lower them).
var xlsxLimits = xlsxBounds{
	expanded:       limits.XLSXExpandedBytes,
	cells:          limits.XLSXCells,
	unnumberedRows: limits.XLSXUnnumberedRows,
	time:           limits.XLSXTime,
}

// xlsxOptions opens workbooks within the expanded-size bound and keeps
// every part in memory: with the part limit equal to the total, excelize
// never unzips a part into the temporary folder, so nothing is left there
// when a build is interrupted.
func xlsxOptions() excelize.Options {
	return excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    xlsxLimits.expanded,
		UnzipXMLSizeLimit: xlsxLimits.expanded,
	}
}

// checkWorkbook refuses a workbook whose parts unzip to more than the
// expanded-size bound, or one of whose worksheets has more cells or more
// unnumbered rows than allowed, before the XLSX library decodes it. The
// sizes come from the zip's headers, which the zip reader holds each part
// to; the worksheets are counted by a scan of their tags. The scan also
// finds the cells, in any worksheet, that hold a formula with no value
// saved: it returns their references.
func checkWorkbook(file string, data []byte) (uncalculated map[string]bool, err error) {
	at := diag.Pos{File: file}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil // excelize reports what is wrong with the container
	}
	const csvHint = "save the sheet as CSV, which has no such limit"
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(xlsxLimits.expanded) {
			mb := xlsxLimits.expanded >> 20
			return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("the workbook unzips to more than %d MB", mb),
				Hint: fmt.Sprintf("a workbook may hold at most %d MB of XML; %s", mb, csvHint)}}
		}
	}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		lower := strings.ToLower(name)
		sheet := strings.HasPrefix(lower, "xl/worksheets/") && strings.HasSuffix(lower, ".xml")
		if !sheet && lower != "xl/sharedstrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, nil
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, nil
		}
		tags := countSheetTags(b)
		switch {
		case tags.longest > maxCellBytes:
			return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("%s holds a cell longer than the %d characters Excel allows", name, limits.XLSXCellChars),
				Hint: "shorten the cell in Excel"}}
		case !sheet:
		case tags.cells > xlsxLimits.cells:
			return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("%s holds more than %d cells", name, xlsxLimits.cells), Hint: csvHint}}
		case tags.unnumberedRows > xlsxLimits.unnumberedRows:
			return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("%s has more than %d rows without a row number (r=)", name, xlsxLimits.unnumberedRows),
				Hint: "open the file in Excel and save it again, or save the sheet as CSV"}}
		}
		for _, ref := range tags.uncalculated {
			if uncalculated == nil {
				uncalculated = map[string]bool{}
			}
			uncalculated[ref] = true
		}
	}
	return uncalculated, nil
}

// maxCellBytes is the most XML text one cell of XLSXCellChars characters
// can take: each character escaped (&amp;) or four bytes of UTF-8.
const maxCellBytes = limits.XLSXCellChars * 6

// sheetTags is what a scan of worksheet XML found.
type sheetTags struct {
	cells, unnumberedRows int
	// longest is the longest text between two tags.
	longest int
	// uncalculated are the references of the cells that hold a formula
	// (<f>) but no value (<v>), as in a workbook Excel never calculated.
	uncalculated []string
}

// countSheetTags counts the cell elements of worksheet XML and the row
// elements that have no r attribute, measures the longest text between two
// tags, and finds the formula cells without a value. Tags may carry a
// namespace prefix.
func countSheetTags(b []byte) sheetTags {
	var t sheetTags
	var cellAttrs []byte // the open cell's attributes
	inCell, formula, value := false, false, false
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			t.longest = max(t.longest, len(b))
			return t
		}
		t.longest = max(t.longest, i)
		b = b[i+1:]
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			return t
		}
		tag := b[:end]
		b = b[end+1:]
		name, attrs, _ := bytes.Cut(tag, []byte(" "))
		closing := bytes.HasPrefix(name, []byte("/"))
		selfClosing := bytes.HasSuffix(tag, []byte("/"))
		name = bytes.TrimSuffix(bytes.TrimPrefix(name, []byte("/")), []byte("/"))
		if j := bytes.IndexByte(name, ':'); j >= 0 {
			name = name[j+1:]
		}
		switch string(name) {
		case "c":
			switch {
			case closing:
				if inCell && formula && !value {
					if ref := attr(cellAttrs, "r"); ref != "" {
						t.uncalculated = append(t.uncalculated, ref)
					}
				}
				inCell = false
			case selfClosing:
				t.cells++
			default:
				t.cells++
				cellAttrs, inCell, formula, value = attrs, true, false, false
			}
		case "f":
			formula = formula || !closing
		case "v":
			value = value || !closing
		case "row":
			if !closing && !hasAttr(attrs, "r") {
				t.unnumberedRows++
			}
		}
	}
}

// attr returns the value of a tag's attribute, "" when it has none.
func attr(attrs []byte, name string) string {
	for f := range bytes.FieldsSeq(attrs) {
		if k, v, ok := bytes.Cut(f, []byte("=")); ok && string(k) == name {
			return strings.Trim(string(v), `"'`)
		}
	}
	return ""
}

// hasAttr reports whether a tag's attribute text sets the attribute name.
func hasAttr(attrs []byte, name string) bool {
	for f := range bytes.FieldsSeq(attrs) {
		if k, _, ok := bytes.Cut(f, []byte("=")); ok && string(k) == name {
			return true
		}
	}
	return false
}
