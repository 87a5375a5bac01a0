// Package config decodes a site's site.toml strictly: unknown keys are errors
// with their line, and everything optional gets a default.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
)

// File is the name of the configuration file at the root of a site.
const File = "site.toml"

// Config is a site's configuration.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// Language is one of Languages; it picks UI strings and number formats.
	Language string `toml:"language"`
	// BaseURL is the published address. Empty means every link is relative.
	BaseURL  string                 `toml:"baseURL"`
	Author   string                 `toml:"author"`
	Editions Editions               `toml:"editions"`
	Markdown Markdown               `toml:"markdown"`
	Charts   Charts                 `toml:"charts"`
	Datasets map[string]DatasetDecl `toml:"datasets"`
	Menu     []MenuItem             `toml:"menu"`
	// Sources are the databases `broadsheet pull` reads; the build never
	// opens them.
	Sources map[string]Source `toml:"sources"`
	// Entities declare datasets whose rows are things with a page each.
	Entities map[string]EntityDecl `toml:"entities"`
	// lines are the lines of site.toml, for positions found after decoding.
	lines []string
}

// Editions configures the edition section.
type Editions struct {
	// Section is the folder under content/ holding the editions.
	Section string `toml:"section"`
	// Latest also publishes the newest edition at latest/.
	Latest bool `toml:"latest"`
}

// Markdown configures markdown conversion.
type Markdown struct {
	// Unsafe lets raw HTML in markdown through; otherwise it is omitted.
	Unsafe bool `toml:"unsafe"`
}

// Charts configures chart defaults.
type Charts struct {
	Renderer string `toml:"renderer"`
	Height   int    `toml:"height"`
	// SVG puts each chart into its page as an SVG drawn at build time, shown
	// until (and unless) the script draws the interactive chart. On by
	// default: from the cache it adds less than a tenth to a build
	// (docs/performance.md).
	SVG bool `toml:"svg"`
	// Palette replaces the series colours, in order ("#rrggbb").
	Palette []string `toml:"palette"`
	// Colors gives categories and series names a colour of their own in
	// every chart: { "招商银行" = "#c8102e" }.
	Colors map[string]string `toml:"colors"`
	// StableColors gives every other name a palette colour chosen from a
	// hash of the name, the same in every chart and edition.
	StableColors bool `toml:"stable_colors"`
	// Up and Down colour rises and falls (default: red up and green down
	// in Chinese, green up and red down otherwise).
	Up   string `toml:"up"`
	Down string `toml:"down"`
}

// Languages lists the site languages: number formats, scales (万/亿,
// 萬/億, K/M/B) and words follow them.
var Languages = []string{"zh-CN", "zh-TW", "zh-HK", "en", "en-US", "en-GB"}

// DatasetDecl declares a dataset's key, column types, sheet and encoding.
type DatasetDecl struct {
	Key      Key               `toml:"key"`
	Columns  map[string]string `toml:"columns"`
	Sheet    string            `toml:"sheet"`
	Encoding string            `toml:"encoding"`
	// Checks are the data's expectations, run on every copy of the
	// dataset (each edition's and the site-wide one).
	Checks *Checks `toml:"checks"`
	// Source names the [sources.NAME] that the dataset's .sql queries run
	// against; empty means the site's only source.
	Source string `toml:"source"`
}

// MenuItem is an entry of the site navigation. URL is a site path such as
// "about/" or an absolute http(s) address.
type MenuItem struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// EntityDecl declares that the rows of an edition dataset are things with
// a key (accounts, banks, products), each with a page of its history. The
// table's name in site.toml is the folder the pages are published in.
type EntityDecl struct {
	// Dataset is the edition dataset (a file stem in each edition folder).
	Dataset string `toml:"dataset"`
	// Key is the column naming each thing; the dataset's declared key by
	// default.
	Key string `toml:"key"`
	// Title heads the list page of all of them.
	Title string `toml:"title"`
	// Rank is the order ranks are counted in, such as "-followers".
	Rank string `toml:"rank"`
	// Columns are the figures shown for each edition.
	Columns []string          `toml:"columns"`
	Labels  map[string]string `toml:"labels"`
	// Format is the number format of the figures (see numfmt).
	Format string `toml:"format"`
}

// Decl converts the declaration into the dataset package's form.
func (d DatasetDecl) Decl() dataset.Decl {
	return dataset.Decl{Key: d.Key, Columns: d.Columns, Sheet: d.Sheet, Encoding: d.Encoding}
}

// DeclOf returns the declaration of dataset name in the dataset package's
// form, placing its key at its line in site.toml.
func (c *Config) DeclOf(name string) dataset.Decl {
	decl := c.Datasets[name].Decl()
	if len(decl.Key) > 0 {
		file, line := c.KeyPos(name)
		decl.KeyAt = diag.Pos{File: file, Line: line}
	}
	return decl
}

// Default returns the configuration used for everything a site leaves out.
func Default() *Config {
	return &Config{
		Title:    "Broadsheet",
		Language: "en",
		Editions: Editions{Section: "editions"},
		Charts:   Charts{Renderer: "canvas", Height: limits.DefaultChartHeight, SVG: true},
	}
}

var sectionName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Load reads site.toml from fsys. A missing file is an error that says how to
// start a site. All problems are returned at once as a diag.List.
func Load(fsys fs.FS) (*Config, error) {
	src, err := limits.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &diag.Error{Pos: diag.Pos{File: File}, Msg: "no site.toml in the site folder", Hint: "run `broadsheet init DIR` to start a site, or pass --source"}
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &diag.Error{Pos: diag.Pos{File: File}, Msg: err.Error()}
	}
	return Parse(src)
}

// Parse decodes site.toml source.
func Parse(src []byte) (*Config, error) {
	cfg := Default()
	var errs diag.List
	md, err := limits.DecodeTOML(string(src), cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if msg == "" {
				msg = pe.Error()
			}
			return nil, diag.List{{Pos: diag.Pos{File: File, Line: pe.Position.Line}, Msg: msg, Hint: "check the TOML syntax on this line"}}
		}
		if line, key, msg, ok := diag.TOMLLine(err.Error()); ok {
			return nil, diag.List{{Pos: diag.Pos{File: File, Line: line}, Msg: fmt.Sprintf("%s: %s", key, msg), Hint: "check the value's type: quotes make a string, digits alone a number"}}
		}
		return nil, diag.List{{Pos: diag.Pos{File: File}, Msg: err.Error()}}
	}
	lines := strings.Split(string(src), "\n")
	cfg.lines = lines
	for _, key := range md.Undecoded() {
		if len(key) >= 3 && key[0] == "datasets" && key[2] == "columns" {
			continue // reported by the dataset reader, which knows the file
		}
		e := &diag.Error{Pos: diag.Pos{File: File, Line: keyLine(lines, key)}, Msg: fmt.Sprintf("unknown key %q", key.String())}
		e.Hint = diag.DidYouMean(key[len(key)-1], knownKeys(key))
		errs = append(errs, e)
	}
	at := func(key ...string) diag.Pos { return diag.Pos{File: File, Line: keyLine(lines, key)} }
	if !slices.Contains(Languages, cfg.Language) {
		errs = append(errs, &diag.Error{Pos: at("language"), Msg: fmt.Sprintf("language %q is not supported", cfg.Language), Hint: "use one of " + strings.Join(Languages, ", ")})
	}
	errs = append(errs, checkColors(&cfg.Charts, at)...)
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, &diag.Error{Pos: at("baseURL"), Msg: fmt.Sprintf("baseURL %q is not an absolute URL", redacted(u, err, cfg.BaseURL)), Hint: `write it like "https://reports.example.com/shortvideo/", or "" for relative links`})
		} else if e := baseURLParts(u, at("baseURL")); e != nil {
			errs = append(errs, e)
		} else if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	if !sectionName.MatchString(cfg.Editions.Section) {
		errs = append(errs, &diag.Error{Pos: at("editions", "section"), Msg: fmt.Sprintf("editions section %q is not a folder name", cfg.Editions.Section), Hint: `use a plain name such as "editions"`})
	}
	if cfg.Charts.Renderer != "canvas" && cfg.Charts.Renderer != "svg" {
		errs = append(errs, &diag.Error{Pos: at("charts", "renderer"), Msg: fmt.Sprintf("chart renderer %q is not supported", cfg.Charts.Renderer), Hint: `use "canvas" or "svg"`})
	}
	if cfg.Charts.Height < limits.MinChartHeight || cfg.Charts.Height > limits.MaxChartHeight {
		errs = append(errs, &diag.Error{Pos: at("charts", "height"), Msg: fmt.Sprintf("chart height %d is out of range", cfg.Charts.Height), Hint: fmt.Sprintf("use a number of pixels between %d and %d", limits.MinChartHeight, limits.MaxChartHeight)})
	}
	for name, d := range cfg.Datasets {
		if d.Encoding != "" {
			switch strings.ToLower(d.Encoding) {
			case "utf-8", "utf8", "gb18030", "gbk":
			default:
				errs = append(errs, &diag.Error{Pos: at("datasets", name, "encoding"), Msg: fmt.Sprintf("dataset %q: encoding %q is not supported", name, d.Encoding), Hint: `use "utf-8", "gb18030" or "gbk"`})
			}
		}
		for col, typ := range d.Columns {
			if _, ok := dataset.ParseType(typ); !ok {
				errs = append(errs, &diag.Error{Pos: at("datasets", name, "columns"), Msg: fmt.Sprintf("dataset %q: column %q has unknown type %q", name, col, typ), Hint: "use int, float, date, bool or string"})
			}
		}
	}
	errs = append(errs, cfg.checkSources(at)...)
	errs = append(errs, checkEntities(cfg, at)...)
	for i, m := range cfg.Menu {
		if m.Name == "" || m.URL == "" {
			errs = append(errs, &diag.Error{Pos: at("menu"), Msg: fmt.Sprintf("menu entry %d needs both name and url", i+1)})
		} else if !menuURLOK(m.URL) {
			errs = append(errs, &diag.Error{Pos: diag.Pos{File: File, Line: menuLine(lines, i)},
				Msg:  fmt.Sprintf("menu entry %d: url %q is not a site path or an http(s) address", i+1, m.URL),
				Hint: `write a site path such as "about/", or an address starting with https://`})
		}
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return cfg, nil
}

func knownKeys(key toml.Key) []string {
	switch {
	case len(key) == 1:
		return []string{"title", "description", "language", "baseURL", "author", "editions", "markdown", "charts", "datasets", "menu", "sources", "entities"}
	case key[0] == "editions":
		return []string{"section", "latest"}
	case key[0] == "markdown":
		return []string{"unsafe"}
	case key[0] == "charts":
		return []string{"renderer", "height", "palette", "colors", "stable_colors", "up", "down"}
	case key[0] == "datasets" && len(key) > 3 && key[2] == "checks":
		return CheckKeys
	case key[0] == "datasets":
		return []string{"key", "columns", "sheet", "encoding", "source", "checks"}
	case key[0] == "sources":
		return sourceKeys
	case key[0] == "menu":
		return []string{"name", "url"}
	case key[0] == "entities":
		return []string{"dataset", "key", "title", "rank", "columns", "labels", "format"}
	}
	return nil
}

// keyLine finds the line where key is set: inside its [table] header for
// nested keys, or at the header itself. It returns 0 when it cannot tell.
func keyLine(lines []string, key toml.Key) int {
	table := ""
	want := strings.Join(key[:len(key)-1], ".")
	last := key[len(key)-1]
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "[") {
			name := strings.Trim(line, "[] \t")
			if j := strings.Index(name, "#"); j >= 0 {
				name = strings.TrimSpace(strings.Trim(name[:j], "[] \t"))
			}
			name = strings.ReplaceAll(name, `"`, "")
			table = name
			if table == strings.Join(key, ".") {
				return i + 1
			}
			continue
		}
		if table != want {
			continue
		}
		if k, _, ok := strings.Cut(line, "="); ok && strings.Trim(strings.TrimSpace(k), `"`) == last {
			return i + 1
		}
	}
	return 0
}

// DeclLine returns the line of site.toml that declares dataset name, or 0.
func (c *Config) DeclLine(name string) int {
	return keyLine(c.lines, toml.Key{"datasets", name})
}
