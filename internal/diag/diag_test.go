package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestListSortsAndDeduplicates(t *testing.T) {
	var l List
	l.Addf(Pos{File: "content/b.md", Line: 3}, "second")
	l.Addf(Pos{File: "content/a.md", Line: 10}, "later line")
	l.Addf(Pos{File: "content/a.md", Line: 2}, "first")
	l.Addf(Pos{File: "content/b.md", Line: 3}, "second")
	l.Add(&Error{Pos: Pos{File: "site.toml", Line: 1}, Msg: "just a warning", Warning: true})
	got := l.Sort()
	want := "content/a.md:2: first\ncontent/a.md:10: later line\ncontent/b.md:3: second\nsite.toml:1: warning: just a warning"
	if got.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(got.Errors()) != 3 || len(got.Warnings()) != 1 || got.Err() == nil {
		t.Errorf("errors %d, warnings %d", len(got.Errors()), len(got.Warnings()))
	}
	if (List{{Msg: "w", Warning: true}}).Err() != nil {
		t.Errorf("a list of warnings is an error")
	}
}

func TestAddFlattens(t *testing.T) {
	var l List
	l.Add(List{{Msg: "a"}, {Msg: "b"}})
	l.Add(fmt.Errorf("wrapped: %w", &Error{Msg: "c"}))
	l.Add(errors.New("plain"))
	l.Add(nil)
	if len(l) != 4 || l[2].Msg != "c" || l[3].Msg != "plain" {
		t.Errorf("got %v", l)
	}
}

func TestAt(t *testing.T) {
	inBlock := &Error{Pos: Pos{Line: 3}, Msg: "bad key"}
	if got := At(Pos{File: "content/a.md", Line: 10}, inBlock).Error(); got != "content/a.md:12: bad key" {
		t.Errorf("got %q", got)
	}
	placed := &Error{Pos: Pos{File: "content/data/x.csv", Line: 4}, Msg: "bad cell"}
	if got := At(Pos{File: "content/a.md", Line: 10}, placed).Error(); got != "content/data/x.csv:4: bad cell" {
		t.Errorf("got %q", got)
	}
	if got := At(Pos{File: "content/a.md", Line: 10}, errors.New("plain")).Error(); got != "content/a.md:10: plain" {
		t.Errorf("got %q", got)
	}
}

func TestDidYouMean(t *testing.T) {
	names := []string{"followers", "likes", "posts", "bank_type"}
	for in, want := range map[string]string{
		"folowers": `did you mean "followers"?`,
		"Likes":    `did you mean "likes"?`,
		"banktype": `did you mean "bank_type"?`,
		"revenue":  "",
	} {
		if got := DidYouMean(in, names); got != want {
			t.Errorf("DidYouMean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnHint(t *testing.T) {
	names := []string{"followers", "likes", "posts", "bank_type"}
	for in, want := range map[string]string{
		"folowers": `did you mean "followers"?`,
		"revenue":  "its columns: followers, likes, posts, bank_type",
	} {
		if got := ColumnHint(in, names); got != want {
			t.Errorf("ColumnHint(%q) = %q, want %q", in, got, want)
		}
	}
	many := make([]string, 14)
	for i := range many {
		many[i] = fmt.Sprintf("c%02d", i)
	}
	if got, want := ColumnHint("zzz", many), "its columns: c00, c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, … (2 more)"; got != want {
		t.Errorf("ColumnHint over 12 columns = %q, want %q", got, want)
	}
	if got := ColumnHint("x", nil); got != "" {
		t.Errorf("ColumnHint with no columns = %q, want none", got)
	}
}
