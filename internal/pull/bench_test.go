package pull_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/pgtest"
	"github.com/broadsheet/broadsheet/internal/pull"
)

const factRows = 10_000_000

var makeFacts sync.Once

// facts fills the table facts with 10 million rows over 2022 (about 27,000
// a day, 20 banks), once per run.
func facts(b *testing.B) {
	makeFacts.Do(func() {
		start := time.Now()
		sqlExec(b, fmt.Sprintf(`DROP TABLE IF EXISTS facts;
			CREATE UNLOGGED TABLE facts (day date NOT NULL, bank text NOT NULL, channel text NOT NULL, amount numeric(14,2) NOT NULL);
			INSERT INTO facts SELECT DATE '2022-01-01' + (i %% 365), 'bank-' || (i %% 20), 'ch-' || (i %% 7), (i %% 100000) / 100.0
			  FROM generate_series(1, %d) i;
			ANALYZE facts`, factRows))
		size, _ := pg.Query(context.Background(), "SELECT pg_size_pretty(pg_total_relation_size('facts'))")
		b.Logf("facts: %d rows, %s, made in %s", factRows, size, time.Since(start).Round(time.Second))
	})
}

// proxy forwards loopback connections to the server and counts the bytes
// that come back from it.
type proxy struct {
	ln   net.Listener
	down atomic.Int64
}

func startProxy(b *testing.B, port int) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	p := &proxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err != nil {
				c.Close()
				continue
			}
			go func() { io.Copy(s, c); s.Close() }()
			go func() { n, _ := io.Copy(c, s); p.down.Add(n); c.Close() }()
		}
	}()
	b.Cleanup(func() { ln.Close() })
	return p
}

// peakHeap samples the heap in use until stop is called and returns the
// highest figure seen.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); <-finished; return peak.Load() }
}

func benchPull(b *testing.B, files map[string]string, o pull.Options) {
	pgtest.Need(b, pg)
	facts(b)
	px := startProxy(b, pg.Port)
	dsn := strings.Replace(pg.ReaderDSN(), fmt.Sprintf(":%d/", pg.Port), fmt.Sprintf(":%d/", px.ln.Addr().(*net.TCPAddr).Port), 1)
	files["site.toml"] = strings.Replace(pgSite, `timeout = "3s"`, `timeout = "10m"`, 1)
	dir := writeSite(b, files)
	o.Getenv = env(map[string]string{"BS_TEST_DSN": dsn})
	runtime.GC()
	b.ResetTimer()
	stop := peakHeap()
	var rows int64
	for range b.N {
		res, log, err := pullSite(b, dir, o)
		if err != nil {
			b.Fatalf("%v\n%s", err, log)
		}
		rows = res.Rows
	}
	peak := stop()
	b.StopTimer()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(rows), "result-rows")
	b.ReportMetric(float64(px.down.Load())/float64(b.N)/1024, "wire-KB/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(ru.Maxrss)/1024, "max-RSS-MB")
	var size int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".csv") {
			size += fi.Size()
		}
		return nil
	})
	b.ReportMetric(float64(size)/1024, "snapshot-KB")
}

// Three monthly editions, each aggregating its month of the 10-million-row
// table in the database: only the grouped rows cross the connection.
func BenchmarkPullAggregate10M(b *testing.B) {
	q := "SELECT bank, channel, count(*) AS n, sum(amount) AS total, round(avg(amount), 2) AS mean\n" +
		"FROM facts WHERE day >= @period_start AND day < @period_end\nGROUP BY bank, channel ORDER BY bank, channel\n"
	files := map[string]string{}
	for _, m := range []string{"2022-01", "2022-02", "2022-03"} {
		files["content/editions/"+m+"/index.md"] = edition(m)
		files["content/editions/"+m+"/sales.sql"] = q
	}
	benchPull(b, files, pull.Options{All: true})
}

// One million raw rows streamed into a snapshot: the heap stays small
// because rows are written as they arrive.
func BenchmarkPullStream1M(b *testing.B) {
	files := map[string]string{
		"content/editions/2022-01/index.md": edition("m"),
		"content/editions/2022-01/rows.sql": "SELECT day, bank, channel, amount FROM facts LIMIT 1000000\n",
	}
	benchPull(b, files, pull.Options{Edition: "2022-01"})
}
