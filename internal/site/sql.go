package site

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// SQLEngine runs a block's SQL over datasets resolved by name. An engine
// serves one page (or one earlier edition of it) and is closed after the
// page's blocks have run.
type SQLEngine interface {
	// Query runs one SELECT; name names the result table.
	Query(name, src string) (*dataset.Table, error)
	Close() error
}

// NewSQLEngine makes an engine over the datasets that lookup resolves. It
// must not start anything before the first Query.
type NewSQLEngine func(lookup func(name string) (*dataset.Table, error)) SQLEngine

// pageSQL runs the SQL of one page's blocks: an engine per period, made on
// first use.
type pageSQL struct {
	s       *Site
	data    *registry
	page    *Page
	new     NewSQLEngine
	engines map[string]SQLEngine
}

// run is the page's block.SQLFunc.
func (ps *pageSQL) run(period, src string) (*dataset.Table, error) {
	target := ps.page
	switch period {
	case block.PeriodPrevious:
		target = nil
		if ps.page.Edition != nil {
			target = ps.page.Edition.Prev
		}
	case block.PeriodYear:
		target = ps.s.yearAgo(ps.page)
	}
	if target == nil {
		return nil, nil
	}
	e := ps.engines[period]
	if e == nil {
		if ps.engines == nil {
			ps.engines = map[string]SQLEngine{}
		}
		e = ps.new(ps.data.lookupFor(target, ps.s))
		ps.engines[period] = e
	}
	return e.Query("sql", src)
}

// close releases the engines the page used.
func (ps *pageSQL) close() {
	for _, e := range ps.engines {
		e.Close()
	}
	ps.engines = nil
}

// yearAgo returns the edition of the same period a year before p's: by name
// (2023-03 → 2022-03, 2023-Q1 → 2022-Q1, 2023-03-31 → 2022-03-31), else by
// date. It returns nil when there is none.
func (s *Site) yearAgo(p *Page) *Page {
	if p == nil || p.Edition == nil {
		return nil
	}
	name := content.YearAgoName(p.Edition.Name)
	date := p.Edition.Date.AddDate(-1, 0, 0)
	for _, e := range s.Editions[:p.Edition.Index] {
		if name != "" && e.Edition.Name == name {
			return e
		}
	}
	if name != "" {
		return nil
	}
	for _, e := range s.Editions[:p.Edition.Index] {
		if e.Edition.Date.Equal(date) {
			return e
		}
	}
	return nil
}

// yearAgoData returns the same dataset of the edition a year before p, as
// previous does for the edition before it.
func (r *registry) yearAgoData(s *Site, p *Page, name string) (*dataset.Table, error) {
	if p.Edition == nil {
		return nil, &diag.Error{Msg: `compare = "year" works on edition pages only`,
			Hint: "move the block into an edition, or remove compare"}
	}
	if strings.HasPrefix(name, EditionsPrefix) {
		return nil, &diag.Error{Msg: fmt.Sprintf("dataset %q already spans every edition; it has no edition a year earlier", name),
			Hint: "compare a single edition's dataset instead"}
	}
	if bundleDataset(p, name) == "" {
		return nil, &diag.Error{Msg: fmt.Sprintf("dataset %q is not this edition's own, so no edition a year earlier has its own copy to compare with", name),
			Hint: fmt.Sprintf("put %s.csv in each edition's folder, or remove compare", name)}
	}
	ago := s.yearAgo(p)
	if ago == nil {
		return nil, nil
	}
	f := bundleDataset(ago, name)
	if f == "" {
		return nil, &diag.Error{Msg: fmt.Sprintf("the edition a year earlier (%s) has no dataset %q, so there is no year-on-year comparison", ago.Edition.Name, name),
			Hint: "this is expected in a dataset's first year", Warning: true}
	}
	return r.read(f)
}
