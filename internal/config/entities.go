package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// checkEntities checks the [entities.NAME] tables and fills in their
// defaults: the key from the dataset's declaration, the title from the
// name, the rank from the first figure.
func checkEntities(cfg *Config, at func(key ...string) diag.Pos) diag.List {
	var errs diag.List
	names := make([]string, 0, len(cfg.Entities))
	for n := range cfg.Entities {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		e := cfg.Entities[name]
		if !sectionName.MatchString(name) || name == cfg.Editions.Section {
			errs = append(errs, &diag.Error{Pos: at("entities", name), Msg: fmt.Sprintf("entities %q: the name is the folder of their pages and must be a plain folder name other than the editions'", name),
				Hint: `use a name such as "accounts"`})
		}
		if e.Dataset == "" {
			errs = append(errs, &diag.Error{Pos: at("entities", name), Msg: fmt.Sprintf("entities %q: no dataset", name),
				Hint: `name the edition dataset, e.g. dataset = "accounts"`})
			continue
		}
		if k := cfg.Datasets[e.Dataset].Key; e.Key == "" && len(k) == 1 {
			e.Key = k[0] // a key of several columns names no one thing
		}
		if e.Key == "" {
			errs = append(errs, &diag.Error{Pos: at("entities", name), Msg: fmt.Sprintf("entities %q: no key column", name),
				Hint: fmt.Sprintf(`add key = "…", or declare key under [datasets.%s]`, e.Dataset)})
		}
		if len(e.Columns) == 0 {
			errs = append(errs, &diag.Error{Pos: at("entities", name), Msg: fmt.Sprintf("entities %q: no columns", name),
				Hint: `list the figures to show, e.g. columns = ["followers", "likes"]`})
			continue
		}
		if e.Rank == "" {
			e.Rank = "-" + e.Columns[0]
		}
		if c := strings.TrimPrefix(e.Rank, "-"); c == "" || strings.ContainsAny(c, " ,") {
			errs = append(errs, &diag.Error{Pos: at("entities", name, "rank"), Msg: fmt.Sprintf("entities %q: rank %q is not one column", name, e.Rank),
				Hint: `write the column to rank by, with "-" for largest first: rank = "-followers"`})
		}
		if e.Title == "" {
			e.Title = strings.ToUpper(name[:1]) + name[1:]
		}
		cfg.Entities[name] = e
	}
	return errs
}

// EntityLine returns the line of site.toml that declares entity set name,
// or 0.
func (c *Config) EntityLine(name string) int {
	return c.line("entities", name)
}
