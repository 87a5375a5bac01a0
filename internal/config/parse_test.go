package config

// Parse decodes site.toml source, failing on any problem: the tests' way
// into decode.
func Parse(src []byte) (*Config, error) {
	cfg, errs := decode(src)
	if len(errs) > 0 {
		return nil, errs
	}
	return cfg, nil
}
