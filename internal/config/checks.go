package config

// Checks are the expectations declared for a dataset under
// [datasets.NAME.checks]. A row that fails one is named with its file and
// line by check and build; --strict makes it fail the build.
type Checks struct {
	// NotNull lists columns that must have a value in every row.
	NotNull []string `toml:"not_null"`
	// Unique lists columns whose values together identify a row.
	Unique []string `toml:"unique"`
	// Range gives a column's smallest and largest plausible value.
	Range map[string][]float64 `toml:"range"`
	// Rows are expressions (as in where) true for every row.
	Rows []string `toml:"rows"`
	// MaxChange gives a column's largest plausible change against the
	// previous edition, as a fraction (0.5 is ±50%), by the dataset's key.
	MaxChange map[string]float64 `toml:"max_change"`
}

// CheckLine returns the line of site.toml that sets check key of dataset
// name, else the line of its checks table, else 0.
func (c *Config) CheckLine(name, key string) int {
	return c.line("datasets", name, "checks", key)
}
