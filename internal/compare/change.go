package compare

import "math"

// Change compares a value with its previous value: the difference, and the
// change as a fraction of the previous value's size (ok false when the
// previous value is zero).
func Change(cur, prev float64) (delta, change float64, ok bool) {
	delta = cur - prev
	if prev == 0 {
		return delta, 0, false
	}
	return delta, delta / math.Abs(prev), true
}
