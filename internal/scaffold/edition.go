// Package scaffold creates files a user goes on to edit: a new edition from
// the newest one, and a new site. It never overwrites anything.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/snapshot"
)

// NewEdition creates content/<section>/<name>/ in the site at root from the
// newest existing edition: an index.md with fresh front matter and the
// previous commentary's headings and blocks as a skeleton, each query kept,
// and each dataset with its columns only. It returns the files it created,
// relative to root.
//
// Everything is read and written through an os.Root: a symbolic link that
// leads out of the site is refused, naming it, and nothing is created.
func NewEdition(rootDir, name string) ([]string, error) {
	root, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	e, err := locate(root, name)
	if err != nil {
		return nil, err
	}
	files, err := e.files(root)
	if err != nil {
		return nil, err
	}
	return writeFiles(root, e.target, files)
}

// edition is the edition to create, and the newest one before it.
type edition struct {
	cfg    *config.Config
	name   string
	period content.Period
	// target is the new edition's folder; prev the previous one's, "" when
	// there is none.
	target, prev string
}

// locate checks the new edition's name and place and finds the newest
// edition before it.
func locate(root *os.Root, name string) (*edition, error) {
	cfg, err := config.Load(root.FS())
	if err != nil {
		return nil, err
	}
	period, ok := content.EditionPeriod(name)
	if !ok {
		return nil, fmt.Errorf("edition name %q is not a date: use YYYY-MM, YYYY-Qn or YYYY-MM-DD, such as 2022-04", name)
	}
	secRel := path.Join(content.Dir, cfg.Editions.Section)
	e := &edition{cfg: cfg, name: name, period: period, target: path.Join(secRel, name)}
	for _, rel := range []string{content.Dir, secRel} {
		if err := inside(root, rel); err != nil {
			return nil, err
		}
	}
	if _, err := root.Lstat(e.target); err == nil {
		return nil, fmt.Errorf("%s already exists; nothing was created", e.target)
	}
	prev, err := newestEdition(root, secRel, period.Start)
	if prev != "" {
		e.prev = path.Join(secRel, prev)
	}
	return e, err
}

// files returns the new edition's files by name: index.md, and from the
// previous edition its queries and its datasets' columns.
func (e *edition) files(root *os.Root) (map[string][]byte, error) {
	files := map[string][]byte{}
	var body, values []byte
	summary := ""
	if e.prev != "" {
		index := path.Join(e.prev, "index.md")
		src, err := readInside(root, index)
		if err != nil {
			return nil, err
		}
		prevFront, prevBody, _, err := content.Split(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", index, err)
		}
		body = skeleton(prevBody, e.cfg.Language)
		summary, values = keptFront(prevFront)
		if err := e.carryData(root, files); err != nil {
			return nil, err
		}
	}
	files["index.md"] = frontMatter(e.name, e.period, e.cfg.Language, summary, values, body)
	return files, nil
}

// carryData adds the previous edition's queries as they are, and its
// datasets with their columns only; a dataset with a query comes from
// broadsheet pull, so it is not copied.
func (e *edition) carryData(root *os.Root, files map[string][]byte) error {
	entries, err := fs.ReadDir(root.FS(), e.prev)
	if err != nil {
		return err
	}
	stem := func(n string) string { return strings.TrimSuffix(n, path.Ext(n)) }
	queried := map[string]bool{}
	for _, d := range entries {
		if n := d.Name(); !d.IsDir() && strings.EqualFold(path.Ext(n), snapshot.QueryExt) {
			q, err := readInside(root, path.Join(e.prev, n))
			if err != nil {
				return err
			}
			files[n] = q
			queried[stem(n)] = true
		}
	}
	for _, d := range entries {
		n := d.Name()
		if d.IsDir() || !dataset.IsDataset(n) || queried[stem(n)] {
			continue
		}
		rel := path.Join(e.prev, n)
		data, err := readInside(root, rel)
		if err != nil {
			return err
		}
		if files[n], err = headerOnly(root.FS(), rel, data, e.cfg.Datasets[stem(n)].Decl()); err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
	}
	return nil
}

// writeFiles creates the folder target and the files in it, in name order.
func writeFiles(root *os.Root, target string, files map[string][]byte) ([]string, error) {
	if err := root.MkdirAll(target, 0o755); err != nil {
		return nil, err
	}
	var created []string
	for _, n := range slices.Sorted(maps.Keys(files)) {
		if err := writeNewIn(root, path.Join(target, n), files[n]); err != nil {
			return created, err
		}
		created = append(created, path.Join(target, n))
	}
	return created, nil
}

// writeNew creates a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func newestEdition(root *os.Root, dir string, before time.Time) (string, error) {
	entries, err := fs.ReadDir(root.FS(), dir)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	best, bestDate := "", time.Time{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		p, ok := content.EditionPeriod(e.Name())
		d := p.Start
		if !ok || !d.Before(before) {
			continue
		}
		if _, err := root.Stat(path.Join(dir, e.Name(), "index.md")); err != nil {
			continue
		}
		if best == "" || d.After(bestDate) {
			best, bestDate = e.Name(), d
		}
	}
	return best, nil
}

// frontMatter writes the new edition's front matter, a draft until its
// author says otherwise.
func frontMatter(name string, period content.Period, lang, summary string, values, body []byte) []byte {
	title := name
	if period.Unit == content.Month {
		title = period.Start.Format(locale.Of(lang).Word(locale.EditionTitleLayout))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "+++\ntitle   = %q\ndate    = %s\nsummary = %q\ndraft   = true\n", title, period.Last().Format("2006-01-02"), summary)
	if len(values) > 0 {
		b.WriteByte('\n')
		b.Write(bytes.TrimRight(values, "\n"))
		b.WriteByte('\n')
	}
	b.WriteString("+++\n")
	if len(body) > 0 {
		b.WriteByte('\n')
		b.Write(body)
	}
	return b.Bytes()
}
