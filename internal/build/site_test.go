package build

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
		case "contains", "absent", "exists", "missing":
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
