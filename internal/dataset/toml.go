package dataset

import (
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

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
		r.probs.addAt(e.Pos, e.Hint, "%s", e.Msg)
		return nil, r.probs.list()
	}
	name, tables, ok := oneArray(&r.probs, doc)
	if !ok {
		return nil, r.probs.list()
	}
	index := tomlColumns(r, md, name)
	lines := tableLines(src.Index(), name, len(tables))
	var cells []string
	for i, t := range tables {
		cells = addTOMLRow(r, index, t, lines[i], i+1, cells)
	}
	return r, nil
}

// tomlShape is the fix for a TOML file that is not one array of tables.
const tomlShape = "write each row as a [[rows]] table"

// oneArray returns the document's one top-level key and its array of
// tables, or reports why the document is not that.
func oneArray(probs *problems, doc map[string]any) (string, []map[string]any, bool) {
	if len(doc) == 0 {
		probs.add(0, -1, tomlShape, "a TOML dataset holds one array of tables, but the file has none")
		return "", nil, false
	}
	if len(doc) > 1 {
		keys := sortedKeys(doc)
		for i, k := range keys {
			keys[i] = strconv.Quote(k)
		}
		probs.add(0, -1, tomlShape, "a TOML dataset holds one array of tables, but the file has %d top-level keys: %s",
			len(doc), strings.Join(keys, ", "))
		return "", nil, false
	}
	var name string
	for k := range doc {
		name = k
	}
	tables, ok := arrayOfTables(doc[name])
	if !ok {
		probs.add(0, -1, tomlShape, "%q is not an array of tables", name)
	}
	return name, tables, ok
}

// tomlColumns adds a column for each key of the array's tables, in the
// order the keys appear in the file, and returns the column of each key.
func tomlColumns(r *rawTable, md toml.MetaData, name string) map[string]int {
	index := map[string]int{}
	for _, k := range md.Keys() {
		if len(k) == 2 && k[0] == name {
			if _, ok := index[k[1]]; !ok {
				index[k[1]] = r.addColumn(k[1])
			}
		}
	}
	return index
}

// addTOMLRow adds table t, data row row at line, as a row of cells; it
// reuses and returns the cells' buffer.
func addTOMLRow(r *rawTable, index map[string]int, t map[string]any, line, row int, cells []string) []string {
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
			r.probs.add(line, -1, hint, "row %d, column %q: %s", row, key, msg)
			continue
		}
		cells[j] = text
	}
	r.addRow(line, row, cells)
	return cells
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
