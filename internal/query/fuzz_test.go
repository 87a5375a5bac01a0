package query

import (
	"errors"
	"strings"
	"testing"
)

// FuzzWhere compiles and runs random expressions as a where filter and as a
// computed column over the test table. It must never panic; every problem
// must come back as Errors under the right key, and a filter must keep a
// subset of the rows in their order.
func FuzzWhere(f *testing.F) {
	for _, s := range []string{
		"type == '总行'", "followers > 1000000 && likes / posts > 2", "likes % posts == 0",
		"day >= date('2022-03-01')", "(likes ?? 0) + -posts", "bank contains '分行' || !active",
		"type = '总行'", "len(bank) > 3", "active ? 1 : 'x'", `$env["bank"] + type`,
		"1 / 0", "10 ** 400", "int(bank)", "day.Year()", "let x = likes; x * x", "[1,2][5]",
		"bank[0:2]", "now() > day", "rate ** -1", "-rate", "nil", "map([1,2], # * likes)",
		"posts == 0 ? nil : likes / posts", "followers | 1", "filter(1..3, # > likes)",
	} {
		f.Add(s)
	}
	in := banks(accounts())
	f.Fuzz(func(t *testing.T, src string) {
		tab := accounts()
		out, err := Run(tab, Spec{Where: src})
		if err != nil {
			checkErrors(t, err, "where")
		} else if !isSubsequence(banks(out), in) {
			t.Fatalf("where %q kept %q, not a subset of %q", src, banks(out), in)
		}
		out, err = Run(tab, Spec{Compute: map[string]string{"x": src}})
		if err != nil {
			checkErrors(t, err, "compute.x")
		} else if out.Len() != 5 || out.Column("x") == nil || out.Column("x").Len() != 5 {
			t.Fatalf("compute %q gave a bad table", src)
		}
		if got := banks(accounts()); got != in || dump(tab) != dump(accounts()) {
			t.Fatalf("input changed by %q", src)
		}
	})
}

func checkErrors(t *testing.T, err error, key string) {
	t.Helper()
	var errs Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		t.Fatalf("error %T %v is not Errors", err, err)
	}
	for _, e := range errs {
		if e.Key != key || !strings.HasPrefix(e.Msg, key+": ") {
			t.Fatalf("error %q has key %q, want %q", e.Msg, e.Key, key)
		}
	}
}

// isSubsequence reports whether the comma-separated items of sub appear in
// all in the same order.
func isSubsequence(sub, all string) bool {
	if sub == "" {
		return true
	}
	items := strings.Split(all, ",")
	i := 0
	for s := range strings.SplitSeq(sub, ",") {
		for i < len(items) && items[i] != s {
			i++
		}
		if i == len(items) {
			return false
		}
		i++
	}
	return true
}
