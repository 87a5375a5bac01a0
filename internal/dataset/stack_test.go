package dataset

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func stackPart(t *testing.T, file, data string) *Table {
	t.Helper()
	tb, err := Read(fstest.MapFS{file: {Data: []byte(data)}}, file, Decl{})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// texts writes each column as name:type then its values, ∅ for a null.
func texts(tb *Table) string {
	var b strings.Builder
	for _, c := range tb.Columns {
		b.WriteString(c.Name + ":" + c.Type.String())
		for i := range c.Len() {
			if c.IsNull(i) {
				b.WriteString(" ∅")
			} else {
				b.WriteString(" " + c.Text(i))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestStack(t *testing.T) {
	jan := stackPart(t, "2024-01/sales.csv", "region,units,note\nN,3,\nS,4,late\n")
	feb := stackPart(t, "2024-02/sales.csv", "note,units,region\nok,2.5,N\n")
	tags := []*Column{{Name: "edition", Type: String}, {Name: "edition_date", Type: Date}}
	d1, d2 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	got, err := Stack("editions:sales", tags, []Tagged{{jan, []any{"2024-01", d1}}, {feb, []any{"2024-02", d2}}})
	if err != nil {
		t.Fatal(err)
	}
	want := `edition:string 2024-01 2024-01 2024-02
edition_date:date 2024-01-01 2024-01-01 2024-02-01
region:string N S N
units:float 3 4 2.5
note:string ∅ late ok
`
	if s := texts(got); s != want {
		t.Errorf("stacked:\n%s\nwant:\n%s", s, want)
	}
	if got.Name != "editions:sales" || got.File != "2024-01/sales.csv" || got.Len() != 3 {
		t.Errorf("name %q, file %q, %d rows", got.Name, got.File, got.Len())
	}
	if jan.Column("units").Type != Int || jan.Len() != 2 {
		t.Errorf("a stacked table changed")
	}
}

func TestStackErrors(t *testing.T) {
	jan := stackPart(t, "2024-01/sales.csv", "region,units\nN,3\n")
	tests := []struct {
		other *Table
		want  string
	}{
		{stackPart(t, "2024-02/sales.csv", "region\nN\n"),
			`2024-02/sales.csv:1: dataset "sales" has no column "units", which 2024-01/sales.csv has (give every file the same columns)`},
		{stackPart(t, "2024-02/sales.csv", "region,units\nN,many\n"),
			`2024-02/sales.csv:1: column "units" is string here but int in 2024-01/sales.csv (declare the column's type under [datasets.sales] columns in site.toml)`},
	}
	for _, tt := range tests {
		_, err := Stack("editions:sales", nil, []Tagged{{Table: jan}, {Table: tt.other}})
		if err == nil || err.Error() != tt.want {
			t.Errorf("got %v\nwant %s", err, tt.want)
		}
	}
	if _, err := Stack("x", nil, nil); err == nil {
		t.Error("stacking no tables: no error")
	}
}
