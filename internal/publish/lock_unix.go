//go:build unix && !aix

package publish

import (
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lock takes the lock file name for writing one output folder, waiting
// while another build holds it, and returns the function that lets it go.
// The lock is the kernel's (flock), so a killed build never leaves it
// held; the file itself stays beside the output. When waiting is set, it
// is called once if the wait lasts waitNotice.
func lock(name string, waiting func()) (func(), error) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output lock: %w", err)
	}
	if waiting != nil {
		t := time.AfterFunc(waitNotice, waiting)
		defer t.Stop()
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("output lock %s: %w", name, err)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
