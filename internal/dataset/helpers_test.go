package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// dump writes a table as one line per column, "name:type v1 v2 ...", with
// nulls as ∅ and strings quoted, then the row lines.
func dump(t *Table) string {
	var b strings.Builder
	for _, c := range t.Columns {
		fmt.Fprintf(&b, "%s:%s", c.Name, c.Type)
		if c.Len() != len(t.Line) {
			fmt.Fprintf(&b, " (%d values for %d lines)", c.Len(), len(t.Line))
		}
		for i := 0; i < c.Len(); i++ {
			b.WriteByte(' ')
			switch {
			case c.IsNull(i):
				b.WriteString("∅")
			case c.Type == String:
				b.WriteString(fmt.Sprintf("%q", c.Str[i]))
			case c.Type == Date:
				d := c.Value(i).(time.Time)
				if d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 {
					b.WriteString(d.Format("2006-01-02T15:04:05"))
				} else {
					b.WriteString(d.Format("2006-01-02"))
				}
			default:
				b.WriteString(c.Text(i))
			}
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "lines %v", t.Line)
	return b.String()
}

// readCase is one table-driven case: a file's content read with a
// declaration gives either a table (as dumped) or an error text.
type readCase struct {
	name string
	file string // defaults to the test's file name
	data string
	decl Decl
	want string
	err  string
}

func runReadCases(t *testing.T, defaultFile string, cases []readCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = defaultFile
			}
			fsys := fstest.MapFS{file: {Data: []byte(tc.data)}}
			tb, err := Read(fsys, file, tc.decl)
			checkRead(t, tb, err, tc.want, tc.err)
		})
	}
}

func checkRead(t *testing.T, tb *Table, err error, want, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil {
			t.Fatalf("no error; want\n%s\ntable:\n%s", wantErr, dump(tb))
		}
		if err.Error() != wantErr {
			t.Fatalf("error:\n%s\nwant:\n%s", err, wantErr)
		}
		if tb != nil {
			t.Errorf("got a table along with the error")
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error:\n%v", err)
	}
	if got := dump(tb); got != want {
		t.Fatalf("table:\n%s\nwant:\n%s", got, want)
	}
}

// parseAll runs the CSV parser over s and returns its records, the line
// each starts on, and whether any record had a syntax error.
func parseAll(s string) (recs [][]string, lines []int, bad bool) {
	p := &csvParser{s: s, line: 1}
	var buf []string
	for {
		f, line, cerr, ok := p.next(buf)
		if !ok {
			return recs, lines, bad
		}
		if cerr != nil {
			bad = true
			continue
		}
		recs = append(recs, append([]string(nil), f...))
		lines = append(lines, line)
		buf = f
	}
}

// compareWithEncodingCSV checks that the parser agrees with encoding/csv:
// both accept s with the same records starting on the same lines, or both
// reject it.
func compareWithEncodingCSV(t *testing.T, s string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	var want [][]string
	var wantLines []int
	var stdErr error
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			stdErr = err
			break
		}
		line, _ := r.FieldPos(0)
		want = append(want, rec)
		wantLines = append(wantLines, line)
	}
	got, gotLines, bad := parseAll(s)
	if (stdErr != nil) != bad {
		t.Fatalf("%q: encoding/csv error %v, parser error %v", s, stdErr, bad)
	}
	if stdErr != nil {
		return
	}
	if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("%q:\nparser       %q\nencoding/csv %q", s, got, want)
	}
	if !reflect.DeepEqual(gotLines, wantLines) && len(want) > 0 {
		t.Fatalf("%q: lines %v, encoding/csv %v", s, gotLines, wantLines)
	}
}
