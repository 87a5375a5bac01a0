package config

import (
	"slices"
	"strings"
	"testing"
)

func TestDatasetKey(t *testing.T) {
	for src, want := range map[string][]string{
		`key = "account"`:             {"account"},
		`key = ["region", "product"]`: {"region", "product"},
		"key = [\n  \"region\",\n]":   {"region"},
	} {
		cfg, err := Parse([]byte("title = \"T\"\n[datasets.sales]\n" + src + "\n"))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := cfg.Datasets["sales"].Key; !slices.Equal(got, want) {
			t.Errorf("%s: key %q, want %q", src, got, want)
		}
		if d := cfg.DeclOf("sales"); d.KeyAt.File != File || d.KeyAt.Line != 3 {
			t.Errorf("%s: key declared at %v, want site.toml:3", src, d.KeyAt)
		}
	}
	for _, src := range []string{`key = 5`, `key = ["region", 2]`, `key = ["region", ""]`} {
		_, err := Parse([]byte("title = \"T\"\n[datasets.sales]\n" + src + "\n"))
		if err == nil || !strings.Contains(err.Error(), "site.toml:3: key: write a column name") {
			t.Errorf("%s: error %v, want one at site.toml:3", src, err)
		}
	}
}
