//go:build unix

package benchsite

import (
	"syscall"
	"time"
)

// CPUTime returns the processor time (user and system) the process has used
// so far, or 0 where the system does not tell. Unlike elapsed time it barely
// changes when other programs load the machine, so a benchmark can report
// it beside its timings.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
