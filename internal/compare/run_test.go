package compare

import (
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

// Run, for the tests, queries cur and prev with spec (filter, computed columns and groups the
// same way), ranks both under spec.Sort before any limit, joins them on key,
// then sorts and limits the joined table. prev is nil for the first edition.
func Run(cur, prev *dataset.Table, spec query.Spec, key string) (*Result, error) {
	var k []string
	if key != "" {
		k = []string{key}
	}
	return With(Previous, cur, prev, spec, k)
}
