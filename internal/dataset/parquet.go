package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/big"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// readParquet reads a Parquet file with the types it stores: integers as
// int, floating point and decimals as float, booleans, dates and
// timestamps (in UTC) as date, and text as string. Only flat files are
// read: a nested or repeated column is an error that names it. A Parquet
// file has no lines; a row's "line" is its 1-based row number.
func readParquet(fsys fs.FS, file string, decl Decl) (*Table, error) {
	at := diag.Pos{File: file}
	src, err := readAll(fsys, file)
	if err != nil {
		return nil, err
	}
	f, err := parquet.OpenFile(bytes.NewReader([]byte(src)), int64(len(src)))
	if err != nil {
		return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("not a readable Parquet file: %v", err),
			Hint: "export it again as Parquet, or as CSV"}}
	}
	t, kinds, err := parquetColumns(f, decl, at)
	if err != nil {
		return nil, err
	}
	for _, rg := range f.RowGroups() {
		if err := readRowGroup(t, kinds, rg); err != nil {
			return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("cannot read the Parquet rows: %v", err)}}
		}
	}
	t.Line = make([]int, t.Len())
	for i := range t.Line {
		t.Line[i] = i + 1
	}
	return t, nil
}

// parquetColumns makes the table's columns from the file's schema, with
// the function that converts each one's values; it reports every column
// that cannot be read or that differs from its declared type.
func parquetColumns(f *parquet.File, decl Decl, at diag.Pos) (*Table, []func(parquet.Value) any, error) {
	leaves := f.Root().Columns()
	var errs diag.List
	t := &Table{}
	kinds := make([]func(parquet.Value) any, len(leaves))
	for i, c := range leaves {
		if !c.Leaf() || c.Repeated() {
			errs = append(errs, &diag.Error{Pos: at, Msg: fmt.Sprintf("column %q is nested or repeated; only flat columns can be read", c.Name()),
				Hint: "flatten it in the export (one value per cell)"})
			continue
		}
		typ, conv, ok := parquetType(c.Type())
		if !ok {
			errs = append(errs, &diag.Error{Pos: at, Msg: fmt.Sprintf("column %q has the Parquet type %s, which cannot be read", c.Name(), c.Type()),
				Hint: "cast it to text or a number in the export"})
			continue
		}
		if want, declared := decl.Columns[c.Name()]; declared && want != typ.String() && !(want == "float" && typ == Int) {
			errs = append(errs, &diag.Error{Pos: at, Msg: fmt.Sprintf("column %q is %s in the Parquet file but declared %s", c.Name(), typ, want),
				Hint: "a Parquet file carries its types: remove the declaration, or change the export"})
			continue
		}
		if decl.Columns[c.Name()] == "float" {
			typ = Float
		}
		kinds[i] = conv
		t.Columns = append(t.Columns, NewColumn(c.Name(), typ, int(f.NumRows())))
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return t, kinds, nil
}

// readRowGroup appends the rows of one row group to the table.
func readRowGroup(t *Table, kinds []func(parquet.Value) any, rg parquet.RowGroup) error {
	rows := rg.Rows()
	defer rows.Close()
	buf := make([]parquet.Row, 256)
	for {
		n, err := rows.ReadRows(buf)
		for _, row := range buf[:n] {
			for _, v := range row {
				col := v.Column()
				if col < 0 || col >= len(t.Columns) {
					continue
				}
				if v.IsNull() {
					t.Columns[col].Append(nil)
				} else {
					t.Columns[col].Append(kinds[col](v))
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// parquetType maps a Parquet column type to a column type and a function
// that converts its values.
func parquetType(pt parquet.Type) (Type, func(parquet.Value) any, bool) {
	lt := pt.LogicalType()
	var ct deprecated.ConvertedType = -1
	if c := pt.ConvertedType(); c != nil {
		ct = *c
	}
	switch {
	case lt != nil && lt.Value != nil:
		switch l := lt.Value.(type) {
		case *format.StringType, *format.EnumType, *format.JsonType:
			return String, func(v parquet.Value) any { return string(v.ByteArray()) }, true
		case *format.DateType:
			return Date, func(v parquet.Value) any { return dayDate(int64(v.Int32())) }, true
		case *format.TimestampType:
			unit := l.Unit.Value.Duration()
			return Date, func(v parquet.Value) any { return time.Unix(0, v.Int64()*int64(unit)).UTC() }, true
		case *format.DecimalType:
			return Float, decimal(pt.Kind(), int(l.Scale)), true
		case *format.IntType:
			if !l.IsSigned && l.BitWidth == 64 {
				return Float, func(v parquet.Value) any { return float64(uint64(v.Int64())) }, true
			}
		}
	case ct == deprecated.UTF8 || ct == deprecated.Enum || ct == deprecated.Json:
		return String, func(v parquet.Value) any { return string(v.ByteArray()) }, true
	case ct == deprecated.Date:
		return Date, func(v parquet.Value) any { return dayDate(int64(v.Int32())) }, true
	case ct == deprecated.TimestampMillis:
		return Date, func(v parquet.Value) any { return time.UnixMilli(v.Int64()).UTC() }, true
	case ct == deprecated.TimestampMicros:
		return Date, func(v parquet.Value) any { return time.UnixMicro(v.Int64()).UTC() }, true
	}
	switch pt.Kind() {
	case parquet.Boolean:
		return Bool, func(v parquet.Value) any { return v.Boolean() }, true
	case parquet.Int32:
		return Int, func(v parquet.Value) any { return int64(v.Int32()) }, true
	case parquet.Int64:
		return Int, func(v parquet.Value) any { return v.Int64() }, true
	case parquet.Float:
		return Float, func(v parquet.Value) any { return float64(v.Float()) }, true
	case parquet.Double:
		return Float, func(v parquet.Value) any { return v.Double() }, true
	case parquet.ByteArray:
		// Binary without a logical type: most writers mean text.
		return String, func(v parquet.Value) any { return string(v.ByteArray()) }, true
	}
	return 0, nil, false
}

func dayDate(days int64) time.Time {
	return time.Unix(days*86400, 0).UTC()
}

// decimal converts a Parquet decimal stored as an integer or as big-endian
// two's complement bytes.
func decimal(kind parquet.Kind, scale int) func(parquet.Value) any {
	div := math.Pow10(scale)
	switch kind {
	case parquet.Int32:
		return func(v parquet.Value) any { return float64(v.Int32()) / div }
	case parquet.Int64:
		return func(v parquet.Value) any { return float64(v.Int64()) / div }
	}
	return func(v parquet.Value) any {
		b := v.ByteArray()
		n := new(big.Int).SetBytes(b)
		if len(b) > 0 && b[0]&0x80 != 0 {
			n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
		}
		f, _ := new(big.Float).Quo(new(big.Float).SetInt(n), big.NewFloat(div)).Float64()
		return f
	}
}
