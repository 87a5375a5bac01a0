package benchsite_test

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/benchsite"
	"github.com/broadsheet/broadsheet/internal/build"
)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerateLayout(t *testing.T) {
	dir := t.TempDir()
	const n = 30
	if err := benchsite.Generate(dir, n, 7); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	var pages, bundles, csvs, shared, sections int
	for name := range files {
		switch {
		case name == "site.toml" || name == "content/_index.md":
		case strings.HasPrefix(name, "content/data/") && strings.HasSuffix(name, ".csv"):
			shared++
		case strings.HasSuffix(name, "/_index.md"):
			sections++
		case strings.HasSuffix(name, "/index.md"):
			pages++
			bundles++
		case strings.HasSuffix(name, "/metrics.csv"):
			csvs++
		case strings.HasSuffix(name, ".md"):
			pages++
		default:
			t.Errorf("unexpected file %s", name)
		}
	}
	if pages != n || bundles != n/2 || csvs != n/2 || shared != benchsite.SharedDatasets || sections != benchsite.Sections {
		t.Errorf("got %d pages (%d bundles, %d bundle CSVs), %d shared datasets, %d sections; want %d (%d, %d), %d, %d",
			pages, bundles, csvs, shared, sections, n, n/2, n/2, benchsite.SharedDatasets, benchsite.Sections)
	}
	if !bytes.Contains(files["site.toml"], []byte(`language    = "zh-CN"`)) {
		t.Errorf("site.toml does not set language zh-CN:\n%s", files["site.toml"])
	}
	for i := range n {
		name := benchsite.PagePath(i)
		if _, ok := files[name]; !ok {
			t.Errorf("page %d: %s is missing", i, name)
		}
	}
}

var (
	fenceRe = regexp.MustCompile("(?s)```(chart|table)\n.*?```\n")
	hanRe   = regexp.MustCompile(`\p{Han}`)
)

func TestGeneratePageContent(t *testing.T) {
	dir := t.TempDir()
	if err := benchsite.Generate(dir, 4, 1); err != nil {
		t.Fatal(err)
	}
	for i, data := range []string{"metrics", "region_1"} {
		src, err := os.ReadFile(filepath.Join(dir, benchsite.PagePath(i)))
		if err != nil {
			t.Fatal(err)
		}
		page := string(src)
		blocks := fenceRe.FindAllStringSubmatch(page, -1)
		var kinds []string
		for _, b := range blocks {
			kinds = append(kinds, b[1])
			if !regexp.MustCompile(`\ndata\s+= "` + data + `"\n`).MatchString(b[0]) {
				t.Errorf("page %d: block does not use dataset %q:\n%s", i, data, b[0])
			}
		}
		if got := strings.Join(kinds, ","); got != "chart,chart,table" {
			t.Errorf("page %d: blocks %s, want chart,chart,table", i, got)
		}
		for _, want := range []string{`type       = "bar"`, `type    = "line"`, "\n## ", "\n- ", "\n1. ", "|---|", "**", "](https://example.com/", "](../)", ".md)"} {
			if !strings.Contains(page, want) {
				t.Errorf("page %d lacks %q", i, want)
			}
		}
		prose := fenceRe.ReplaceAllString(page[strings.Index(page[3:], "+++")+6:], "")
		if len(prose) < 4500 || len(prose) > 6500 {
			t.Errorf("page %d: %d bytes of prose, want about 5 KB", i, len(prose))
		}
		if han := len(hanRe.FindAllString(prose, -1)); han < 800 || !strings.Contains(prose, " this month.") {
			t.Errorf("page %d: %d Chinese characters and English %v; want both", i, han, strings.Contains(prose, " this month."))
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, g := range []struct {
		dir  string
		seed int64
	}{{a, 3}, {b, 3}, {c, 4}} {
		if err := benchsite.Generate(g.dir, 12, g.seed); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("same seed: %d files, then %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("same seed, %s differs", name)
		}
	}
	page := benchsite.PagePath(2)
	if bytes.Equal(fa[page], fc[page]) {
		t.Errorf("seeds 3 and 4 wrote the same %s", page)
	}
}

func TestGenerateBuilds(t *testing.T) {
	dir := t.TempDir()
	const n = 20
	if err := benchsite.Generate(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{Source: dir, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Site.Charts != 2*n {
		t.Errorf("built %d charts, want %d", res.Site.Charts, 2*n)
	}
	// Pages, sections and home.
	if got := len(res.Site.Pages); got != n+benchsite.Sections+1 {
		t.Errorf("built %d pages, want %d", got, n+benchsite.Sections+1)
	}
	html, ok := res.Tree.Get("sec-00/page-00000/index.html")
	if !ok {
		t.Fatal("sec-00/page-00000/index.html was not built")
	}
	for _, want := range []string{`<figure class="bs-chart"`, `class="bs-table-figure"`, `<table>`} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("page 0 lacks %s", want)
		}
	}
	// Links to the markdown file of the page ten before, from a bundle and
	// from a plain page, to a bundle and to a plain page.
	for _, l := range []struct{ page, href string }{
		{"sec-00/page-00010/index.html", `href="../../sec-00/page-00000/index.html"`},
		{"sec-01/page-00011/index.html", `href="../../sec-01/page-00001/index.html"`},
		{"sec-03/page-00003/index.html", `href="../../sec-03/page-00003/index.html"`},
	} {
		got, _ := res.Tree.Get(l.page)
		if !bytes.Contains(got, []byte(l.href)) {
			t.Errorf("%s lacks %s", l.page, l.href)
		}
	}
}

func TestGenerateCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "big.csv")
	if err := benchsite.GenerateCSV(path, 2500); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2501 || strings.Join(rows[0], ",") != benchsite.CSVHeader {
		t.Fatalf("got %d lines, header %v; want 2501 lines, header %s", len(rows), rows[0], benchsite.CSVHeader)
	}
	dateRe := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	numRe := regexp.MustCompile(`^\d+$`)
	for i, r := range rows[1:] {
		if !dateRe.MatchString(r[0]) || !strings.HasSuffix(r[1], "银行") || r[2] == "" || !numRe.MatchString(r[3]) || !numRe.MatchString(r[4]) || !numRe.MatchString(r[5]) {
			t.Fatalf("row %d is malformed: %v", i+1, r)
		}
	}
}

func TestGenerateAggregateBuilds(t *testing.T) {
	dir := t.TempDir()
	csvPath, err := benchsite.GenerateAggregate(dir, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if csvPath != filepath.Join(dir, "content", "data", "events.csv") {
		t.Errorf("CSV written to %s", csvPath)
	}
	res, err := build.Run(build.Options{Source: dir, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	home, _ := res.Tree.Get("index.html")
	if res.Site.Charts != 1 || bytes.Count(home, []byte("<tr><td>")) != 5 {
		t.Errorf("built %d charts with %d data rows, want 1 chart of 5 rows (one per bank type)", res.Site.Charts, bytes.Count(home, []byte("<tr><td>")))
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"negative pages", benchsite.Generate(dir, -1, 1), "benchsite: pages is -1; it must be zero or more"},
		{"negative rows", benchsite.GenerateCSV(filepath.Join(dir, "x.csv"), -5), "benchsite: rows is -5; it must be zero or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil || tt.err.Error() != tt.want {
				t.Errorf("got %v, want %s", tt.err, tt.want)
			}
		})
	}
}
