package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestEditionDate(t *testing.T) {
	tests := []struct {
		name string
		want time.Time
		ok   bool
	}{
		{"2022-03", time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), true},
		{"2022-Q2", time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{"2022-Q4", time.Date(2022, 10, 1, 0, 0, 0, 0, time.UTC), true},
		{"2022-03-31", time.Date(2022, 3, 31, 0, 0, 0, 0, time.UTC), true},
		{"2022-13", time.Time{}, false},
		{"2022-Q5", time.Time{}, false},
		{"march", time.Time{}, false},
		{"2022-02-30", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := EditionDate(tt.name)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("EditionDate(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestYearAgoName(t *testing.T) {
	for in, want := range map[string]string{
		"2023-03": "2022-03", "2023-Q1": "2022-Q1", "2023-03-31": "2022-03-31", "march": "", "2023-13": "",
	} {
		if got := YearAgoName(in); got != want {
			t.Errorf("YearAgoName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBaseURLFlagParts(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": &fstest.MapFile{Data: []byte("title = \"T\"\n")}}
	for _, u := range []string{"https://example.com/r/?x=1", "https://example.com/r/#a", "https://u:secret@example.com/"} {
		_, errs := Load(fsys, Options{BaseURL: u})
		if len(errs) == 0 || !strings.HasPrefix(errs.Error(), "--base-url ") || strings.Contains(errs.Error(), "secret") {
			t.Errorf("%s: got %v", u, errs)
		}
	}
}
