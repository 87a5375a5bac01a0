package config

import (
	"fmt"
)

// Key lists the columns whose values together identify a row of a dataset:
// key = "account" in site.toml, or key = ["region", "product"] for a key of
// several columns.
type Key []string

// UnmarshalTOML reads a key written as one column name or a list of them.
func (k *Key) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*k = Key{v}
		return nil
	case []any:
		out := make(Key, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok || s == "" {
				return fmt.Errorf(`key: write a column name, or a list of them: key = ["region", "product"]`)
			}
			out = append(out, s)
		}
		*k = out
		return nil
	}
	return fmt.Errorf(`key: write a column name, or a list of them: key = ["region", "product"] (not %v)`, v)
}

// KeyPos returns where site.toml declares the key of dataset name.
func (c *Config) KeyPos(name string) (file string, line int) {
	return File, c.line("datasets", name, "key")
}
