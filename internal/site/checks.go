package site

import (
	"path"
	"sort"

	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/datacheck"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// runChecks runs the declared data checks over every copy of each checked
// dataset: the site-wide file and each page's own, an edition's against the
// previous edition's copy.
func (r *registry) runChecks(s *Site) diag.List {
	var names []string
	for n, d := range r.cfg.Datasets {
		if d.Checks != nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var errs diag.List
	for _, name := range names {
		d := r.cfg.Datasets[name]
		check := func(file string, p *Page) {
			t, err := r.read(file)
			if err != nil {
				errs.Add(err)
				return
			}
			in := &datacheck.Input{Name: name, Table: t, Key: d.Key, Checks: d.Checks, Config: r.cfg}
			if p != nil && p.Edition != nil && p.Edition.Prev != nil {
				if f := bundleDataset(p.Edition.Prev, name); f != "" {
					if in.Prev, err = r.read(f); err != nil {
						return // reported when the previous edition is checked
					}
					in.PrevEdition = p.Edition.Prev.Edition.Name
				}
			}
			errs = append(errs, datacheck.Run(in)...)
		}
		if f, ok := r.site[name]; ok {
			check(f, nil)
		}
		for _, p := range s.Pages {
			if f := bundleDataset(p, name); f != "" && path.Dir(f) == content.Dir+"/"+p.Dir {
				check(f, p)
			}
		}
	}
	return errs
}
