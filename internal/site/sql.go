package site

import (
	"fmt"
	"strconv"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/dataset"
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
	name := YearAgoName(p.Edition.Name)
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

// YearAgoName is the name of the edition a year before an edition named by
// its date (YYYY-MM, YYYY-Qn, YYYY-MM-DD), or "" for other names.
func YearAgoName(name string) string {
	if _, ok := EditionDate(name); !ok {
		return ""
	}
	y, err := strconv.Atoi(name[:4])
	if err != nil || y < 1 {
		return ""
	}
	return fmt.Sprintf("%04d", y-1) + name[4:]
}
