//go:build !linux

package publish

import "errors"

// exchange is not available here: swap falls back to two renames.
var exchange = func(a, b string) error { return errors.New("no atomic exchange") }
