package site

import (
	"fmt"
	"strings"
)

// Pick finds the one page a command works on (bundle, pdf): the edition
// named edition, else the page named page (its content file,
// content/about.md, or its path, about/ or about/index.html), else the
// newest edition, or the home page on a site without editions.
func (s *Site) Pick(edition, page string) (*Page, error) {
	switch {
	case edition != "":
		return s.editionNamed(edition)
	case page != "":
		return s.pageNamed(page)
	case len(s.Editions) > 0:
		return s.Editions[len(s.Editions)-1], nil
	}
	return s.Home, nil
}

// editionNamed is the edition whose folder is name.
func (s *Site) editionNamed(name string) (*Page, error) {
	names := make([]string, 0, len(s.Editions))
	for _, e := range s.Editions {
		if e.Edition.Name == name {
			return e, nil
		}
		names = append(names, e.Edition.Name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no edition %q: the site has no editions", name)
	}
	return nil, fmt.Errorf("no edition %q (editions: %s)", name, strings.Join(names, ", "))
}

// pageNamed is the page whose content file or path is ref.
func (s *Site) pageNamed(ref string) (*Page, error) {
	want := strings.TrimPrefix(strings.TrimPrefix(ref, "./"), "/")
	for _, p := range s.Pages {
		if p.File == want || p.Path == want || p.Path == want+"/" || p.Path+"index.html" == want {
			return p, nil
		}
	}
	return nil, fmt.Errorf("no page %q: give its content file (content/about.md) or its path (about/)", ref)
}
