package tomlpos

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// A document's errors are positioned in its file: front matter starts on
// the file's second line, a block further down.
func TestDocError(t *testing.T) {
	for _, c := range []struct {
		name string
		doc  *Doc
		want string
	}{
		{"syntax", &Doc{File: "a.md", Line: 2, Src: "title = \"A\"\ndate = 2022-03-01 x\n", Prefix: "front matter: ", Hint: "front matter is TOML"},
			`a.md:3:19: front matter: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead (front matter is TOML)`},
		{"string across lines", &Doc{File: "p.md", Line: 10, Src: "type = \"bar\"\ndata = \"accounts\nx = 1\n", Prefix: "chart: "},
			`p.md:11:17: chart: invalid TOML: strings cannot contain newlines (close the quotes on the same line, or write text of several lines between """ and """)`},
		{"key twice", &Doc{File: "site.toml", Src: "title = \"a\"\ntitle = \"b\"\n"},
			`site.toml:2:1: invalid TOML: Key 'title' has already been defined. (each key is set once; remove the other line, or rename one of them)`},
		{"depth", &Doc{File: "d.toml", Src: "a = 1\nx = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n"},
			`d.toml:2: invalid TOML: nested deeper than 64 levels (tables, arrays and the parts of dotted keys each count one level)`},
		{"bad date", &Doc{File: "site.toml", Src: "d = 2022-13-45\n", Hint: "check the TOML syntax"},
			`site.toml:1:5: invalid TOML: invalid datetime: "2022-13-45" (write a date as 2022-03-31, or a time as 2022-03-31T09:30:00)`},
		{"table name at the end of its line", &Doc{File: "site.toml", Src: "title = \"x\"\nlanguage = \"en\"\n[charts\n"},
			`site.toml:3:8: invalid TOML: expected '.' or ']' to end table name, but got the end of the line instead`},
		{"table name at the end of the file", &Doc{File: "site.toml", Src: "title = \"x\"\n[charts"},
			`site.toml:2:8: invalid TOML: expected '.' or ']' to end table name, but got end of file instead`},
		{"table name at the end of a Windows line", &Doc{File: "site.toml", Src: "title = \"x\"\r\n[charts\r\n"},
			`site.toml:2:8: invalid TOML: expected '.' or ']' to end table name, but got the end of the line instead`},
		{"array left open", &Doc{File: "p.md", Line: 5, Src: "type = \"bar\"\ny = [\"a\", \"b\"\n"},
			`p.md:6:14: invalid TOML: expected a comma (',') or array terminator (']'), but got end of file`},
		{"columns count characters", &Doc{File: "p.md", Line: 5, Src: "title = \"中文标题\" x\n"},
			`p.md:5:16: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead`},
		{"indented block", &Doc{File: "p.md", Line: 5, Col: 4, Src: "type = \"bar\"\ndata = = 1\n"},
			`p.md:6:11: invalid TOML: expected value but found '=' instead`},
		{"wrong type", &Doc{File: "a.md", Line: 2, Src: "title = \"A\"\nweight = \"3\"\n", Prefix: "front matter: "},
			`a.md:3: front matter: weight must be a whole number, not a string (quotes make a string; digits alone a number; true and false need none)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v struct {
				Title  string `toml:"title"`
				Weight int    `toml:"weight"`
				D      string `toml:"d"`
			}
			_, err := c.doc.Decode(&v)
			if err == nil || err.Error() != c.want {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}

// A key nothing takes is reported wherever it is written, with the
// closest valid key or else all of them.
func TestUnknownKey(t *testing.T) {
	d := &Doc{File: "p.md", Line: 10, Src: "data = \"a\"\n[[card]]\nvaleu = 1\n[[card]]\nlabel = \"x\"\n[[card]]\nvaleu = 2\n", Prefix: "kpi: "}
	got := d.UnknownKey([]string{"card", "valeu"}, "valeu", []string{"label", "value"}).Error()
	want := "p.md:12: kpi: unknown key \"valeu\" (did you mean \"value\"?)\np.md:16: kpi: unknown key \"valeu\" (did you mean \"value\"?)"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	got = d.UnknownKey([]string{"colour"}, "colour", []string{"data", "card"}).Error()
	if want := `p.md:10: kpi: unknown key "colour" (valid keys: data, card)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

type fillKey []string

func (k *fillKey) UnmarshalTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return errors.New("key: write a column name")
	}
	*k = fillKey{s}
	return nil
}

type fillConfig struct {
	Title    string              `toml:"title"`
	Height   int                 `toml:"height"`
	Charts   fillCharts          `toml:"charts"`
	Datasets map[string]fillDecl `toml:"datasets"`
	Menu     []fillItem          `toml:"menu"`
	Checks   *fillCharts         `toml:"checks"`
}

type fillCharts struct {
	Palette []string          `toml:"palette"`
	Colors  map[string]string `toml:"colors"`
}

type fillDecl struct {
	Key     fillKey           `toml:"key"`
	Columns map[string]string `toml:"columns"`
}

type fillItem struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// Fill decodes every key it can: one bad value or unknown key leaves the
// other settings decoded and the bad one at its default.
func TestFill(t *testing.T) {
	src := `title = "T"
height = "tall"
[charts]
palette = ["#fff", 3]
colors = { "招商银行" = "#c8102e" }
[datasets."a.b"]
key = 5
columns = { x = "int" }
[datasets.ok]
key = "id"
kye = "id"
[[menu]]
name = "a"
[[menu]]
name = "b"
ulr = "x"
[checks]
palette = ["a"]
`
	v := fillConfig{Height: 420}
	d := &Doc{File: "site.toml", Src: src}
	_, errs, ok := d.Fill(&v)
	want := `site.toml:2: height must be a whole number, not a string (quotes make a string; digits alone a number; true and false need none)
site.toml:4: charts.palette must be a list of strings, not a list (quotes make a string; digits alone a number; true and false need none)
site.toml:7: key: write a column name
site.toml:11: unknown key "datasets.ok.kye" (did you mean "key"?)
site.toml:16: unknown key "menu.ulr" (did you mean "url"?)`
	if !ok || errs.Sort().Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", errs.Sort(), want)
	}
	if v.Title != "T" || v.Height != 420 || v.Charts.Colors["招商银行"] != "#c8102e" || v.Charts.Palette != nil ||
		v.Datasets["a.b"].Columns["x"] != "int" || v.Datasets["ok"].Key[0] != "id" || len(v.Menu) != 2 || v.Menu[1].Name != "b" ||
		v.Checks == nil || v.Checks.Palette[0] != "a" {
		t.Errorf("decoded %+v", v)
	}
	if _, errs, ok := (&Doc{File: "site.toml", Src: "title = \n"}).Fill(&v); ok || len(errs) != 1 {
		t.Errorf("syntax error: %v %v", ok, errs)
	}
}

// A document is asked for its index by the workers of a build at once
// (site.toml's key lines, as datasets are read in parallel): every caller
// gets the one index. Run with -race to see a lazily built index race.
func TestIndexOnceForManyReaders(t *testing.T) {
	d := &Doc{File: "site.toml", Src: "title = \"R\"\n\n[datasets.accounts]\nkey = \"account\"\n"}
	var wg sync.WaitGroup
	got := make([]*Index, 8)
	for i := range got {
		wg.Go(func() { got[i] = d.Index() })
	}
	wg.Wait()
	for i, ix := range got {
		if ix != got[0] {
			t.Fatalf("reader %d got an index of its own", i)
		}
		if line := ix.Line("datasets", "accounts", "key"); line != 4 {
			t.Fatalf("reader %d: key at line %d, want 4", i, line)
		}
	}
}
