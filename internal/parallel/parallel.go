// Package parallel runs independent pieces of work on all cores: the one
// worker pool of the program.
//
// Each starts a fixed number of workers (GOMAXPROCS unless told) in an
// errgroup; they take the next index from a shared counter until none is
// left. A goroutine per index would cost more than the work itself for the
// thousands of small pieces a build has (a page, a file, a column).
//
// A panic in f is not recovered: it ends the program as it would outside
// Each.
package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Each calls f(0) … f(n-1) on up to GOMAXPROCS goroutines, each index once,
// and waits for them. See EachContext for what an error does.
func Each(n int, f func(i int) error) error {
	return EachContext(context.Background(), n, 0, func(_ context.Context, i int) error { return f(i) })
}

// Do calls f(0) … f(n-1) on up to GOMAXPROCS goroutines, each index once,
// and waits for them. Work that can fail keeps its own result per index
// (results[i] = …) or uses Each.
func Do(n int, f func(i int)) {
	_ = Each(n, func(i int) error { f(i); return nil })
}

// EachContext calls f(ctx, 0) … f(ctx, n-1) on up to workers goroutines
// (GOMAXPROCS when workers is 0 or less), each index once, and waits for
// them. Indices are started in increasing order. Once a call returns an
// error, or ctx is done, no further index is started and the context given
// to running calls is cancelled; EachContext returns the error of the lowest
// index that failed (every lower index has run by then), or ctx's error.
// A call that fails only because the context was cancelled does not count
// as the failure.
func EachContext(ctx context.Context, n, workers int, f func(ctx context.Context, i int) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	g, gctx := errgroup.WithContext(ctx)
	var (
		next  atomic.Int64
		first failure
	)
	for range workers {
		g.Go(func() error {
			for gctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				if err := f(gctx, i); err != nil {
					if done := gctx.Err(); done == nil || !errors.Is(err, done) {
						first.keep(i, err)
					}
					return err
				}
			}
			return nil
		})
	}
	_ = g.Wait()
	if first.err != nil {
		return first.err
	}
	return ctx.Err()
}

// Workers is how many goroutines Each uses for n pieces of work: for work
// split into one contiguous run per worker.
func Workers(n int) int {
	return min(runtime.GOMAXPROCS(0), max(n, 1))
}

// failure is the error of the lowest failing index.
type failure struct {
	mu  sync.Mutex
	i   int
	err error
}

func (f *failure) keep(i int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil || i < f.i {
		f.i, f.err = i, err
	}
}
