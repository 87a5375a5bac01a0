package chart

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// Cell is one value of a display table: Text as a reader sees it (formatted
// with numfmt, dates as YYYY-MM-DD or YYYY-MM) and Raw as a spreadsheet wants
// it (plain digits, no separators or units).
type Cell struct {
	Text string
	Raw  string
}

// TableColumn describes one column of a display table.
type TableColumn struct {
	// Name is the column's name in the dataset.
	Name string
	// Header is the name shown to readers (a label, else Name).
	Header string
	// Numeric marks number columns, which are right-aligned.
	Numeric bool
	// Date marks date columns.
	Date bool
}

// Table is data laid out for reading: the plotted rows of a chart, or the
// rows of a table block. Text in it is plain; the caller escapes it.
type Table struct {
	Columns []TableColumn
	Rows    [][]Cell
}

// TableOf lays out the named columns of t. names maps a column to its header
// and formats to its number format (see numfmt.Format); lang picks number
// words. Every name in cols must be a column of t.
func TableOf(t *dataset.Table, cols []string, names, formats map[string]string, lang string) *Table {
	out := &Table{}
	src := make([]*dataset.Column, len(cols))
	layouts := make([]string, len(cols))
	byName := make(map[string]*dataset.Column, len(t.Columns))
	for _, c := range t.Columns {
		if _, ok := byName[c.Name]; !ok {
			byName[c.Name] = c
		}
	}
	for i, name := range cols {
		c := byName[name]
		src[i] = c
		out.Columns = append(out.Columns, TableColumn{Name: name, Header: header(name, names), Numeric: c.Type.Numeric(), Date: c.Type == dataset.Date})
		if c.Type == dataset.Date {
			layouts[i] = dateLayout(c)
		}
	}
	n := t.Len()
	out.Rows = make([][]Cell, n)
	for r := range n {
		row := make([]Cell, len(cols))
		for i, c := range src {
			row[i] = cellOf(c, r, formats[c.Name], layouts[i], lang)
		}
		out.Rows[r] = row
	}
	return out
}

// cellOf formats row r of c.
func cellOf(c *dataset.Column, r int, format, layout, lang string) Cell {
	if c.IsNull(r) {
		return Cell{}
	}
	raw := c.Text(r)
	switch {
	case c.Type.Numeric():
		return Cell{Text: numfmt.Format(c.Num[r], format, lang), Raw: raw}
	case c.Type == dataset.Date:
		return Cell{Text: time.UnixMilli(int64(c.Num[r])).UTC().Format(layout), Raw: raw}
	}
	return Cell{Text: raw, Raw: raw}
}

// header returns the reader's name for a column.
func header(name string, names map[string]string) string {
	if h := names[name]; h != "" {
		return h
	}
	return name
}

// dateLayout returns "2006-01" when every date of c is the first of a month
// (monthly data), else "2006-01-02".
func dateLayout(c *dataset.Column) string {
	seen := false
	for i := range c.Valid {
		if !c.Valid[i] {
			continue
		}
		seen = true
		if time.UnixMilli(int64(c.Num[i])).UTC().Day() != 1 {
			return "2006-01-02"
		}
	}
	if !seen {
		return "2006-01-02"
	}
	return "2006-01"
}

// CSV returns the table as CSV for spreadsheets: UTF-8 with a byte order mark
// (so that Excel reads Chinese text correctly), CRLF line ends, the headers
// readers see, and raw values. A text cell that a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) is prefixed with an apostrophe.
func (t *Table) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = defuse(c.Header)
	}
	_ = w.Write(rec) // writes to a bytes.Buffer cannot fail
	for _, row := range t.Rows {
		for i, cell := range row {
			if t.Columns[i].Numeric {
				rec[i] = cell.Raw
			} else {
				rec[i] = defuse(cell.Raw)
			}
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// defuse keeps a spreadsheet from reading text as a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
