package config

import (
	"strings"
	"testing"
)

func TestDefaults(t *testing.T) {
	cfg, err := Parse([]byte(`title = "R"`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Language != "en" || cfg.Editions.Section != "editions" || cfg.Charts.Renderer != "canvas" || cfg.Charts.Height != 420 || cfg.BaseURL != "" || cfg.Markdown.Unsafe {
		t.Errorf("defaults: %+v", cfg)
	}
}

func TestBaseURL(t *testing.T) {
	cfg, err := Parse([]byte(`baseURL = "https://example.com/r"`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://example.com/r/" {
		t.Errorf("baseURL = %q", cfg.BaseURL)
	}
}

func TestErrors(t *testing.T) {
	src := `title = "R"
baseURL = "example.com"
[charts]
renderer = "webgl"
height = 50
[datasets.accounts]
encoding = "latin1"
columns = { followers = "integer" }
[editions]
section = "../x"
`
	_, err := Parse([]byte(src))
	want := `site.toml:2: baseURL "example.com" is not an absolute URL (write it like "https://reports.example.com/shortvideo/", or "" for relative links)
site.toml:4: chart renderer "webgl" is not supported (use "canvas" or "svg")
site.toml:5: chart height 50 is out of range (use a number of pixels between 120 and 2000)
site.toml:7: dataset "accounts": encoding "latin1" is not supported (use "utf-8", "gb18030" or "gbk")
site.toml:8: dataset "accounts": column "followers" has unknown type "integer" (use int, float, date, bool or string)
site.toml:10: editions section "../x" is not a folder name (use a plain name such as "editions")`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

func TestSyntaxError(t *testing.T) {
	_, err := Parse([]byte("title = \"R\"\nlanguage = zh\n"))
	if err == nil || err.Error()[:13] != "site.toml:2: " {
		t.Errorf("got %v", err)
	}
}

func TestDeclLine(t *testing.T) {
	cfg, err := Parse([]byte("title = \"R\"\n\n[datasets.accounts]\nkey = \"account\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.DeclLine("accounts"); got != 3 {
		t.Errorf("DeclLine = %d", got)
	}
}

func TestTypeError(t *testing.T) {
	_, err := Parse([]byte("title = \"R\"\n[charts]\nheight = \"420\"\n"))
	want := `site.toml:3: charts.height: incompatible types: TOML value has type string; destination has type integer (check the value's type: quotes make a string, digits alone a number)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v", err)
	}
}

// TestLanguageTags: site.toml accepts the tags locale.Match reads, in any
// case, and refuses the others with the rule in the hint.
func TestLanguageTags(t *testing.T) {
	for _, tag := range []string{"en", "en-US", "en-gb", "en-AU", "zh", "zh-CN", "zh-SG", "zh-Hans", "zh-TW", "zh-Hant", "ZH-hk", "zh-MO"} {
		if _, err := Parse([]byte("title = \"R\"\nlanguage = \"" + tag + "\"\n")); err != nil {
			t.Errorf("%s: %v", tag, err)
		}
	}
	for _, tag := range []string{"fr", "en_US", "zh-", "english"} {
		_, err := Parse([]byte("title = \"R\"\nlanguage = \"" + tag + "\"\n"))
		if err == nil || !strings.Contains(err.Error(), `language "`+tag+`" is not supported`) || !strings.Contains(err.Error(), "zh-Hant") {
			t.Errorf("%s: %v", tag, err)
		}
	}
}
