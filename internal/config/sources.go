package config

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// Source is a [sources.NAME] table: a database that `broadsheet pull` runs
// the site's .sql queries against.
type Source struct {
	// Driver is "postgres" or "duckdb".
	Driver string `toml:"driver"`
	// DSNEnv names the environment variable holding a postgres source's
	// connection string. The string itself is never written in the site.
	DSNEnv string `toml:"dsn_env"`
	// Path is a duckdb source's database file, relative to the site folder.
	Path string `toml:"path"`
	// Timeout bounds each query, as a Go duration ("30s", "10m").
	Timeout string `toml:"timeout"`
	// Retries is how many times a failed connection is tried again.
	Retries *int `toml:"retries"`
}

// Source defaults.
const (
	DefaultSourceTimeout = 10 * time.Minute
	DefaultSourceRetries = 3
	maxSourceRetries     = 10
)

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// QueryTimeout returns the source's query timeout (valid after Parse).
func (s Source) QueryTimeout() time.Duration {
	if s.Timeout == "" {
		return DefaultSourceTimeout
	}
	d, _ := time.ParseDuration(s.Timeout)
	return d
}

// ConnectRetries returns how many times a failed connection is retried.
func (s Source) ConnectRetries() int {
	if s.Retries == nil {
		return DefaultSourceRetries
	}
	return *s.Retries
}

// SourceNames returns the names of the site's sources, sorted.
func (c *Config) SourceNames() []string {
	names := make([]string, 0, len(c.Sources))
	for n := range c.Sources {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SourceFor returns the name of the source that dataset name's queries run
// against: its declared source, or the site's only one. It returns "" when
// that cannot be told.
func (c *Config) SourceFor(dataset string) string {
	if d, ok := c.Datasets[dataset]; ok && d.Source != "" {
		return d.Source
	}
	if len(c.Sources) == 1 {
		for n := range c.Sources {
			return n
		}
	}
	return ""
}

// SourceLine returns the line of site.toml that declares source name, or 0.
func (c *Config) SourceLine(name string) int {
	return c.line("sources", name)
}

func (c *Config) checkSources(at func(key ...string) diag.Pos) diag.List {
	var errs diag.List
	for _, name := range c.SourceNames() {
		s := c.Sources[name]
		bad := func(key, hint, format string, args ...any) {
			errs = append(errs, &diag.Error{Pos: at("sources", name, key), Msg: fmt.Sprintf("source %q: ", name) + fmt.Sprintf(format, args...), Hint: hint})
		}
		switch s.Driver {
		case "postgres":
			if s.DSNEnv == "" {
				bad("driver", `name the environment variable that holds the connection string, such as dsn_env = "WAREHOUSE_DSN"`, "a postgres source needs dsn_env")
			} else if !envName.MatchString(s.DSNEnv) {
				bad("dsn_env", "write the name of an environment variable, such as WAREHOUSE_DSN, not the connection string itself", "dsn_env %q is not an environment variable name", redactDSN(s.DSNEnv))
			}
			if s.Path != "" {
				bad("path", "remove path: a postgres source is reached through dsn_env", "path is for duckdb sources")
			}
		case "duckdb":
			if s.Path == "" {
				bad("driver", `set path to the database file inside the site, such as path = "db/warehouse.duckdb"`, "a duckdb source needs path")
			} else if p := path.Clean(s.Path); strings.HasPrefix(s.Path, "/") || p == ".." || strings.HasPrefix(p, "../") || strings.Contains(s.Path, `\`) {
				bad("path", "put the database file inside the site folder and give its path from there", "path %q leaves the site folder", s.Path)
			}
			if s.DSNEnv != "" {
				bad("dsn_env", "remove dsn_env: a duckdb source is a file in the site, set by path", "dsn_env is for postgres sources")
			}
		case "":
			errs = append(errs, &diag.Error{Pos: diag.Pos{File: File, Line: c.SourceLine(name)}, Msg: fmt.Sprintf("source %q has no driver", name), Hint: `set driver = "postgres" or driver = "duckdb"`})
		default:
			hint := diag.DidYouMean(s.Driver, []string{"postgres", "duckdb"})
			if hint == "" {
				hint = `use "postgres" or "duckdb"`
			}
			bad("driver", hint, "driver %q is not supported", s.Driver)
		}
		if s.Timeout != "" {
			if d, err := time.ParseDuration(s.Timeout); err != nil || d <= 0 {
				bad("timeout", `write a duration such as "30s" or "10m"`, "timeout %q is not a duration", s.Timeout)
			}
		}
		if s.Retries != nil && (*s.Retries < 0 || *s.Retries > maxSourceRetries) {
			bad("retries", fmt.Sprintf("use a number from 0 to %d", maxSourceRetries), "retries %d is out of range", *s.Retries)
		}
	}
	for _, name := range sortedNames(c.Datasets) {
		src := c.Datasets[name].Source
		if src == "" {
			continue
		}
		if _, ok := c.Sources[src]; !ok {
			hint := diag.DidYouMean(src, c.SourceNames())
			if hint == "" {
				hint = "declare it as [sources." + src + "]"
			}
			errs = append(errs, &diag.Error{Pos: at("datasets", name, "source"), Msg: fmt.Sprintf("dataset %q: source %q is not declared", name, src), Hint: hint})
		}
	}
	return errs
}

// redactDSN hides what looks like a password in a value that should have
// been a variable name, so a misplaced connection string is not echoed.
func redactDSN(s string) string {
	if strings.ContainsAny(s, ":@=/ ") {
		return "…"
	}
	return s
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
