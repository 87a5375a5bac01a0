package pull

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/snapshot"
	"github.com/broadsheet/broadsheet/internal/source"
)

// maxExactInt is the largest integer a dataset holds exactly (2^53).
const maxExactInt = 1 << 53

// column follows one result column while its rows stream past: the
// dataset type its values allow, and what the reader would change.
type column struct {
	name, dbType string
	seen         bool   // a value that is not null
	typ          string // int, float, date, bool or string
	trimmed      int    // text values with white space at an end, or empty
}

// copyRows runs the query and writes its rows as CSV, one at a time, so a
// result is never held in memory. It returns the lock entry (columns and
// row count) and warnings about values the dataset reader will change.
func copyRows(ctx context.Context, db source.Source, query string, args []any, w io.Writer) (*snapshot.Entry, []string, error) {
	rows, err := db.Query(ctx, query, args)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := resultColumns(rows.Columns())
	if err != nil {
		return nil, nil, err
	}
	n, emptyRows, err := writeRows(rows, cols, w)
	if err != nil {
		return nil, nil, err
	}
	entry, warnings := summarize(cols, n, emptyRows)
	return entry, warnings, nil
}

// resultColumns names the result's columns, refusing two of one name.
func resultColumns(in []source.Column) ([]*column, error) {
	cols := make([]*column, len(in))
	names := map[string]bool{}
	for i, c := range in {
		if names[c.Name] {
			return nil, &source.Error{Kind: source.SQL, Offset: -1, Msg: fmt.Sprintf("the result has two columns named %q", c.Name), Hint: "give each column its own name with AS"}
		}
		names[c.Name] = true
		cols[i] = &column{name: c.Name, dbType: c.DBType}
	}
	return cols, nil
}

// writeRows writes the header and every row as CSV and returns the number
// of rows and of rows holding only nulls.
func writeRows(rows source.Rows, cols []*column, w io.Writer) (n, emptyRows int64, err error) {
	cw := csv.NewWriter(w)
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = c.name
	}
	if err := cw.Write(record); err != nil {
		return 0, 0, err
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return 0, 0, err
		}
		empty, err := cellsOf(vals, cols, n, record)
		if err != nil {
			return 0, 0, err
		}
		if empty {
			emptyRows++
		}
		if err := cw.Write(record); err != nil {
			return 0, 0, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	cw.Flush()
	return n, emptyRows, cw.Error()
}

// cellsOf turns row n's values into CSV cells in record and reports whether
// they are all empty.
func cellsOf(vals []any, cols []*column, n int64, record []string) (empty bool, err error) {
	empty = true
	for i, v := range vals {
		text, err := cols[i].cell(v)
		if err != nil {
			return false, &source.Error{Kind: source.Value, Offset: -1, Msg: fmt.Sprintf("row %d, column %q: %v", n+1, cols[i].name, err.Msg), Hint: err.Hint}
		}
		record[i] = text
		empty = empty && text == ""
	}
	return empty, nil
}

// summarize is the lock entry of a written result and the warnings about
// values the dataset reader will change.
func summarize(cols []*column, n, emptyRows int64) (*snapshot.Entry, []string) {
	entry := &snapshot.Entry{Rows: n}
	var warnings []string
	for _, c := range cols {
		entry.Columns = append(entry.Columns, snapshot.Column{Name: c.name, Type: c.finalType(), DBType: c.dbType})
		if c.trimmed > 0 {
			warnings = append(warnings, fmt.Sprintf("column %q: %d text %s white space at an end or %s empty; datasets trim cells and read empty ones as null",
				c.name, c.trimmed, plural(c.trimmed, "value has", "values have"), plural(c.trimmed, "is", "are")))
		}
	}
	if emptyRows > 0 {
		warnings = append(warnings, fmt.Sprintf("%d %s only nulls; a dataset skips such rows", emptyRows, plural(int(emptyRows), "row holds", "rows hold")))
	}
	return entry, warnings
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

type cellError struct{ Msg, Hint string }

const msHint = "round it in the query to milliseconds, such as date_trunc('milliseconds', x), or cast it to text"

// cell writes one value as CSV text that the dataset reader reads back as
// the same value, and narrows the column's type.
func (c *column) cell(v any) (string, *cellError) {
	if v == nil {
		return "", nil
	}
	first := !c.seen
	c.seen = true
	switch x := v.(type) {
	case int64:
		if x > maxExactInt || x < -maxExactInt {
			c.typ = "string" // digits kept as written: an identifier, not a quantity
		} else if first {
			c.typ = "int"
		}
		return strconv.FormatInt(x, 10), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", &cellError{fmt.Sprintf("%v is not a number a dataset can hold", x), "turn it into NULL in the query, such as NULLIF(x, 'NaN')"}
		}
		c.typ = "float"
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case source.Decimal:
		c.narrowDecimal(string(x), first)
		return string(x), nil
	case bool:
		c.typ = "bool"
		return strconv.FormatBool(x), nil
	case source.Date:
		c.typ = "date"
		if err := yearInRange(x.Time); err != nil {
			return "", err
		}
		return x.Format("2006-01-02"), nil
	case source.LocalTime:
		c.typ = "date"
		if err := exactTime(x.Time); err != nil {
			return "", err
		}
		return x.Format("2006-01-02T15:04:05.000"), nil
	case time.Time:
		c.typ = "date"
		if err := exactTime(x); err != nil {
			return "", err
		}
		return x.UTC().Format("2006-01-02T15:04:05.000Z07:00"), nil
	case string:
		c.typ = "string"
		if x == "" || strings.TrimSpace(x) != x || strings.Trim(x, "\u3000") != x {
			c.trimmed++
		}
		return x, nil
	}
	return "", &cellError{fmt.Sprintf("a value of type %T", v), "cast it to text in the query"}
}

func exactTime(t time.Time) *cellError {
	if t.Nanosecond()%int(time.Millisecond) != 0 {
		return &cellError{fmt.Sprintf("%s has a fraction of a millisecond, which a dataset cannot hold", t.Format(time.RFC3339Nano)), msHint}
	}
	return yearInRange(t)
}

func yearInRange(t time.Time) *cellError {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return &cellError{fmt.Sprintf("the year %d is out of the range a dataset holds (1 to 9999)", y), "filter it out or turn it into NULL in the query"}
	}
	return nil
}

var integerText = regexp.MustCompile(`^[-+]?[0-9]+$`)

// narrowDecimal keeps the column int while every decimal is an integer a
// dataset holds exactly, float while every one reads back as the same
// number, and makes it string (the digits as written) otherwise.
func (c *column) narrowDecimal(s string, first bool) {
	if first {
		c.typ = "int"
	}
	if c.typ == "int" {
		if integerText.MatchString(s) {
			if v, err := strconv.ParseInt(s, 10, 64); err == nil && v <= maxExactInt && v >= -maxExactInt {
				return
			}
		} else {
			c.typ = "float"
		}
	}
	if c.typ == "float" && !exactFloat(s) {
		c.typ = "string"
	}
	if c.typ == "int" {
		c.typ = "string"
	}
}

// exactFloat reports whether the decimal s reads back as the same number
// once held as a float64.
func exactFloat(s string) bool {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return false
	}
	want, ok := new(big.Rat).SetString(s)
	if !ok {
		return false
	}
	got, _ := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	return got != nil && got.Cmp(want) == 0
}

// finalType is the column's dataset type: the one its values allowed, or
// for a column of nulls the one its database type suggests.
func (c *column) finalType() string {
	if c.seen {
		return c.typ
	}
	t := strings.ToLower(c.dbType)
	switch {
	case strings.Contains(t, "int") && !strings.Contains(t, "interval") && !strings.Contains(t, "hugeint"):
		return "int"
	case strings.Contains(t, "float") || strings.Contains(t, "double") || strings.Contains(t, "numeric") || strings.Contains(t, "decimal") || t == "real":
		return "float"
	case strings.Contains(t, "date") || strings.Contains(t, "timestamp"):
		return "date"
	case strings.HasPrefix(t, "bool"):
		return "bool"
	}
	return "string"
}
