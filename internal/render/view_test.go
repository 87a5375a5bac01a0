package render

import (
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/site"
)

func viewAt(baseURL, at string) *View {
	cfg := config.Default()
	cfg.BaseURL = baseURL
	p := &site.Page{Page: &content.Page{Path: at}}
	return &View{Site: &site.Site{Config: cfg}, Page: p, At: at, r: &Renderer{}}
}

func TestURL(t *testing.T) {
	tests := []struct {
		base, at, target, want string
	}{
		{"", "", "", "index.html"},
		{"", "", "about/", "about/index.html"},
		{"", "about/", "", "../index.html"},
		{"", "editions/2022-03/", "editions/2022-02/", "../../editions/2022-02/index.html"},
		{"", "latest/", "editions/2022-02/", "../editions/2022-02/index.html"},
		{"", "about/", "editions/2022-03/chart-1.csv", "../editions/2022-03/chart-1.csv"},
		{"", "about/", "观察/", "../%E8%A7%82%E5%AF%9F/index.html"},
		{"https://example.com/r/", "about/", "", "../"},
		{"https://example.com/r/", "", "", "./"},
		{"https://example.com/r/", "about/", "editions/", "../editions/"},
		{"", "about/", "https://example.com/x", "https://example.com/x"},
	}
	for _, tt := range tests {
		if got := viewAt(tt.base, tt.at).URL(tt.target); got != tt.want {
			t.Errorf("base %q, at %q: URL(%q) = %q, want %q", tt.base, tt.at, tt.target, got, tt.want)
		}
	}
}

func TestNotFoundRoot(t *testing.T) {
	v := viewAt("https://example.com/r/", "")
	v.notFound = true
	if got := v.URL("about/"); got != "/r/about/" {
		t.Errorf("404 link = %q", got)
	}
	if v.Canonical() != "" {
		t.Errorf("404 has a canonical link")
	}
}

func TestDatesAndWords(t *testing.T) {
	d := time.Date(2022, 3, 31, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string][2]string{
		"zh-CN": {"2022年3月31日", "目录"},
		"en":    {"31 March 2022", "Contents"},
		"en-US": {"March 31, 2022", "Contents"},
		"en-GB": {"31 March 2022", "Contents"},
		"zh-TW": {"2022年3月31日", "目錄"},
		"zh-HK": {"2022年3月31日", "目錄"},
	} {
		v := viewAt("", "")
		v.Site.Config.Language = lang
		toc, err := v.T("toc")
		if got := [2]string{v.Date(d), toc}; got != want || err != nil {
			t.Errorf("%s: %q, %v; want %q", lang, got, err, want)
		}
	}
	v := viewAt("", "")
	if got := v.Date(time.Time{}); got != "" {
		t.Errorf("zero date: %q", got)
	}
	if _, err := v.T("tco"); err == nil || !strings.Contains(err.Error(), `no word "tco"`) {
		t.Errorf("unknown word: %v", err)
	}
}
