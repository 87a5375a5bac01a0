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
	if err == nil || !strings.HasPrefix(err.Error(), "site.toml:2:12: ") {
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
	want := `site.toml:3: charts.height must be a whole number, not a string (quotes make a string; digits alone a number; true and false need none)`
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

// A bad setting is reported and left at its default; every other setting,
// before and after it, is still read, so the rest of the site can be
// checked in the same run.
func TestReadKeepsGoodSettings(t *testing.T) {
	src := "title = \"R\"\r\nlanguage = 5\r\n[charts]\r\nheight = 50\r\nrenderer = \"svg\"\r\ncolour = \"red\"\r\n" +
		"[datasets.\"账户.csv\"]\r\nkey = \"account\"\r\nencoding = \"latin1\"\r\n[[menu]]\r\nname = \"关于\"\r\nurl = \"about/\"\r\n[[menu]]\r\nname = \"坏\"\r\nurl = \"//x\"\r\n"
	cfg, errs := decode([]byte(src))
	want := `site.toml:2: language must be a string, not an integer (quotes make a string; digits alone a number; true and false need none)
site.toml:4: chart height 50 is out of range (use a number of pixels between 120 and 2000)
site.toml:6: unknown key "charts.colour" (did you mean "colors"?)
site.toml:9: dataset "账户.csv": encoding "latin1" is not supported (use "utf-8", "gb18030" or "gbk")
site.toml:15: menu entry 2: url "//x" is not a site path or an http(s) address (write a site path such as "about/", or an address starting with https://)`
	if errs.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", errs, want)
	}
	if cfg.Title != "R" || cfg.Language != "en" || cfg.Charts.Height != 420 || cfg.Charts.Renderer != "svg" ||
		cfg.Datasets["账户.csv"].Key[0] != "account" || cfg.Datasets["账户.csv"].Encoding != "" || len(cfg.Menu) != 1 {
		t.Errorf("settings: %+v", cfg)
	}
	if file, line := cfg.KeyPos("账户.csv"); file != File || line != 8 {
		t.Errorf("KeyPos = %s:%d", file, line)
	}
}

// A syntax error leaves every setting at its default.
func TestReadSyntaxError(t *testing.T) {
	cfg, errs := decode([]byte("title = \"R\"\nlanguage = zh\n"))
	if cfg == nil || cfg.Title != Default().Title || len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "site.toml:2:12: invalid TOML: ") {
		t.Errorf("got %v, %v", cfg, errs)
	}
}
