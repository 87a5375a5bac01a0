package content

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestEditionPeriod(t *testing.T) {
	tests := []struct {
		name       string
		unit       Unit
		start, end time.Time
		last       time.Time
	}{
		{"2022-03", Month, day(2022, 3, 1), day(2022, 4, 1), day(2022, 3, 31)},
		{"2022-12", Month, day(2022, 12, 1), day(2023, 1, 1), day(2022, 12, 31)},
		{"2024-02", Month, day(2024, 2, 1), day(2024, 3, 1), day(2024, 2, 29)},
		{"2022-Q1", Quarter, day(2022, 1, 1), day(2022, 4, 1), day(2022, 3, 31)},
		{"2022-Q2", Quarter, day(2022, 4, 1), day(2022, 7, 1), day(2022, 6, 30)},
		{"2022-Q4", Quarter, day(2022, 10, 1), day(2023, 1, 1), day(2022, 12, 31)},
		{"2022-03-31", Day, day(2022, 3, 31), day(2022, 4, 1), day(2022, 3, 31)},
	}
	for _, tt := range tests {
		p, ok := EditionPeriod(tt.name)
		if !ok || p.Unit != tt.unit || !p.Start.Equal(tt.start) || !p.End.Equal(tt.end) || !p.Last().Equal(tt.last) {
			t.Errorf("EditionPeriod(%q) = %+v (last %v), %v; want unit %v from %v to %v, last %v",
				tt.name, p, p.Last(), ok, tt.unit, tt.start, tt.end, tt.last)
		}
	}
	for _, name := range []string{"2022-13", "2022-Q5", "march", "2022-02-30", "2022-3", "22-03", ""} {
		if p, ok := EditionPeriod(name); ok {
			t.Errorf("EditionPeriod(%q) = %+v, true; want false", name, p)
		}
	}
}

func TestYearAgoName(t *testing.T) {
	for in, want := range map[string]string{
		"2023-03": "2022-03", "2023-Q1": "2022-Q1", "2023-03-31": "2022-03-31", "march": "", "2023-13": "", "0000-03": "",
	} {
		if got := YearAgoName(in); got != want {
			t.Errorf("YearAgoName(%q) = %q, want %q", in, got, want)
		}
	}
}
