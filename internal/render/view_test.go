package render

import (
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

func TestDates(t *testing.T) {
	d := time.Date(2022, 3, 31, 0, 0, 0, 0, time.UTC)
	if got := formatDate("zh-CN", d); got != "2022年3月31日" {
		t.Errorf("zh-CN: %q", got)
	}
	if got := formatDate("en", d); got != "31 March 2022" {
		t.Errorf("en: %q", got)
	}
	if got := formatDate("en-US", d); got != "March 31, 2022" {
		t.Errorf("en-US: %q", got)
	}
	if got := formatDate("en-GB", d); got != "31 March 2022" {
		t.Errorf("en-GB: %q", got)
	}
	if got := formatDate("zh-TW", d); got != "2022年3月31日" {
		t.Errorf("zh-TW: %q", got)
	}
	if got := translate("zh-HK", "toc"); got != "目录" {
		t.Errorf("zh-HK words: %q", got)
	}
	if got := formatDate("en", time.Time{}); got != "" {
		t.Errorf("zero date: %q", got)
	}
}
