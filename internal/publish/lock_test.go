//go:build unix && !aix

package publish

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// A build that finds the output locked by another says so once, after
// about a second, and writes when the other is done; one that finds it
// free says nothing.
func TestWriteWaitingNotice(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	var calls atomic.Int32
	if err := tree("index.html", "free").WriteWaiting(out, func() { calls.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("waiting called %d times without another build", n)
	}
	unlock, err := lock(filepath.Join(dir, ".public.lock"), nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan struct{}, 2)
	done := make(chan error, 1)
	go func() {
		done <- tree("index.html", "second").WriteWaiting(out, func() { calls.Add(1); waited <- struct{}{} })
	}()
	select {
	case <-waited:
	case err := <-done:
		t.Fatalf("the write finished (%v) while another build held the lock", err)
	case <-time.After(30 * time.Second):
		t.Fatal("no notice after 30 s of waiting")
	}
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("waiting called %d times, want once", n)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "second" {
		t.Errorf("index.html = %q after the wait", got)
	}
}
