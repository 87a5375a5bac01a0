package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/benchsite"
)

// memPeak samples the runtime's memory every millisecond until stopped.
type memPeak struct {
	done chan struct{}
	wg   sync.WaitGroup
	// heap is the largest heap seen: live objects plus garbage not yet
	// swept, the figure the collector's goal is measured against.
	heap uint64
	// sys is the largest memory the runtime held from the OS and had not
	// returned: about the process's resident size.
	sys uint64
}

var memSamples = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
}

func (m *memPeak) read(s []metrics.Sample) {
	metrics.Read(s)
	m.heap = max(m.heap, s[0].Value.Uint64())
	m.sys = max(m.sys, s[1].Value.Uint64()-s[2].Value.Uint64())
}

// startMemPeak starts sampling in a goroutine.
func startMemPeak() *memPeak {
	m := &memPeak{done: make(chan struct{})}
	m.wg.Go(func() {
		s := make([]metrics.Sample, len(memSamples))
		for i, n := range memSamples {
			s[i].Name = n
		}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			m.read(s)
			select {
			case <-m.done:
				m.read(s)
				return
			case <-t.C:
			}
		}
	})
	return m
}

// stop ends sampling; the peaks are final when it returns.
func (m *memPeak) stop() {
	close(m.done)
	m.wg.Wait()
}

// settle collects garbage and returns freed memory to the system, so that
// the next measurement starts from what is really in use.
func settle() { debug.FreeOSMemory() }

// heapNow returns the heap in use after a full collection.
func heapNow() uint64 {
	settle()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

const mb = 1 << 20

// benchBuild generates a site of n pages once, outside the timer, then
// builds it fully in each iteration: into memory, or, with write set, to a
// folder on disk as the build command does. It reports pages per second,
// the processor time per build (user and system, all cores: on a loaded
// machine it moves much less than the elapsed time), and the peak heap and
// process memory of the worst iteration.
func benchBuild(b *testing.B, n int, write bool, svg svgMode) {
	src := b.TempDir()
	if err := benchsite.Generate(src, n, 1); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: src, CacheDir: b.TempDir()}
	if svg == svgOff {
		turnSVGOff(b, src)
	}
	if svg == svgWarm {
		if _, err := Run(opts); err != nil { // fills the cache
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	var (
		elapsed   time.Duration
		cpu       time.Duration
		iters     int
		heap, sys uint64
		files     int
		size      int64
	)
	for b.Loop() {
		b.StopTimer()
		if svg == svgCold {
			opts.CacheDir = b.TempDir()
		}
		settle()
		m := startMemPeak()
		t0, c0 := time.Now(), benchsite.CPUTime()
		b.StartTimer()
		var res *Result
		var err error
		if write {
			res, err = Write(opts, out)
		} else {
			res, err = Run(opts)
		}
		b.StopTimer()
		elapsed += time.Since(t0)
		cpu += benchsite.CPUTime() - c0
		iters++
		m.stop()
		if err != nil {
			b.Fatal(err)
		}
		// Every page drew its bar and line chart.
		if res.Site.Charts != 2*n {
			b.Fatalf("built %d charts, want %d", res.Site.Charts, 2*n)
		}
		heap, sys = max(heap, m.heap), max(sys, m.sys)
		files, size = res.Tree.Len(), res.Tree.Size()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*iters)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(cpu.Seconds()/float64(iters), "cpu-s/op")
	b.ReportMetric(float64(heap)/mb, "peak-heap-MB")
	b.ReportMetric(float64(sys)/mb, "peak-sys-MB")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/mb, "out-MB")
}

// svgMode says how a benchmark treats the charts' SVG drawings.
type svgMode int

const (
	svgOff  svgMode = iota // not drawn: svg = false
	svgWarm                // drawn (the default), every drawing in the cache
	svgCold                // drawn, from an empty cache each iteration
)

// turnSVGOff sets svg = false in the generated site.toml.
func turnSVGOff(b testing.TB, src string) {
	name := filepath.Join(src, "site.toml")
	cfg, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte("[charts]\n"), []byte("[charts]\nsvg = false\n"), 1)
	if err := os.WriteFile(name, cfg, 0o644); err != nil {
		b.Fatal(err)
	}
}

// The build benchmarks without "SVG" in their names build with svg = false,
// so their figures compare with those taken before charts were drawn.

// BenchmarkBuild100 builds a site of 100 pages (2 charts and 1 table each)
// into memory.
func BenchmarkBuild100(b *testing.B) { benchBuild(b, 100, false, svgOff) }

// BenchmarkBuild1000 builds a site of 1,000 pages into memory.
func BenchmarkBuild1000(b *testing.B) { benchBuild(b, 1000, false, svgOff) }

// BenchmarkBuild1000SVGWarm builds the same site with its charts drawn as
// SVG (the default), every drawing in the cache: a rebuild.
func BenchmarkBuild1000SVGWarm(b *testing.B) { benchBuild(b, 1000, false, svgWarm) }

// BenchmarkBuild1000SVGCold builds it drawing all 2,000 charts (an empty
// cache, ECharts loaded into fresh runtimes): a first build.
func BenchmarkBuild1000SVGCold(b *testing.B) { benchBuild(b, 1000, false, svgCold) }

// BenchmarkBuild1000Write builds a site of 1,000 pages and writes it to a
// folder, replacing the previous iteration's output as a rebuild does.
func BenchmarkBuild1000Write(b *testing.B) { benchBuild(b, 1000, true, svgOff) }

// BenchmarkBuild10000 builds a site of 10,000 pages into memory.
func BenchmarkBuild10000(b *testing.B) { benchBuild(b, 10000, false, svgOff) }

// BenchmarkAggregate1M builds a one-page site whose chart groups a
// 1,000,000-row site-wide CSV by type and sums followers. Besides time it
// reports the CSV's size, the peak heap above the heap in use before the
// build, and that peak divided by the file's size.
func BenchmarkAggregate1M(b *testing.B) { benchAggregate(b, benchsite.GenerateAggregate) }

// BenchmarkAggregate1MSQL is BenchmarkAggregate1M with the chart's query
// written as sql: the CSV is read as before, then loaded into the embedded
// engine, which groups and sums.
func BenchmarkAggregate1MSQL(b *testing.B) { benchAggregate(b, benchsite.GenerateAggregateSQL) }

func benchAggregate(b *testing.B, generate func(string, int) (string, error)) {
	src := b.TempDir()
	csv, err := generate(src, 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(csv)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Source: src}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	var heap, sys uint64
	var cpu time.Duration
	iters := 0
	for b.Loop() {
		b.StopTimer()
		base := heapNow()
		m := startMemPeak()
		c0 := benchsite.CPUTime()
		b.StartTimer()
		res, err := Run(opts)
		b.StopTimer()
		cpu += benchsite.CPUTime() - c0
		iters++
		m.stop()
		if err != nil {
			b.Fatal(err)
		}
		home, _ := res.Tree.Get("index.html")
		// Five bank types, each a bar.
		if res.Site.Charts != 1 || bytes.Count(home, []byte(`<tr><td>`)) != 5 {
			b.Fatalf("built %d charts and %d data rows, want 1 chart of 5 rows", res.Site.Charts, bytes.Count(home, []byte(`<tr><td>`)))
		}
		heap = max(heap, m.heap-min(base, m.heap))
		sys = max(sys, m.sys)
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(iters), "cpu-s/op")
	b.ReportMetric(float64(st.Size())/mb, "file-MB")
	b.ReportMetric(float64(heap)/mb, "peak-heap-MB")
	b.ReportMetric(float64(heap)/float64(st.Size()), "peak-heap/file")
	b.ReportMetric(float64(sys)/mb, "peak-sys-MB")
}
