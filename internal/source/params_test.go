package source

import (
	"strings"
	"testing"
	"time"
)

func TestBind(t *testing.T) {
	start := Date{time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)}
	end := Date{time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)}
	p := Params{Edition: "2022-03", Start: start, End: end}
	q := "SELECT '@edition', \"@x\", E'\\'@y', $$ @z $$, $t$@w$t$ -- @c\n" +
		"/* @d /* @e */ */ FROM t WHERE d >= @period_start AND d < @period_end::date AND e = @edition AND f = @period_start AND x@>y\n"
	got, args, err := Bind(q, p)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("@period_start", "$1           ", "@period_end", "$2         ", "@edition AND", "$3       AND").Replace(q)
	if got != want {
		t.Errorf("bound:\n%s\nwant:\n%s", got, want)
	}
	if len(args) != 3 || args[0] != start.Time || args[1] != end.Time || args[2] != "2022-03" {
		t.Errorf("args %v", args)
	}
	if len(got) != len(q) {
		t.Errorf("the bound text is %d bytes, the query %d", len(got), len(q))
	}
}

func TestBindErrors(t *testing.T) {
	_, _, err := Bind("SELECT 1\nWHERE x = @month", Params{Edition: "e"})
	if e, ok := err.(*Error); !ok || e.Offset != 19 || !strings.Contains(e.Msg, "unknown parameter @month") {
		t.Errorf("%#v", err)
	}
	_, _, err = Bind("SELECT @period_end", Params{Edition: "special"})
	if e, ok := err.(*Error); !ok || e.Offset != 7 || !strings.Contains(e.Msg, `edition "special" is not named by a date`) {
		t.Errorf("%#v", err)
	}
}

func TestScrub(t *testing.T) {
	s := scrubber("postgres://u:p%40ss-word@h/db", "p@ss-word")
	for _, in := range []string{
		"failed: postgres://u:p%40ss-word@h/db",
		"bad p@ss-word here",
		"host=h password='other pass' user=u",
		"x://a:zzzz@h",
	} {
		out := s(in)
		for _, secret := range []string{"p@ss-word", "p%40ss-word", "other pass", "zzzz"} {
			if strings.Contains(out, secret) {
				t.Errorf("%q → %q", in, out)
			}
		}
	}
}

// Binding never panics, keeps every offset, and changes nothing but the
// parameters it replaces.
func FuzzBind(f *testing.F) {
	for _, s := range []string{"SELECT @edition", "'@x' -- @y\n@period_end", "$a$ @z $a$ @period_start::date", "/* /* */ @edition */", "E'\\'' @edition", "@@edition x@edition"} {
		f.Add(s)
	}
	p := Params{Edition: "2022-03", Start: Date{time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)}, End: Date{time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)}}
	f.Fuzz(func(t *testing.T, q string) {
		bound, args, err := Bind(q, p)
		if err != nil {
			if e := err.(*Error); e.Offset < 0 || e.Offset >= len(q) || q[e.Offset] != '@' {
				t.Fatalf("error offset %d in %q", e.Offset, q)
			}
			return
		}
		if len(bound) != len(q) || len(args) > 3 {
			t.Fatalf("%q → %q (%d args)", q, bound, len(args))
		}
		for i := range q {
			if q[i] != bound[i] && q[i] != '@' && bound[i] != ' ' && (bound[i] < '0' || bound[i] > '9') {
				t.Fatalf("%q → %q: byte %d changed", q, bound, i)
			}
		}
	})
}
