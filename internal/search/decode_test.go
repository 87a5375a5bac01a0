package search

import "strings"

// decode reads the postings code (the inverse of encode; search.js has
// its own).
func decode(s string) []int {
	var ids []int
	v, prev := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if j := strings.IndexByte(more, c); j >= 0 {
			v = v<<5 | j
			continue
		}
		v = v<<5 | strings.IndexByte(final, c)
		if len(ids) > 0 {
			v += prev
		}
		ids = append(ids, v)
		prev, v = v, 0
	}
	return ids
}
