package site

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/content"
)

func pickSite(editions ...string) *Site {
	home := &Page{Page: &content.Page{File: "content/_index.md", Path: ""}}
	about := &Page{Page: &content.Page{File: "content/about.md", Path: "about/"}}
	s := &Site{Home: home, Pages: []*Page{home, about}}
	for i, name := range editions {
		e := &Page{Page: &content.Page{File: "content/editions/" + name + "/index.md", Path: "editions/" + name + "/"}, Edition: &Edition{Name: name, Index: i}}
		s.Pages = append(s.Pages, e)
		s.Editions = append(s.Editions, e)
	}
	return s
}

func TestPick(t *testing.T) {
	s := pickSite("2022-02", "2022-03")
	for _, tt := range []struct{ edition, page, want string }{
		{"", "", "editions/2022-03/"},
		{"2022-02", "", "editions/2022-02/"},
		{"", "content/about.md", "about/"},
		{"", "about/", "about/"},
		{"", "about", "about/"},
		{"", "/about/index.html", "about/"},
		{"", "./about/", "about/"},
		{"", "editions/2022-02/", "editions/2022-02/"},
	} {
		p, err := s.Pick(tt.edition, tt.page)
		if err != nil || p.Path != tt.want {
			t.Errorf("Pick(%q, %q) = %v, %v; want the page at %q", tt.edition, tt.page, p, err, tt.want)
		}
	}
}

func TestPickWithoutEditionsIsHome(t *testing.T) {
	s := pickSite()
	if p, err := s.Pick("", ""); err != nil || p != s.Home {
		t.Fatalf("Pick on a site without editions = %v, %v; want the home page", p, err)
	}
}

func TestPickNamesWhatThereIs(t *testing.T) {
	s := pickSite("2022-02", "2022-03")
	_, err := s.Pick("2022-04", "")
	if err == nil || !strings.Contains(err.Error(), `no edition "2022-04"`) || !strings.Contains(err.Error(), "2022-02, 2022-03") {
		t.Errorf("an unknown edition: %v; want it named, with the editions there are", err)
	}
	_, err = pickSite().Pick("2022-04", "")
	if err == nil || !strings.Contains(err.Error(), "has no editions") {
		t.Errorf("an edition on a site without any: %v; want it said the site has none", err)
	}
	_, err = s.Pick("", "contact/")
	if err == nil || !strings.Contains(err.Error(), `no page "contact/"`) {
		t.Errorf("an unknown page: %v", err)
	}
}
