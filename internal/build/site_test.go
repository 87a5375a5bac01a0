package build

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestSites builds each site in testdata/sites/*.txtar and checks the
// assertions in the archive's comment, one per line:
//
//	error FILE:LINE: MESSAGE   an exact error line (all errors must be listed)
//	warning FILE:LINE: MESSAGE an exact warning line (all must be listed)
//	contains PATH TEXT         the output file holds TEXT
//	absent PATH TEXT           the output file does not hold TEXT
//	exists PATH / missing PATH the output file is or is not written
//	option KEY=VALUE           a build option: drafts=true, baseURL=..., strict=true
//	words PATH LANG            the output file shows no word of another
//	                           language than LANG (see foreignWords)
//
// A site without error lines must build.
func TestSites(t *testing.T) {
	files, err := filepath.Glob("testdata/sites/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runSite(t, file)
		})
	}
}

func runSite(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		full := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir}
	var wantErrs, wantWarns []string
	type check struct{ verb, path, text string }
	var checks []check
	for line := range strings.SplitSeq(string(ar.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		switch verb {
		case "error":
			wantErrs = append(wantErrs, rest)
		case "warning":
			wantWarns = append(wantWarns, rest)
		case "option":
			k, v, _ := strings.Cut(rest, "=")
			switch k {
			case "drafts":
				opts.Drafts = v == "true"
			case "strict":
				opts.Strict = v == "true"
			case "baseURL":
				opts.BaseURL = v
			default:
				t.Fatalf("unknown option %q", k)
			}
		case "contains", "absent", "exists", "missing", "words":
			p, text, _ := strings.Cut(rest, " ")
			checks = append(checks, check{verb, p, unquote(text)})
		default:
			t.Fatalf("unknown assertion %q", line)
		}
	}
	res, err := Run(opts)
	var got []string
	if err != nil {
		got = strings.Split(err.Error(), "\n")
	}
	if strings.Join(got, "\n") != strings.Join(wantErrs, "\n") {
		t.Fatalf("errors:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(wantErrs, "\n      "))
	}
	if err != nil {
		return
	}
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, w.Error())
	}
	if strings.Join(warns, "\n") != strings.Join(wantWarns, "\n") {
		t.Errorf("warnings:\n got: %s\nwant: %s", strings.Join(warns, "\n      "), strings.Join(wantWarns, "\n      "))
	}
	for _, c := range checks {
		data, ok := res.Tree.Get(c.path)
		switch c.verb {
		case "exists":
			if !ok {
				t.Errorf("%s was not written; files: %v", c.path, res.Tree.Names())
			}
		case "missing":
			if ok {
				t.Errorf("%s was written", c.path)
			}
		case "words":
			if !ok {
				t.Errorf("%s was not written", c.path)
				continue
			}
			for _, w := range foreignWords(data, c.text) {
				t.Errorf("%s shows %q, a word of another language than %s", c.path, w, c.text)
			}
		case "contains", "absent":
			if !ok {
				t.Errorf("%s was not written; files: %v", c.path, res.Tree.Names())
				continue
			}
			has := strings.Contains(string(data), c.text)
			if c.verb == "contains" && !has {
				t.Errorf("%s does not contain %q:\n%s", c.path, c.text, data)
			}
			if c.verb == "absent" && has {
				t.Errorf("%s contains %q", c.path, c.text)
			}
		}
	}
}

// unquote reads a Go-quoted assertion text, for spaces at the ends and
// escapes such as \r\n.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// foreignWords returns the words of other languages' tables (internal/locale)
// that page shows where readers see text: its text, its aria-label, title
// and placeholder attributes and the words it hands its scripts. A word is
// checked in its parts between placeholders; parts shorter than two
// characters, and parts that are also words of lang, are not.
func foreignWords(page []byte, lang string) []string {
	own := locale.Of(lang)
	shown := readerText(string(page))
	var ownParts []string
	for _, w := range own.Words() {
		ownParts = append(ownParts, wordParts(w)...)
	}
	var found []string
	seen := map[string]bool{}
	for _, l := range locale.Langs() {
		for _, w := range l.Words() {
			for _, part := range wordParts(w) {
				if seen[part] || utf8.RuneCountInString(part) < 2 || slices.ContainsFunc(ownParts, func(o string) bool { return strings.Contains(o, part) }) {
					continue
				}
				seen[part] = true
				if strings.Contains(shown, part) {
					found = append(found, part)
				}
			}
		}
	}
	return found
}

var (
	placeholderRe = regexp.MustCompile(`%[sdv]|\{[a-z]+\}`)
	hiddenRe      = regexp.MustCompile(`(?s)<style\b.*?</style>|<script\b[^>]*(?:class="bs-chart-option"|id="bs-words")[^>]*>.*?</script>`)
	tagRe         = regexp.MustCompile(`(?s)<[^>]*>`)
	attrRe        = regexp.MustCompile(`\b(?:aria-label|title|placeholder|data-t-[a-z]+)="([^"]*)"`)
	wordsRe       = regexp.MustCompile(`(?s)<script type="application/json" id="bs-words">(.*?)</script>`)
)

// wordParts splits a word at its placeholders, trimmed of spaces and
// punctuation.
func wordParts(w string) []string {
	var out []string
	for _, p := range placeholderRe.Split(w, -1) {
		if p = strings.TrimFunc(p, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readerText is what a reader of the page sees or hears: the text between
// tags, the attributes read aloud or shown, and the script words.
func readerText(page string) string {
	var b strings.Builder
	for _, m := range attrRe.FindAllStringSubmatch(page, -1) {
		b.WriteString(m[1] + "\n")
	}
	for _, m := range wordsRe.FindAllStringSubmatch(page, -1) {
		var words any
		if err := json.Unmarshal([]byte(m[1]), &words); err != nil {
			b.WriteString(m[1])
		}
		writeStrings(&b, words)
	}
	b.WriteString(tagRe.ReplaceAllString(hiddenRe.ReplaceAllString(page, ""), "\n"))
	return html.UnescapeString(b.String())
}

// writeStrings writes the strings of a JSON value, a line each.
func writeStrings(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(v + "\n")
	case []any:
		for _, e := range v {
			writeStrings(b, e)
		}
	case map[string]any:
		for _, e := range v {
			writeStrings(b, e)
		}
	}
}
