package dataset

import (
	"fmt"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// Tagged is a table to stack, with the values its rows take in the columns
// Stack puts in front of the table's own.
type Tagged struct {
	Table *Table
	// Tags holds one value per tag column, of the types Column.Append takes.
	Tags []any
}

// Stack stacks tables that have the same columns into one table named
// name: the rows of each part in turn, each led by its part's tags in the
// tag columns. tags gives those columns' names and types (their values are
// ignored). A column of whole numbers in one part and of decimals in
// another becomes a column of decimals; any other difference of columns is
// an error at the part's file. The table's File is the first part's.
func Stack(name string, tags []*Column, parts []Tagged) (*Table, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("dataset: no tables to stack into %q", name)
	}
	first := parts[0].Table
	rows := 0
	for _, p := range parts {
		rows += p.Table.Len()
	}
	out := &Table{Name: name, File: first.File}
	for _, tag := range tags {
		c := NewColumn(tag.Name, tag.Type, rows)
		for _, p := range parts {
			v := p.Tags[len(out.Columns)]
			for range p.Table.Len() {
				c.Append(v)
			}
		}
		out.Columns = append(out.Columns, c)
	}
	for _, c := range first.Columns {
		typ, err := stackedType(c, parts)
		if err != nil {
			return nil, err
		}
		out.Columns = append(out.Columns, stackColumn(c.Name, typ, rows, parts))
	}
	return out, nil
}

// stackedType is the type column c of the first part takes once stacked
// with the same column of the other parts.
func stackedType(c *Column, parts []Tagged) (Type, error) {
	first := parts[0].Table
	typ := c.Type
	for _, p := range parts[1:] {
		t := p.Table
		o := t.Column(c.Name)
		if o == nil {
			return 0, &diag.Error{Pos: diag.Pos{File: t.File, Line: 1}, Msg: fmt.Sprintf("dataset %q has no column %q, which %s has", t.Name, c.Name, first.File),
				Hint: "give every file the same columns"}
		}
		switch {
		case o.Type == typ:
		case o.Type.Numeric() && typ.Numeric():
			typ = Float
		default:
			return 0, &diag.Error{Pos: diag.Pos{File: t.File, Line: 1}, Msg: fmt.Sprintf("column %q is %s here but %s in %s", c.Name, o.Type, typ, first.File),
				Hint: "declare the column's type under [datasets." + t.Name + "] columns in site.toml"}
		}
	}
	return typ, nil
}

// stackColumn copies the column named name of every part, in turn. It
// keeps the number format the parts' columns share.
func stackColumn(name string, typ Type, rows int, parts []Tagged) *Column {
	c := NewColumn(name, typ, rows)
	c.Format = parts[0].Table.Column(name).Format
	for _, p := range parts {
		src := p.Table.Column(name)
		if src.Format != c.Format {
			c.Format = ""
		}
		c.Valid = append(c.Valid, src.Valid...)
		if typ == String {
			c.Str = append(c.Str, src.Str...)
		} else {
			c.Num = append(c.Num, src.Num...)
		}
	}
	return c
}
