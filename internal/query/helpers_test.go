package query

import (
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// col builds a column from values (nil for a null).
func col(name string, typ dataset.Type, vals ...any) *dataset.Column {
	c := dataset.NewColumn(name, typ, len(vals))
	for _, v := range vals {
		c.Append(v)
	}
	return c
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// accounts is the shared test table. Its lines start at 2, as in a CSV file
// with a header.
func accounts() *dataset.Table {
	return &dataset.Table{
		Name: "accounts",
		File: "data/accounts.csv",
		Columns: []*dataset.Column{
			col("bank", dataset.String, "招商银行", "工商银行", "北京分行", "上海分行", "平安银行"),
			col("type", dataset.String, "总行", "总行", "分行", "分行", "总行"),
			col("followers", dataset.Int, 2150000, 1800000, 50000, nil, 1800000),
			col("likes", dataset.Int, 300, 120, nil, 40, 90),
			col("posts", dataset.Int, 10, 0, 5, 8, 3),
			col("rate", dataset.Float, 0.5, nil, 1.5, 2.0, 0.25),
			col("active", dataset.Bool, true, false, nil, true, true),
			col("day", dataset.Date, day("2022-03-01"), day("2022-03-02"), day("2022-02-28"), nil, day("2022-03-05")),
		},
		Line: []int{2, 3, 4, 5, 6},
	}
}

// dump renders a table as text: a header of name:type, then one line per
// row with cells separated by "|" and nulls shown as "-".
func dump(t *dataset.Table) string {
	var b strings.Builder
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString("|")
		}
		b.WriteString(c.Name + ":" + c.Type.String())
	}
	for r := range t.Len() {
		b.WriteString("\n")
		for i, c := range t.Columns {
			if i > 0 {
				b.WriteString("|")
			}
			if c.IsNull(r) {
				b.WriteString("-")
			} else {
				b.WriteString(c.Text(r))
			}
		}
	}
	return b.String()
}
