package dataset

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeBenchCSV writes a CSV of n rows shaped like the monthly accounts
// data: date, bank, type, followers, likes, posts.
func writeBenchCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	banks := make([]string, 120)
	for i := range banks {
		banks[i] = fmt.Sprintf("示例银行%03d", i)
	}
	types := []string{"总行", "信用卡中心", "分行"}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	w.WriteString("date,bank,type,followers,likes,posts\r\n")
	var buf []byte
	for i := range n {
		buf = buf[:0]
		buf = start.AddDate(0, 0, i%1000).AppendFormat(buf, "2006-01-02")
		buf = append(buf, ',')
		buf = append(buf, banks[rng.IntN(len(banks))]...)
		buf = append(buf, ',')
		buf = append(buf, types[rng.IntN(len(types))]...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, rng.Int64N(3_000_000), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, rng.Int64N(50_000_000), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, rng.Int64N(600), 10)
		buf = append(buf, '\r', '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// cpuTime returns the processor time the process has used so far, which
// other programs on a loaded machine disturb less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// heapPeak samples the bytes of live and not yet swept heap objects until
// stopped, and returns the largest value seen.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		metrics.Read(sample)
		return max(peak, sample[0].Value.Uint64())
	}
}

// BenchmarkReadCSV1M reads a 1,000,000-row CSV (about 50 MB). Besides time
// and allocations it reports peak-heap/file: the highest heap in use while
// reading, above what was in use before, divided by the file's size.
func BenchmarkReadCSV1M(b *testing.B) {
	dir := b.TempDir()
	file := "accounts.csv"
	if err := writeBenchCSV(filepath.Join(dir, file), 1_000_000); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, file))
	if err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	var worst float64
	var cpu time.Duration
	var rows int
	var types string
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		base := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(base)
		stop := heapPeak()
		b.StartTimer()
		c0 := cpuTime()
		t, err := Read(fsys, file, Decl{})
		cpu += cpuTime() - c0
		b.StopTimer()
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}
		rows = t.Len()
		types = ""
		for _, c := range t.Columns {
			types += " " + c.Type.String()
		}
		worst = max(worst, float64(peak-base[0].Value.Uint64())/float64(st.Size()))
		b.StartTimer()
	}
	if rows != 1_000_000 || types != " date string string int int int" {
		b.Fatalf("read %d rows of types%s, want 1000000 of date string string int int int", rows, types)
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(worst, "peak-heap/file")
	b.ReportMetric(float64(st.Size())/1e6, "file-MB")
}

// BenchmarkReadCSVText1M reads a 1,000,000-row CSV of distinct short texts
// (an id and a note per row), the case where cells cost the most beyond
// their text, and reports peak-heap/file as BenchmarkReadCSV1M does.
func BenchmarkReadCSVText1M(b *testing.B) {
	dir := b.TempDir()
	var buf []byte
	buf = append(buf, "id,note\n"...)
	for i := range 1_000_000 {
		buf = fmt.Appendf(buf, "ID%08d,note %d of the month\n", i*7, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.csv"), buf, 0o644); err != nil {
		b.Fatal(err)
	}
	size := len(buf)
	buf = nil
	fsys := os.DirFS(dir)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var worst float64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		base := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(base)
		stop := heapPeak()
		b.StartTimer()
		c0 := cpuTime()
		t, err := Read(fsys, "notes.csv", Decl{})
		cpu += cpuTime() - c0
		b.StopTimer()
		peak := stop()
		if err != nil || t.Len() != 1_000_000 {
			b.Fatal(err)
		}
		worst = max(worst, float64(peak-base[0].Value.Uint64())/float64(size))
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(worst, "peak-heap/file")
}

// BenchmarkReadXLSX50k reads a workbook of 50,000 rows: a date, a bank and
// its type, a percentage and two numbers, each number cell formatted, as
// exported workbooks are.
func BenchmarkReadXLSX50k(b *testing.B) {
	const rows = 50_000
	data := workbook(&testing.T{}, "Sheet1", func(f *excelize.File) {
		pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
		num, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
		day, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		sw, _ := f.NewStreamWriter("Sheet1")
		_ = sw.SetRow("A1", []any{"date", "bank", "type", "share", "followers", "likes"})
		types := []string{"总行", "信用卡中心", "分行"}
		start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			_ = sw.SetRow(cell, []any{
				excelize.Cell{StyleID: day, Value: start.AddDate(0, 0, i%1000)},
				fmt.Sprintf("示例银行%03d", i%120),
				types[i%len(types)],
				excelize.Cell{StyleID: pct, Value: float64(i%1000) / 1000},
				excelize.Cell{StyleID: num, Value: 1000 + i*7},
				excelize.Cell{StyleID: num, Value: 50 + i*3},
			})
		}
		_ = sw.Flush()
	})
	fsys := fstest.MapFS{"content/data/accounts.xlsx": {Data: []byte(data)}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		t, err := Read(fsys, "content/data/accounts.xlsx", Decl{})
		if err != nil {
			b.Fatal(err)
		}
		if t.Len() != rows {
			b.Fatalf("%d rows", t.Len())
		}
	}
}
