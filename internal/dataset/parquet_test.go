package dataset

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parquet-go/parquet-go"
)

type parquetRow struct {
	Bank      string    `parquet:"bank"`
	Followers int64     `parquet:"followers"`
	Posts     *int32    `parquet:"posts,optional"`
	Share     float64   `parquet:"share"`
	Margin    int64     `parquet:"margin,decimal(2:10)"`
	Day       int32     `parquet:"day,date"` // days since 1970-01-01
	At        time.Time `parquet:"at,timestamp(millisecond)"`
	Verified  bool      `parquet:"verified"`
}

// ParquetFile writes rows as a Parquet file, for tests.
func parquetFile(t testing.TB, rows any) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch r := rows.(type) {
	case []parquetRow:
		err = parquet.Write(&b, r)
	case []struct {
		Tags []string `parquet:"tags,list"`
	}:
		err = parquet.Write(&b, r)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadParquetTypes(t *testing.T) {
	seven := int32(7)
	rows := []parquetRow{
		{Bank: "工商银行", Followers: 1200, Posts: &seven, Share: 0.25, Margin: 1234, Day: 19082, // 2022-03-31
			At: time.Date(2022, 3, 31, 8, 30, 0, 0, time.UTC), Verified: true},
		{Bank: "Bank B", Followers: -5, Share: 1.5, Margin: -50, Day: 18962 /* 2021-12-01 */, At: time.Unix(0, 0).UTC()},
	}
	fsys := fstest.MapFS{"data/accounts.parquet": {Data: parquetFile(t, rows)}}
	tab, err := Read(fsys, "data/accounts.parquet", Decl{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Name != "accounts" || tab.Len() != 2 {
		t.Fatalf("name %q, %d rows", tab.Name, tab.Len())
	}
	want := map[string]struct {
		typ  Type
		text [2]string
	}{
		"bank":      {String, [2]string{"工商银行", "Bank B"}},
		"followers": {Int, [2]string{"1200", "-5"}},
		"posts":     {Int, [2]string{"7", ""}},
		"share":     {Float, [2]string{"0.25", "1.5"}},
		"margin":    {Float, [2]string{"12.34", "-0.5"}},
		"day":       {Date, [2]string{"2022-03-31", "2021-12-01"}},
		"at":        {Date, [2]string{"2022-03-31", "1970-01-01"}},
		"verified":  {Bool, [2]string{"true", "false"}},
	}
	for name, w := range want {
		c := tab.Column(name)
		if c == nil {
			t.Errorf("no column %q in %v", name, tab.Names())
			continue
		}
		if c.Type != w.typ || c.Text(0) != w.text[0] || c.Text(1) != w.text[1] {
			t.Errorf("%s: %v %q %q, want %v %q %q", name, c.Type, c.Text(0), c.Text(1), w.typ, w.text[0], w.text[1])
		}
	}
	if got := tab.Column("at").Num[0]; got != float64(time.Date(2022, 3, 31, 8, 30, 0, 0, time.UTC).UnixMilli()) {
		t.Errorf("timestamp lost its time of day: %v", got)
	}
	if tab.Line[1] != 2 {
		t.Errorf("line of row 2 = %d, want its row number", tab.Line[1])
	}
}

func TestReadParquetErrors(t *testing.T) {
	nested := []struct {
		Tags []string `parquet:"tags,list"`
	}{{Tags: []string{"a"}}}
	fsys := fstest.MapFS{
		"bad.parquet":    {Data: []byte("PAR1 not really")},
		"nested.parquet": {Data: parquetFile(t, nested)},
		"typed.parquet":  {Data: parquetFile(t, []parquetRow{{Bank: "A"}})},
	}
	for file, want := range map[string]string{
		"bad.parquet":    "bad.parquet: not a readable Parquet file",
		"nested.parquet": `nested.parquet: column "tags" is nested or repeated`,
		"typed.parquet":  `typed.parquet: column "bank" is string in the Parquet file but declared int`,
	} {
		_, err := Read(fsys, file, Decl{Columns: map[string]string{"bank": "int"}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", file, err, want)
		}
	}
}
