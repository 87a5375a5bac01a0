//go:build !unix

package benchsite

import "time"

// CPUTime returns the processor time (user and system) the process has used
// so far, or 0 where the system does not tell, as here.
func CPUTime() time.Duration { return 0 }
