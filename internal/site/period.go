package site

import "time"

// EditionPeriod returns the period an edition covers, read from its folder
// name: start is its first day and end the first day after it (2022-03 is
// 2022-03-01 up to 2022-04-01, 2022-Q1 is 2022-01-01 up to 2022-04-01, and
// 2022-03-31 is that day up to 2022-04-01). ok is false when the name is not
// a date.
func EditionPeriod(name string) (start, end time.Time, ok bool) {
	start, ok = EditionDate(name)
	if !ok {
		return start, start, false
	}
	switch {
	case monthName.MatchString(name):
		end = start.AddDate(0, 1, 0)
	case quarterName.MatchString(name):
		end = start.AddDate(0, 3, 0)
	default:
		end = start.AddDate(0, 0, 1)
	}
	return start, end, true
}
