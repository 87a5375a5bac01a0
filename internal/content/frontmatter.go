package content

import (
	"bytes"
	"errors"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/tomlpos"
)

// FrontMatter is the TOML header of a page.
type FrontMatter struct {
	Title   string    `toml:"title"`
	Date    time.Time `toml:"-"`
	Summary string    `toml:"summary"`
	Draft   bool      `toml:"draft"`
	Weight  int       `toml:"weight"`
	// Values are the page's named values, [values] name = "expression",
	// in the order written.
	Values []NamedValue `toml:"-"`
	// toml is the front matter, for positions of its keys.
	toml *tomlpos.Doc
}

type rawFrontMatter struct {
	Title   string `toml:"title"`
	Date    any    `toml:"date"`
	Summary string `toml:"summary"`
	Draft   bool   `toml:"draft"`
	Weight  int    `toml:"weight"`
	Values  any    `toml:"values"`
}

var frontMatterKeys = []string{"title", "date", "summary", "draft", "weight", "values"}

// Split separates TOML front matter between "+++" lines from the body. It
// returns the front matter source, the body, and the 1-based line on which the
// body starts. A document without front matter has all of src as its body.
// A document that opens with "---" is an error: front matter is TOML.
func Split(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	switch strings.TrimRight(string(first), " \t\r") {
	case "+++":
	case "---":
		return nil, nil, 0, &diag.Error{Pos: diag.Pos{Line: 1}, Msg: "front matter must be TOML between +++ lines, not YAML between ---", Hint: "replace both --- lines with +++ and write the keys as TOML (title = \"...\")"}
	default:
		return nil, src, 1, nil
	}
	line := 2
	offset := 0
	for len(rest[offset:]) > 0 || offset == len(rest) {
		l, _, found := bytes.Cut(rest[offset:], []byte("\n"))
		if strings.TrimRight(string(l), " \t\r") == "+++" {
			front = rest[:offset]
			next := offset + len(l)
			if found {
				next++
			}
			return front, rest[next:], line + 1, nil
		}
		if !found {
			break
		}
		offset += len(l) + 1
		line++
	}
	return nil, nil, 0, &diag.Error{Pos: diag.Pos{Line: 1}, Msg: "front matter opened with +++ is never closed", Hint: "add a line with +++ after the last front-matter key"}
}

// ParseFrontMatter decodes TOML front matter strictly. Line numbers in errors
// are relative to the document (the front matter starts on line 2).
func ParseFrontMatter(src []byte) (FrontMatter, diag.List) {
	var raw rawFrontMatter
	doc := &tomlpos.Doc{Line: 2, Src: string(src), Prefix: "front matter: ", Hint: `front matter is TOML: key = "value"`,
		TypeHint: "title and summary take text in quotes, weight a number, draft true or false"}
	fm := FrontMatter{toml: doc}
	md, err := doc.Decode(&raw)
	if err != nil {
		return fm, diag.List{err}
	}
	var errs diag.List
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "values" {
			continue // read by readValues
		}
		errs = append(errs, doc.UnknownKey(k, k.String(), frontMatterKeys)...)
	}
	fm = FrontMatter{Title: raw.Title, Summary: raw.Summary, Draft: raw.Draft, Weight: raw.Weight, toml: doc}
	errs = append(errs, fm.readValues(raw.Values, md)...)
	switch d := raw.Date.(type) {
	case nil:
	case time.Time:
		fm.Date = d
	case string:
		t, err := parseDate(d)
		if err != nil {
			errs = append(errs, doc.Errorf([]string{"date"}, "write it as 2022-03-31", "date %q is not a date", d))
		}
		fm.Date = t
	default:
		errs = append(errs, doc.Errorf([]string{"date"}, "write it as date = 2022-03-31", "date must be a date"))
	}
	if !fm.Date.IsZero() {
		y, m, d := fm.Date.Date()
		fm.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return fm, errs
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date")
}
