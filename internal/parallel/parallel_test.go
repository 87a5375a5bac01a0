package parallel

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/sync/errgroup"
)

func TestEachRunsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		for _, workers := range []int{0, 1, 3, 64} {
			t.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(t *testing.T) {
				counts := make([]atomic.Int32, n)
				err := EachContext(context.Background(), n, workers, func(_ context.Context, i int) error {
					counts[i].Add(1)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				for i := range counts {
					if c := counts[i].Load(); c != 1 {
						t.Fatalf("index %d ran %d times", i, c)
					}
				}
			})
		}
	}
}

func TestDoRunsEveryIndexOnce(t *testing.T) {
	out := make([]int, 500)
	Do(len(out), func(i int) { out[i] += i + 1 })
	for i, v := range out {
		if v != i+1 {
			t.Fatalf("out[%d] = %d, want %d", i, v, i+1)
		}
	}
}

func TestEachContextKeepsToItsWorkers(t *testing.T) {
	var active, most atomic.Int32
	err := EachContext(context.Background(), 200, 3, func(context.Context, int) error {
		a := active.Add(1)
		for {
			m := most.Load()
			if a <= m || most.CompareAndSwap(m, a) {
				break
			}
		}
		for range 1000 {
			_ = active.Load()
		}
		active.Add(-1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if m := most.Load(); m > 3 || m < 1 {
		t.Fatalf("%d calls ran at once with 3 workers", m)
	}
}

func TestEachStopsAtAnError(t *testing.T) {
	var ran []int
	boom := errors.New("boom")
	err := EachContext(context.Background(), 10, 1, func(_ context.Context, i int) error {
		ran = append(ran, i)
		if i == 3 {
			return boom
		}
		return nil
	})
	if err != boom {
		t.Fatalf("err = %v, want boom", err)
	}
	if fmt.Sprint(ran) != "[0 1 2 3]" {
		t.Fatalf("ran %v; nothing should start after index 3 failed", ran)
	}
}

// The error returned is the lowest failing index's, even when a higher index
// failed first.
func TestEachReturnsTheLowestFailure(t *testing.T) {
	highFailed := make(chan struct{})
	err := EachContext(context.Background(), 100, 2, func(_ context.Context, i int) error {
		switch i {
		case 10:
			<-highFailed
			return errors.New("index 10")
		case 20:
			defer close(highFailed)
			return errors.New("index 20")
		}
		return nil
	})
	if err == nil || err.Error() != "index 10" {
		t.Fatalf("err = %v, want index 10's", err)
	}
}

// A call that gives up because another failed is not the failure reported.
func TestEachIgnoresCancelledCalls(t *testing.T) {
	started := make(chan struct{})
	err := EachContext(context.Background(), 100, 2, func(ctx context.Context, i int) error {
		switch i {
		case 10:
			close(started)
			<-ctx.Done()
			return ctx.Err()
		case 20:
			<-started
			return errors.New("index 20")
		}
		return nil
	})
	if err == nil || err.Error() != "index 20" {
		t.Fatalf("err = %v, want index 20's", err)
	}
}

func TestEachContextCancelledBefore(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ran atomic.Int32
	err := EachContext(ctx, 50, 2, func(context.Context, int) error { ran.Add(1); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ran.Load() != 0 {
		t.Fatalf("%d calls ran after the context was cancelled", ran.Load())
	}
}

func TestWorkers(t *testing.T) {
	if w := Workers(0); w != 1 {
		t.Fatalf("Workers(0) = %d, want 1", w)
	}
	if w := Workers(1); w != 1 {
		t.Fatalf("Workers(1) = %d, want 1", w)
	}
}

// small is a piece of work the size of a build's smallest: a few hundred
// nanoseconds.
func small(out []uint64, i int) {
	h := uint64(i)
	for range 64 {
		h = h*6364136223846793005 + 1442695040888963407
	}
	out[i] = h
}

// BenchmarkEach10000 is Each over 10,000 small pieces of work.
func BenchmarkEach10000(b *testing.B) {
	out := make([]uint64, 10000)
	for b.Loop() {
		Do(len(out), func(i int) { small(out, i) })
	}
}

// BenchmarkErrgroupPerTask10000 is the same work with a goroutine per piece
// (errgroup with SetLimit), the design Each does not use.
func BenchmarkErrgroupPerTask10000(b *testing.B) {
	out := make([]uint64, 10000)
	for b.Loop() {
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for i := range out {
			g.Go(func() error { small(out, i); return nil })
		}
		_ = g.Wait()
	}
}

// BenchmarkChannelPool10000 is the same work over a channel of indices, the
// pools Each replaced.
func BenchmarkChannelPool10000(b *testing.B) {
	out := make([]uint64, 10000)
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan int)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := range next {
					small(out, i)
				}
			})
		}
		for i := range out {
			next <- i
		}
		close(next)
		wg.Wait()
	}
}
