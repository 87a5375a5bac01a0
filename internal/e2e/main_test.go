package e2e

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// cleanups run after every test of the binary.
var (
	cleanupMu sync.Mutex
	cleanups  []func()
)

// addCleanup registers f to run when the test binary ends (for what tests
// share, such as the built sites).
func addCleanup(f func()) {
	cleanupMu.Lock()
	defer cleanupMu.Unlock()
	cleanups = append(cleanups, f)
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range cleanups {
		f()
	}
	if s := summary.String(); s != "" {
		fmt.Printf("e2e summary:\n%s", s)
	}
	os.Exit(code)
}
