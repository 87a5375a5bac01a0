// Package config decodes a site's site.toml strictly: unknown keys are errors
// with their line, and everything optional gets a default.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/tomlpos"
)

// File is the name of the configuration file at the root of a site.
const File = "site.toml"

// Config is a site's configuration.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// Language is a language tag that locale.Match accepts; it picks the
	// words readers see and the number formats.
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
	// toml is site.toml, for positions found after decoding.
	toml *tomlpos.Doc
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
	cfg, errs := Read(fsys)
	if len(errs) > 0 {
		return nil, errs
	}
	return cfg, nil
}

// Read reads site.toml from fsys and returns its configuration with every
// problem it has. A bad setting is reported and left at its default, and a
// syntax error leaves every setting at its default, so that the rest of a
// site can still be read and checked. The configuration is nil only when
// there is no site.toml to read.
func Read(fsys fs.FS) (*Config, diag.List) {
	src, err := limits.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.List{{Pos: diag.Pos{File: File}, Msg: "no site.toml in the site folder", Hint: "run `broadsheet init DIR` to start a site, or name the site folder: --source DIR, or --site DIR for pull"}}
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.List{{Pos: diag.Pos{File: File}, Msg: err.Error()}}
	}
	return decode(src)
}

// decode decodes site.toml source strictly, key by key, and checks the
// values; a setting with a problem is left at its default.
func decode(src []byte) (*Config, diag.List) {
	cfg := Default()
	cfg.toml = &tomlpos.Doc{File: File, Src: string(src), Hint: "check the TOML syntax on this line"}
	_, errs, ok := cfg.toml.Fill(cfg)
	if !ok {
		cfg = Default()
		cfg.toml = &tomlpos.Doc{File: File}
		return cfg, errs
	}
	errs = append(errs, cfg.check()...)
	return cfg, errs.Sort()
}

// check reports every value that is not valid and puts the default in its
// place.
func (cfg *Config) check() diag.List {
	at := func(key ...string) diag.Pos { return cfg.toml.Pos(key...) }
	errs := cfg.checkSettings(at)
	if cerrs := checkColors(&cfg.Charts, at); len(cerrs) > 0 {
		errs = append(errs, cerrs...)
		cfg.Charts.Palette, cfg.Charts.Colors, cfg.Charts.Up, cfg.Charts.Down = nil, nil, "", ""
	}
	errs = append(errs, cfg.checkBaseURL(at)...)
	errs = append(errs, cfg.checkDatasets(at)...)
	if serrs := cfg.checkSources(at); len(serrs) > 0 {
		errs = append(errs, serrs...)
		cfg.Sources = nil
	}
	if eerrs := checkEntities(cfg, at); len(eerrs) > 0 {
		errs = append(errs, eerrs...)
		cfg.Entities = nil
	}
	return append(errs, cfg.checkMenu(at)...)
}

// checkSettings checks the single settings: language, editions section,
// chart renderer and height.
func (cfg *Config) checkSettings(at func(...string) diag.Pos) diag.List {
	var errs diag.List
	def := Default()
	if _, ok := locale.Match(cfg.Language); !ok {
		errs = append(errs, &diag.Error{Pos: at("language"), Msg: fmt.Sprintf("language %q is not supported", cfg.Language), Hint: "use " + locale.Accepted})
		cfg.Language = def.Language
	}
	if !sectionName.MatchString(cfg.Editions.Section) {
		errs = append(errs, &diag.Error{Pos: at("editions", "section"), Msg: fmt.Sprintf("editions section %q is not a folder name", cfg.Editions.Section), Hint: `use a plain name such as "editions"`})
		cfg.Editions.Section = def.Editions.Section
	}
	if cfg.Charts.Renderer != "canvas" && cfg.Charts.Renderer != "svg" {
		errs = append(errs, &diag.Error{Pos: at("charts", "renderer"), Msg: fmt.Sprintf("chart renderer %q is not supported", cfg.Charts.Renderer), Hint: `use "canvas" or "svg"`})
		cfg.Charts.Renderer = def.Charts.Renderer
	}
	if cfg.Charts.Height < limits.MinChartHeight || cfg.Charts.Height > limits.MaxChartHeight {
		errs = append(errs, &diag.Error{Pos: at("charts", "height"), Msg: fmt.Sprintf("chart height %d is out of range", cfg.Charts.Height), Hint: fmt.Sprintf("use a number of pixels between %d and %d", limits.MinChartHeight, limits.MaxChartHeight)})
		cfg.Charts.Height = def.Charts.Height
	}
	return errs
}

// checkBaseURL checks that baseURL is an absolute http(s) address and ends
// it with a slash.
func (cfg *Config) checkBaseURL(at func(...string) diag.Pos) diag.List {
	if cfg.BaseURL == "" {
		return nil
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		msg := fmt.Sprintf("baseURL %q is not an absolute URL", redacted(u, err, cfg.BaseURL))
		cfg.BaseURL = ""
		return diag.List{{Pos: at("baseURL"), Msg: msg, Hint: `write it like "https://reports.example.com/shortvideo/", or "" for relative links`}}
	}
	if e := baseURLParts(u, at("baseURL")); e != nil {
		cfg.BaseURL = ""
		return diag.List{e}
	}
	if !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	return nil
}

// checkDatasets checks each dataset's declared encoding and column types,
// dropping those that are not known.
func (cfg *Config) checkDatasets(at func(...string) diag.Pos) diag.List {
	var errs diag.List
	for name, d := range cfg.Datasets {
		if _, ok := dataset.TextEncoding(d.Encoding); !ok {
			errs = append(errs, &diag.Error{Pos: at("datasets", name, "encoding"), Msg: fmt.Sprintf("dataset %q: encoding %q is not supported", name, d.Encoding), Hint: dataset.EncodingHint})
			d.Encoding = ""
		}
		for col, typ := range d.Columns {
			if _, ok := dataset.ParseType(typ); !ok {
				errs = append(errs, &diag.Error{Pos: at("datasets", name, "columns"), Msg: fmt.Sprintf("dataset %q: column %q has unknown type %q", name, col, typ), Hint: "use int, float, date, bool or string"})
				delete(d.Columns, col)
			}
		}
		cfg.Datasets[name] = d
	}
	return errs
}

// checkMenu keeps the menu entries with a name and a usable url.
func (cfg *Config) checkMenu(at func(...string) diag.Pos) diag.List {
	var errs diag.List
	var menu []MenuItem
	for i, m := range cfg.Menu {
		switch {
		case m.Name == "" || m.URL == "":
			errs = append(errs, &diag.Error{Pos: at(fmt.Sprintf("menu#%d", i)), Msg: fmt.Sprintf("menu entry %d needs both name and url", i+1)})
		case !menuURLOK(m.URL):
			errs = append(errs, &diag.Error{Pos: at(fmt.Sprintf("menu#%d", i), "url"),
				Msg:  fmt.Sprintf("menu entry %d: url %q is not a site path or an http(s) address", i+1, m.URL),
				Hint: `write a site path such as "about/", or an address starting with https://`})
		default:
			menu = append(menu, m)
		}
	}
	cfg.Menu = menu
	return errs
}

// line returns the line of site.toml that writes a key path, or of its
// nearest written ancestor; 0 when none is written.
func (c *Config) line(path ...string) int {
	if c.toml == nil {
		return 0
	}
	return c.toml.Index().Line(path...)
}

// DeclLine returns the line of site.toml that declares dataset name, or 0.
func (c *Config) DeclLine(name string) int {
	return c.line("datasets", name)
}
