package build

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var dateSite = fstest.MapFS{
	"site.toml":         {Data: []byte("title = \"Dates\"\nlanguage = \"en\"\n")},
	"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\nText.\n")},
}

// The build date is an option: the footer shows the one given, and the
// environment is not read below the command line.
func TestBuildDateIsAnOption(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1648684800") // 2022-03-31: must not be used
	date := time.Date(2021, 7, 4, 0, 0, 0, 0, time.UTC)
	res, err := Run(Options{SourceFS: dateSite, Date: date, CacheDir: "-"})
	if err != nil {
		t.Fatal(err)
	}
	home, _ := res.Tree.Get("index.html")
	if !strings.Contains(string(home), `datetime="2021-07-04"`) {
		t.Fatalf("index.html does not show the build date 2021-07-04:\n%s", home)
	}
	res, err = Run(Options{SourceFS: dateSite, CacheDir: "-"})
	if err != nil {
		t.Fatal(err)
	}
	home, _ = res.Tree.Get("index.html")
	today := time.Now().UTC().Format("2006-01-02")
	if !strings.Contains(string(home), `datetime="`+today+`"`) {
		t.Fatalf("with no date, index.html does not show today (%s):\n%s", today, home)
	}
}
