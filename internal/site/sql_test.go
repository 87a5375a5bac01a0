package site

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// fakeEngine answers every query with the names of the tables it was asked
// for, so the test sees which datasets an engine could reach.
type fakeEngine struct {
	lookup func(string) (*dataset.Table, error)
	closed *int
}

func (e *fakeEngine) Query(name, src string) (*dataset.Table, error) {
	t, err := e.lookup(src) // the "SQL" here is a dataset name
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (e *fakeEngine) Close() error { *e.closed++; return nil }

func TestEngineOnlyForPagesWithSQL(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                          {Data: []byte("title = \"T\"\nlanguage = \"en\"\n")},
		"content/data/accounts.csv":          {Data: []byte("bank,n\nA,1\n")},
		"content/plain.md":                   {Data: []byte("+++\ntitle = \"Plain\"\n+++\n```table\ndata = \"accounts\"\n```\n")},
		"content/editions/2022-01/index.md":  {Data: []byte("+++\ntitle = \"Jan\"\n+++\n")},
		"content/editions/2022-01/sales.csv": {Data: []byte("region,n\nN,1\n")},
		"content/editions/2022-02/index.md": {Data: []byte("+++\ntitle = \"Feb\"\n+++\n" +
			"```table\nsql = \"sales\"\ncompare = \"previous\"\nkey = \"region\"\n```\n")},
		"content/editions/2022-02/sales.csv": {Data: []byte("region,n\nN,2\n")},
	}
	var made []string
	closed := 0
	newEngine := func(lookup func(string) (*dataset.Table, error)) SQLEngine {
		e := &fakeEngine{lookup: lookup, closed: &closed}
		made = append(made, "engine")
		return e
	}
	s, errs := Load(fsys, Options{SQL: newEngine})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	// One engine for February's own datasets, one for January's (the
	// comparison): none for the pages without sql.
	if len(made) != 2 || closed != 2 {
		t.Errorf("engines made %d, closed %d; want 2 and 2", len(made), closed)
	}
	if !slices.ContainsFunc(s.Pages, func(p *Page) bool { return p.Path == "plain/" }) {
		t.Errorf("plain page missing")
	}
}
