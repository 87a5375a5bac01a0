package render

import (
	"os"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/benchsite"
	"github.com/broadsheet/broadsheet/internal/publish"
	"github.com/broadsheet/broadsheet/internal/site"
)

// benchSearch builds the search index of a generated site of n pages (the
// site loaded once, outside the timing): the time the index adds to a
// build, and its size against the pages' text.
func benchSearch(b *testing.B, n int) {
	src := b.TempDir()
	if err := benchsite.Generate(src, n, 1); err != nil {
		b.Fatal(err)
	}
	s, errs := site.Load(os.DirFS(src), site.Options{})
	if errs.Err() != nil {
		b.Fatal(errs)
	}
	var last *publish.Tree
	var r *Renderer
	var cpu time.Duration
	iters := 0
	for b.Loop() {
		c0 := benchsite.CPUTime()
		last = publish.NewTree()
		r = &Renderer{site: s}
		r.search = buildSearch(s, last)
		cpu += benchsite.CPUTime() - c0
		iters++
	}
	b.ReportMetric(cpu.Seconds()/float64(iters), "cpu-s/op")
	st := r.search.Stats
	if st.Docs != len(s.Pages) {
		b.Fatalf("indexed %d pages of %d", st.Docs, len(s.Pages))
	}
	maxShard := 0
	for name, data := range r.search.Files {
		if name != r.search.Entry && len(data) > maxShard && name[len("search/")] == 'i' {
			maxShard = len(data)
		}
	}
	b.ReportMetric(float64(st.TextBytes)/1024, "text-KB")
	b.ReportMetric(float64(st.IndexBytes)/1024, "index-KB")
	b.ReportMetric(100*float64(st.IndexBytes)/float64(st.TextBytes), "index/text-%")
	b.ReportMetric(float64(st.StoreBytes)/1024, "store-KB")
	b.ReportMetric(float64(len(r.search.Files[r.search.Entry]))/1024, "entry-KB")
	b.ReportMetric(float64(maxShard)/1024, "max-shard-KB")
	b.ReportMetric(float64(st.Shards), "shards")
	b.ReportMetric(float64(st.Tokens), "tokens")
}

// BenchmarkSearchIndex100 indexes a generated site of 100 pages.
func BenchmarkSearchIndex100(b *testing.B) { benchSearch(b, 100) }

// BenchmarkSearchIndex1000 indexes a generated site of 1,000 pages.
func BenchmarkSearchIndex1000(b *testing.B) { benchSearch(b, 1000) }

// BenchmarkSearchIndex10000 indexes a generated site of 10,000 pages.
func BenchmarkSearchIndex10000(b *testing.B) { benchSearch(b, 10000) }
