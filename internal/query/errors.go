package query

import "github.com/broadsheet/broadsheet/internal/diag"

// Error is one problem with a query spec. Key names the spec entry it concerns
// ("where", "compute.avg_likes", "group", "aggregate.likes", "sort", "limit",
// "series") so that the caller can point at the line of the block that holds
// it. Msg starts with the key; Hint, when set, suggests the likely fix.
type Error = diag.KeyError

// Errors is every problem found in one spec, in the order of the steps they
// concern (where, compute, group, aggregate, sort, limit, series).
type Errors = diag.KeyErrors
