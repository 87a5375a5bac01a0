package query

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// sortKey is one parsed sort key.
type sortKey struct {
	name string
	desc bool
}

// parseSort parses keys such as "-followers" and checks them against sc.
func parseSort(key string, keys []string, sc schema, errs *Errors) []sortKey {
	var out []sortKey
	for _, k := range keys {
		sk := sortKey{name: strings.TrimSpace(k)}
		if rest, ok := strings.CutPrefix(sk.name, "-"); ok {
			sk.name, sk.desc = strings.TrimSpace(rest), true
		} else if rest, ok := strings.CutPrefix(sk.name, "+"); ok {
			sk.name = strings.TrimSpace(rest)
		}
		switch {
		case sk.name == "":
			errs.Add(key, `write a column name, with "-" in front for descending`, fmt.Sprintf("%s: empty key %q", key, k))
		case sc.index(sk.name) < 0:
			errs.Add(key, diag.DidYouMean(sk.name, sc.names()), fmt.Sprintf("%s: no column %q", key, sk.name))
		default:
			out = append(out, sk)
		}
	}
	return out
}

// prepare turns each key column into numbers that sort the same way:
// numbers as they are, strings as their rank in Go string order, negated
// for a descending key, NaN for null.
func prepare(t *dataset.Table, keys []sortKey) [][]float64 {
	var out [][]float64
	for _, k := range keys {
		c := t.Column(k.name)
		if c == nil {
			continue
		}
		n := c.Len()
		v := make([]float64, n)
		if c.Type == dataset.String {
			rank := make(map[string]float64)
			for i := range n {
				if c.Valid[i] {
					rank[c.Str[i]] = 0
				}
			}
			distinct := make([]string, 0, len(rank))
			for s := range rank {
				distinct = append(distinct, s)
			}
			slices.Sort(distinct)
			for r, s := range distinct {
				rank[s] = float64(r)
			}
			for i := range n {
				if c.Valid[i] {
					v[i] = rank[c.Str[i]]
				} else {
					v[i] = math.NaN()
				}
			}
		} else {
			for i := range n {
				if c.Valid[i] {
					v[i] = c.Num[i]
				} else {
					v[i] = math.NaN()
				}
			}
		}
		if k.desc {
			for i := range v {
				v[i] = -v[i]
			}
		}
		out = append(out, v)
	}
	return out
}

// compareRows compares rows a and b under prepared keys, nulls last.
func compareRows(ks [][]float64, a, b int) int {
	for _, k := range ks {
		x, y := k[a], k[b]
		xn, yn := x != x, y != y
		switch {
		case xn && yn:
			continue
		case xn:
			return 1
		case yn:
			return -1
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// order returns the row indices of t sorted stably by the keys: nulls last
// in both directions, strings in Go string order, everything else by its
// number. With limit > 0 only the first limit rows are returned.
func order(t *dataset.Table, keys []sortKey, limit int) []int {
	n := t.Len()
	if limit <= 0 || limit > n {
		limit = n
	}
	ks := prepare(t, keys)
	if len(ks) == 0 {
		rows := make([]int, limit)
		for i := range rows {
			rows[i] = i
		}
		return rows
	}
	// Ties are broken by row index, which makes the order total: the same
	// as a stable sort, without its cost.
	less := func(a, b int) int {
		if r := compareRows(ks, a, b); r != 0 {
			return r
		}
		return cmp.Compare(a, b)
	}
	if limit < n/8 {
		return topK(n, limit, less)
	}
	return sortAll(ks)[:limit]
}

// sortAll sorts all rows by prepared keys: nulls last, ties by index. The
// first key is kept next to its row for speed; the others are looked up only
// for rows that tie on it.
func sortAll(ks [][]float64) []int {
	k, rest := ks[0], ks[1:]
	type entry struct {
		v   float64
		row int
	}
	entries := make([]entry, 0, len(k))
	var nulls []int
	for r, v := range k {
		if v != v {
			nulls = append(nulls, r)
			continue
		}
		entries = append(entries, entry{v, r})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.v < b.v {
			return -1
		}
		if a.v > b.v {
			return 1
		}
		if r := compareRows(rest, a.row, b.row); r != 0 {
			return r
		}
		return a.row - b.row
	})
	slices.SortFunc(nulls, func(a, b int) int {
		if r := compareRows(rest, a, b); r != 0 {
			return r
		}
		return a - b
	})
	rows := make([]int, 0, len(k))
	for _, e := range entries {
		rows = append(rows, e.row)
	}
	return append(rows, nulls...)
}

// topK returns the first k of n rows under cmp, in order, keeping a
// bounded heap whose root is the worst row kept so far.
func topK(n, k int, cmp func(a, b int) int) []int {
	if k == 0 {
		return []int{}
	}
	h := make([]int, 0, k)
	worse := func(i, j int) bool { return cmp(h[i], h[j]) > 0 }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && worse(r, l) {
				m = r
			}
			if !worse(m, i) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for row := range n {
		if len(h) < k {
			h = append(h, row)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(i, p) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if cmp(row, h[0]) < 0 {
			h[0] = row
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

// Rank returns the 1-based competition rank of each row of t (in t's row
// order) under the sort keys: rows equal on every key share a rank and the
// next rank skips, as in 1, 2, 2, 4. Rows with null keys rank last. A
// problem is an Errors under the key "sort".
func Rank(t *dataset.Table, sort []string) ([]int, error) {
	var errs Errors
	keys := parseSort("sort", sort, schemaOf(t), &errs)
	if len(sort) == 0 {
		errs.Add("sort", `give at least one column, with "-" in front for descending`, "sort: no key to rank by")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	rows := order(t, keys, 0)
	ks := prepare(t, keys)
	ranks := make([]int, len(rows))
	for pos, r := range rows {
		if pos > 0 && compareRows(ks, rows[pos-1], r) == 0 {
			ranks[r] = ranks[rows[pos-1]]
		} else {
			ranks[r] = pos + 1
		}
	}
	return ranks, nil
}
