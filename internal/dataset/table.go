// Package dataset reads CSV, JSON, TOML, XLSX and Parquet files into typed,
// column-major tables. Column types are inferred or declared; a cell that
// breaks its type is an error naming the file, row and column.
//
// # Reading
//
// Read picks the reader by extension. CSV files may be UTF-8 with or without
// a byte order mark, or GB18030/GBK (detected when the bytes are not UTF-8, or
// declared); records follow RFC 4180 with CRLF or LF line ends. JSON files hold
// one array of objects, TOML files one array of tables (under any key), and
// XLSX files are read from their first sheet or the declared one (a formula
// whose value was never saved is an error at its cell). A header
// row is required in CSV and XLSX; keys are the columns in JSON and TOML, in
// the order they first appear.
//
// Cells are trimmed of white space (including U+3000), and an empty cell is
// null. Rows whose cells are all empty are skipped (a CSV record, an XLSX
// row, a JSON object of nulls, a TOML table of empty strings), and so are
// columns with neither a name nor a value (as Excel leaves at the right).
//
// # Types
//
// A column without a declared type gets the first of int, float, date, bool
// that fits every non-empty cell, else string:
//
//   - numbers may carry a sign, thousands separators ("1,234") and a percent
//     sign ("12.5%" is 0.125, and makes the column float);
//   - amounts of money may carry a currency mark before or after the number
//     ("$1,234", "1,234 元") and brackets for a negative ("(12,000)"); a
//     column holds one currency;
//   - an integer written with a leading zero ("007") or beyond 2^53 (a card
//     number) is taken for a code: it makes the column string;
//   - dates are 2022-03-31, 2022/3/31, 2022.3.31, 2022-03, 2022/03,
//     2022年3月31日, 2022年3月, each optionally followed by a time
//     (RFC 3339 included; a time without a zone is taken as UTC);
//   - bools are true and false in any letter case.
//
// A declared type is enforced cell by cell, with the same syntax (plus
// leading zeros for int and any number for float).
//
// # Errors
//
// Read reports every problem of a file at once, as a diag.List positioned at
// file:line, with the 1-based data row (not counting the header) and the
// column, and a hint that suggests the fix. It stops listing after 20 and
// counts the rest.
package dataset

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Type is the type of a column.
type Type int

// Column types, from most to least specific.
const (
	Int Type = iota
	Float
	Date
	Bool
	String
)

var typeNames = [...]string{"int", "float", "date", "bool", "string"}

// String returns the type's name as written in site.toml.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "unknown"
}

// ParseType turns a name from a dataset declaration into a Type.
func ParseType(name string) (Type, bool) {
	for i, n := range typeNames {
		if n == name {
			return Type(i), true
		}
	}
	return 0, false
}

// Numeric reports whether values of the type are numbers (int or float).
func (t Type) Numeric() bool { return t == Int || t == Float }

// Column is one named, typed column. Values of Int, Float, Bool (0 or 1) and
// Date (Unix milliseconds, UTC) columns are in Num; String values are in Str.
// Valid[i] is false where the cell is null (empty).
type Column struct {
	Name  string
	Type  Type
	Num   []float64
	Str   []string
	Valid []bool
	// Format is the number format the values are known to read in, or ""
	// for the default: "0%", "0.0%" or "0.00%" for a column whose cells
	// were all written as percentages ("21.5%" is 0.215), and for a share
	// computed from one. Blocks show the column in it when the author
	// names no format.
	Format string
}

// Len returns the number of values in the column.
func (c *Column) Len() int { return len(c.Valid) }

// IsNull reports whether row i of the column is null.
func (c *Column) IsNull(i int) bool { return !c.Valid[i] }

// Value returns row i as a Go value: int64 or float64 for numbers, bool,
// time.Time for dates, string, or nil for a null.
func (c *Column) Value(i int) any {
	if !c.Valid[i] {
		return nil
	}
	switch c.Type {
	case Int:
		return int64(c.Num[i])
	case Float:
		return c.Num[i]
	case Bool:
		return c.Num[i] != 0
	case Date:
		return time.UnixMilli(int64(c.Num[i])).UTC()
	default:
		return c.Str[i]
	}
}

// Text returns row i formatted plainly: numbers without grouping, dates as
// YYYY-MM-DD, and "" for null.
func (c *Column) Text(i int) string {
	if !c.Valid[i] {
		return ""
	}
	switch c.Type {
	case Int:
		return strconv.FormatInt(int64(c.Num[i]), 10)
	case Float:
		return strconv.FormatFloat(c.Num[i], 'f', -1, 64)
	case Bool:
		return strconv.FormatBool(c.Num[i] != 0)
	case Date:
		return time.UnixMilli(int64(c.Num[i])).UTC().Format("2006-01-02")
	default:
		return c.Str[i]
	}
}

// Float returns row i as a number and whether it is one (false for null and
// for string columns).
func (c *Column) Float(i int) (float64, bool) {
	if !c.Valid[i] || c.Type == String || math.IsNaN(c.Num[i]) {
		return 0, false
	}
	return c.Num[i], true
}

// NewColumn returns an empty column of the given type with room for n rows.
func NewColumn(name string, t Type, n int) *Column {
	c := &Column{Name: name, Type: t, Valid: make([]bool, 0, n)}
	if t == String {
		c.Str = make([]string, 0, n)
	} else {
		c.Num = make([]float64, 0, n)
	}
	return c
}

// Append adds a value: a float64 (or int/int64) for Num columns, a string for
// String columns, a bool for Bool, a time.Time for Date; nil appends a null.
func (c *Column) Append(v any) {
	if v == nil {
		c.Valid = append(c.Valid, false)
		if c.Type == String {
			c.Str = append(c.Str, "")
		} else {
			c.Num = append(c.Num, 0)
		}
		return
	}
	c.Valid = append(c.Valid, true)
	switch x := v.(type) {
	case string:
		c.Str = append(c.Str, x)
	case float64:
		c.Num = append(c.Num, x)
	case int:
		c.Num = append(c.Num, float64(x))
	case int64:
		c.Num = append(c.Num, float64(x))
	case bool:
		if x {
			c.Num = append(c.Num, 1)
		} else {
			c.Num = append(c.Num, 0)
		}
	case time.Time:
		c.Num = append(c.Num, float64(x.UnixMilli()))
	default:
		panic("dataset: unsupported value type")
	}
}

// Table is a named dataset: columns of equal length, in source order.
type Table struct {
	// Name is the dataset name (the file stem).
	Name string
	// File is the source file, slash-separated and relative to the site folder.
	File string
	// Columns holds the columns in source order.
	Columns []*Column
	// Line maps row index to the source line (CSV, TOML) or row number (XLSX)
	// where the row starts; it may be nil for derived tables.
	Line []int
}

// Len returns the number of rows.
func (t *Table) Len() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// Column returns the named column, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Names returns the column names in order.
func (t *Table) Names() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// RowName names row i for a message: file and line when the table knows
// them, else its 1-based row number.
func (t *Table) RowName(i int) string {
	if i < len(t.Line) && t.Line[i] > 0 {
		if t.File != "" {
			return fmt.Sprintf("%s:%d", t.File, t.Line[i])
		}
		return "line " + strconv.Itoa(t.Line[i])
	}
	return "row " + strconv.Itoa(i+1)
}
