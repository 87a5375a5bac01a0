package limits

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe is refused without being opened: opening it would block
// until a writer came, so the test would hang if ReadFile opened it.
func TestReadFileRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "data.csv"), 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(os.DirFS(dir), "data.csv")
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Fatalf("ReadFile(pipe) = %v, want ErrNotRegular", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadFile opened the pipe and blocked")
	}
}

func TestReadFileReadsARegularFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("月报"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(os.DirFS(dir), "a.txt")
	if err != nil || string(got) != "月报" {
		t.Fatalf("ReadFile = %q, %v", got, err)
	}
	if _, err := ReadFile(os.DirFS(dir), "missing.txt"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("ReadFile(missing) = %v, want not exist", err)
	}
}

func TestCheckRegular(t *testing.T) {
	for mode, want := range map[os.FileMode]error{
		0:                                 nil,
		os.ModeDir:                        nil,
		os.ModeNamedPipe:                  ErrNotRegular,
		os.ModeSocket:                     ErrNotRegular,
		os.ModeDevice:                     ErrNotRegular,
		os.ModeDevice | os.ModeCharDevice: ErrNotRegular,
	} {
		if got := CheckRegular(mode); got != want {
			t.Errorf("CheckRegular(%v) = %v, want %v", mode, got, want)
		}
	}
}
