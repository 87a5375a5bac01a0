package dataset

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"testing/fstest"
)

// withPiece reads CSV files through a buffer of n bytes while f runs.
func withPiece(n int, f func()) {
	old := csvPiece
	csvPiece = n
	defer func() { csvPiece = old }()
	f()
}

// randomCSV writes a CSV of rows drawn from cells that exercise the
// parser and the typing: quotes, line breaks in fields, CRLF, empty lines,
// syntax errors, ragged rows, and columns that turn string late.
func randomCSV(rng *rand.Rand) string {
	cells := []string{"1", "2.5", "-3", "1,234", `"1,234"`, "007", "abc", "", " 4 ", "2022-03-31", "true",
		`"say ""hi"""`, "\"two\r\nlines\"", "\"two\nlines\"", `a"b`, `"x"y`, "12%", "示例银行", "\u3000"}
	var b strings.Builder
	if rng.IntN(4) == 0 {
		b.WriteString("\ufeff")
	}
	width := 1 + rng.IntN(4)
	names := []string{"a", "b", "", "a", "c"}
	for j := range width {
		if j > 0 {
			b.WriteByte(',')
		}
		b.WriteString(names[rng.IntN(len(names))])
	}
	eol := "\n"
	if rng.IntN(2) == 0 {
		eol = "\r\n"
	}
	b.WriteString(eol)
	rows := rng.IntN(60)
	for range rows {
		n := width
		if rng.IntN(15) == 0 {
			n = 1 + rng.IntN(5)
		}
		if rng.IntN(12) == 0 {
			b.WriteString(eol)
		}
		for j := range n {
			if j > 0 {
				b.WriteByte(',')
			}
			if rng.IntN(3) == 0 {
				b.WriteString(cells[rng.IntN(len(cells))])
			} else {
				b.WriteString(cells[j%4])
			}
		}
		b.WriteString(eol)
	}
	if rng.IntN(5) == 0 {
		b.WriteString(`"never closed`)
	}
	return b.String()
}

// A CSV file read through a small buffer, its records cut anywhere, reads
// exactly as when it is read in one piece.
func TestCSVPiecesReadAsWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	decls := []Decl{{}, {Columns: map[string]string{"a": "int"}}, {Columns: map[string]string{"b": "string"}}}
	for i := range 400 {
		src := randomCSV(rng)
		decl := decls[i%len(decls)]
		fsys := fstest.MapFS{"d.csv": {Data: []byte(src)}}
		want, wantErr := Read(fsys, "d.csv", decl)
		for _, n := range []int{1, 2, 3, 5, 8, 13, 40} {
			withPiece(n, func() {
				got, err := Read(fsys, "d.csv", decl)
				if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
					t.Fatalf("read through %d bytes differs from a whole read of %q:\ngot  %v, %v\nwant %v, %v",
						n, src, got, err, want, wantErr)
				}
			})
		}
	}
}

// A column typed as numbers for many rows that turns to text near the end
// keeps every cell's text as written.
func TestCSVLateTextColumn(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,n\n")
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&b, "%d,\"%d\"\n", i, i*1000)
	}
	b.WriteString("x,7\n")
	fsys := fstest.MapFS{"d.csv": {Data: []byte(b.String())}}
	withPiece(64, func() {
		tb, err := Read(fsys, "d.csv", Decl{})
		if err != nil {
			t.Fatal(err)
		}
		id, n := tb.Column("id"), tb.Column("n")
		if id.Type != String || n.Type != Int || tb.Len() != 5001 {
			t.Fatalf("got %d rows of %v, %v; want 5001 of string, int", tb.Len(), id.Type, n.Type)
		}
		if id.Str[0] != "1" || id.Str[4999] != "5000" || id.Str[5000] != "x" || n.Num[4999] != 5000000 {
			t.Errorf("cells %q %q %q %v", id.Str[0], id.Str[4999], id.Str[5000], n.Num[4999])
		}
	})
}

// Reading a large numeric CSV holds no more than twice the file's size in
// heap at any moment: the text is never held whole.
func TestReadCSVPeakHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 50 MB file")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "big.csv")
	if err := writeBenchCSV(file, 900_000); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	// The collector's default pace, whatever GOGC the tests run with.
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	runtime.GC()
	base := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(base)
	stop := heapPeak()
	tb, err := Read(os.DirFS(dir), "big.csv", Decl{})
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	ratio := float64(peak-base[0].Value.Uint64()) / float64(st.Size())
	t.Logf("%d rows, %.1f MB, peak heap %.2f × the file", tb.Len(), float64(st.Size())/1e6, ratio)
	if ratio > 2 {
		t.Errorf("peak heap while reading was %.2f × the file's size, want at most 2", ratio)
	}
}
