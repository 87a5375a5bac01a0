package dataset

import (
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/tomlpos"
)

// readTOML reads a TOML file that holds exactly one array of tables, under
// any key: [[rows]] tables, or rows = [{...}, {...}]. Keys become columns
// in the order they first appear. Strings are read like CSV cells; TOML
// integers, floats, booleans and dates keep their types.
func readTOML(fsys fs.FS, file string, decl Decl) (*rawTable, error) {
	s, err := readText(fsys, file, decl)
	if err != nil {
		return nil, err
	}
	r := &rawTable{file: file, probs: problems{file: file}, colRef: func(j int) string { return fmt.Sprintf("key %d", j+1) }}
	var doc map[string]any
	src := &tomlpos.Doc{File: file, Src: s}
	md, e := src.Decode(&doc)
	if e != nil {
		r.probs.add(e.Pos.Line, -1, e.Hint, "%s", e.Msg)
		return nil, r.probs.list()
	}
	const shape = "write each row as a [[rows]] table"
	if len(doc) != 1 {
		if len(doc) == 0 {
			r.probs.add(0, -1, shape, "a TOML dataset holds one array of tables, but the file has none")
		} else {
			keys := sortedKeys(doc)
			for i, k := range keys {
				keys[i] = strconv.Quote(k)
			}
			r.probs.add(0, -1, shape, "a TOML dataset holds one array of tables, but the file has %d top-level keys: %s",
				len(doc), strings.Join(keys, ", "))
		}
		return nil, r.probs.list()
	}
	var name string
	for k := range doc {
		name = k
	}
	tables, ok := arrayOfTables(doc[name])
	if !ok {
		r.probs.add(0, -1, shape, "%q is not an array of tables", name)
		return nil, r.probs.list()
	}
	// Columns in the order the keys appear in the file.
	index := map[string]int{}
	for _, k := range md.Keys() {
		if len(k) == 2 && k[0] == name {
			if _, ok := index[k[1]]; !ok {
				index[k[1]] = r.addColumn(k[1])
			}
		}
	}
	lines := tableLines(src.Index(), name, len(tables))
	cells := make([]string, 0, len(r.names))
	for i, t := range tables {
		row := i + 1
		cells = cells[:0]
		for range r.names {
			cells = append(cells, "")
		}
		for _, key := range sortedKeys(t) {
			j, ok := index[key]
			if !ok { // keys of inline tables are not in md.Keys
				j = r.addColumn(key)
				index[key] = j
				cells = append(cells, "")
			}
			text, msg, hint := tomlText(t[key])
			if msg != "" {
				r.probs.add(lines[i], -1, hint, "row %d, column %q: %s", row, key, msg)
				continue
			}
			cells[j] = text
		}
		r.addRow(lines[i], row, cells)
	}
	return r, nil
}

// arrayOfTables returns v as a list of tables: [[name]] tables decode as
// []map[string]any, an inline array of inline tables as []any.
func arrayOfTables(v any) ([]map[string]any, bool) {
	switch x := v.(type) {
	case []map[string]any:
		return x, true
	case []any:
		tables := make([]map[string]any, len(x))
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			tables[i] = m
		}
		return tables, true
	}
	return nil, false
}

// tomlText turns a TOML value into cell text that reads back as the same
// type: floats always carry a point or an exponent, so 1.0 stays a float.
func tomlText(v any) (text, msg, hint string) {
	switch x := v.(type) {
	case string:
		return trim(x), "", ""
	case int64:
		return strconv.FormatInt(x, 10), "", ""
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Sprintf("%v is not a number a dataset can hold", x), "leave the key out for a missing value"
		}
		t := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(t, ".e") {
			t += ".0"
		}
		return t, "", ""
	case bool:
		return strconv.FormatBool(x), "", ""
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return x.Format("2006-01-02"), "", ""
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05.999"), "", ""
		case "time-local":
			return "", fmt.Sprintf("%s is a time without a date", x.Format("15:04:05")), "write a date such as 2022-03-31 or 2022-03-31T15:04:05"
		}
		return x.Format(time.RFC3339Nano), "", ""
	}
	return "", "nested arrays and tables are not supported", "give each value its own column"
}

// tableLines finds the line of each table of the array name. It returns
// zeros when the tables it finds are not the decoded ones one for one.
func tableLines(ix *tomlpos.Index, name string, n int) []int {
	lines := make([]int, n)
	if ix.Count(name) != n {
		return lines
	}
	for i := range lines {
		lines[i], _, _ = ix.Key(fmt.Sprintf("%s#%d", name, i))
	}
	return lines
}
