//go:build unix && !aix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// syncBuffer is a buffer that a build's goroutines may write while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A build that finds another writing the same output says so on stderr
// and builds when the other is done.
func TestBuildWaitsAloud(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"T\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(site, "public")
	f, err := os.OpenFile(filepath.Join(site, ".public.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- Main([]string{"build", "--source", site, "--quiet"}, &stdout, &stderr) }()
	want := "waiting for another build writing " + out + " to finish…\n"
	deadline := time.Now().Add(30 * time.Second)
	for stderr.String() != want {
		if time.Now().After(deadline) {
			t.Fatalf("stderr = %q after 30 s, want %q", stderr.String(), want)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	if st := <-done; st != ExitOK {
		t.Fatalf("exit %d, stderr %q", st, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}
