package config

import (
	"strings"
	"testing"
)

// A site.toml nested a million levels deep is refused at its line, not
// decoded into a stack overflow.
func TestDeepNesting(t *testing.T) {
	n := 1_500_000
	src := "title = \"R\"\n\nx = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
	_, err := Parse([]byte(src))
	want := "site.toml:3: invalid TOML: nested deeper than 64 levels"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

// Menu addresses are site paths or http(s) addresses: anything a browser
// would run, or send to another host, is refused at its line.
func TestMenuURLs(t *testing.T) {
	src := `title = "R"

[[menu]]
name = "Home"
url = "/"

[[menu]]
name = "Run"
url = "javascript:alert(1)"

[[menu]]
name = "Data"
url = " DATA:text/html,<script>alert(1)</script>"

[[menu]]
name = "Elsewhere"
url = "//evil.example/x"

[[menu]]
name = "Backslash"
url = "/\\evil.example"

[[menu]]
name = "Mail"
url = "mailto:a@example.com"

[[menu]]
name = "Good"
url = "https://example.com/a?b=1#c"
`
	_, err := Parse([]byte(src))
	const hint = ` (write a site path such as "about/", or an address starting with https://)`
	want := `site.toml:9: menu entry 2: url "javascript:alert(1)" is not a site path or an http(s) address` + hint + "\n" +
		`site.toml:13: menu entry 3: url " DATA:text/html,<script>alert(1)</script>" is not a site path or an http(s) address` + hint + "\n" +
		`site.toml:17: menu entry 4: url "//evil.example/x" is not a site path or an http(s) address` + hint + "\n" +
		`site.toml:21: menu entry 5: url "/\\evil.example" is not a site path or an http(s) address` + hint + "\n" +
		`site.toml:25: menu entry 6: url "mailto:a@example.com" is not a site path or an http(s) address` + hint
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

// A baseURL is the folder the site is served from: a query, a fragment or
// a user name and password in it are refused.
func TestBaseURLParts(t *testing.T) {
	for _, u := range []string{"https://example.com/r/?x=1", "https://example.com/r/#top", "https://example.com/r/?", "https://user:secret@example.com/r/"} {
		_, err := Parse([]byte("title = \"R\"\nbaseURL = \"" + u + "\"\n"))
		if err == nil || !strings.HasPrefix(err.Error(), "site.toml:2: baseURL ") || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: got %v", u, err)
		}
	}
}

func TestBaseURLErrorHidesPassword(t *testing.T) {
	_, err := Parse([]byte("title = \"R\"\nbaseURL = \"ftp://user:secret@example.com/r/\"\n"))
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("got %v", err)
	}
}
