package content

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Unit is the length of time an edition covers.
type Unit int

// The units an edition's folder name can name.
const (
	Month   Unit = iota + 1 // 2022-03
	Quarter                 // 2022-Q1
	Day                     // 2022-03-31
)

// Period is what an edition's folder name means: the time it covers.
type Period struct {
	Unit Unit
	// Start is its first day and End the first day after it.
	Start, End time.Time
}

// Last is the period's last day.
func (p Period) Last() time.Time { return p.End.AddDate(0, 0, -1) }

var (
	monthName   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	quarterName = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)
	dayName     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// EditionPeriod reads the period an edition covers from its folder name:
// YYYY-MM (2022-03 is 2022-03-01 up to 2022-04-01), YYYY-Qn (2022-Q1 is
// 2022-01-01 up to 2022-04-01) or YYYY-MM-DD (2022-03-31 is that day up to
// 2022-04-01). ok is false when the name is none of them.
func EditionPeriod(name string) (p Period, ok bool) {
	switch {
	case monthName.MatchString(name):
		start, err := time.Parse("2006-01", name)
		return Period{Unit: Month, Start: start, End: start.AddDate(0, 1, 0)}, err == nil
	case quarterName.MatchString(name):
		m := quarterName.FindStringSubmatch(name)
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		start := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return Period{Unit: Quarter, Start: start, End: start.AddDate(0, 3, 0)}, true
	case dayName.MatchString(name):
		start, err := time.Parse("2006-01-02", name)
		return Period{Unit: Day, Start: start, End: start.AddDate(0, 0, 1)}, err == nil
	}
	return Period{}, false
}

// YearAgoName is the name of the edition of the same period a year before
// the edition named (2023-03 → 2022-03, 2023-Q1 → 2022-Q1, 2023-03-31 →
// 2022-03-31), or "" when the name is not a period or has no year before.
func YearAgoName(name string) string {
	if _, ok := EditionPeriod(name); !ok {
		return ""
	}
	y, err := strconv.Atoi(name[:4])
	if err != nil || y < 1 {
		return ""
	}
	return fmt.Sprintf("%04d", y-1) + name[4:]
}
