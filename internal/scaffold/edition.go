// Package scaffold creates files a user goes on to edit: a new edition from
// the newest one, and a new site. It never overwrites anything.
package scaffold

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/broadsheet/broadsheet/internal/block"
	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/snapshot"
)

// NewEdition creates content/<section>/<name>/ in the site at root from the
// newest existing edition: an index.md with fresh front matter and the
// previous commentary's headings and blocks as a skeleton, and each dataset
// with its header row only. It returns the files it created, relative to
// root.
//
// Everything is read and written through an os.Root: a symbolic link that
// leads out of the site is refused, naming it, and nothing is created.
func NewEdition(rootDir, name string) ([]string, error) {
	root, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	cfg, err := config.Load(root.FS())
	if err != nil {
		return nil, err
	}
	period, ok := content.EditionPeriod(name)
	if !ok {
		return nil, fmt.Errorf("edition name %q is not a date: use YYYY-MM, YYYY-Qn or YYYY-MM-DD, such as 2022-04", name)
	}
	secRel := path.Join(content.Dir, cfg.Editions.Section)
	target := path.Join(secRel, name)
	for _, rel := range []string{content.Dir, secRel} {
		if err := inside(root, rel); err != nil {
			return nil, err
		}
	}
	if _, err := root.Lstat(target); err == nil {
		return nil, fmt.Errorf("%s already exists; nothing was created", target)
	}
	prev, err := newestEdition(root, secRel, period.Start)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	body := []byte(nil)
	summary, values := "", []byte(nil)
	if prev != "" {
		prevDir := path.Join(secRel, prev)
		src, err := readInside(root, path.Join(prevDir, "index.md"))
		if err != nil {
			return nil, err
		}
		prevFront, prevBody, _, err := content.Split(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path.Join(prevDir, "index.md"), err)
		}
		body = skeleton(prevBody, cfg.Language)
		summary, values = keptFront(prevFront)
		entries, err := fs.ReadDir(root.FS(), prevDir)
		if err != nil {
			return nil, err
		}
		queried := map[string]bool{}
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && strings.EqualFold(path.Ext(n), snapshot.QueryExt) {
				q, err := readInside(root, path.Join(prevDir, n))
				if err != nil {
					return nil, err
				}
				files[n] = q
				queried[strings.TrimSuffix(n, path.Ext(n))] = true
			}
		}
		for _, e := range entries {
			if e.IsDir() || !isDataset(e.Name()) || queried[strings.TrimSuffix(e.Name(), path.Ext(e.Name()))] {
				continue // a queried dataset comes from broadsheet pull
			}
			rel := path.Join(prevDir, e.Name())
			data, err := readInside(root, rel)
			if err != nil {
				return nil, err
			}
			decl := cfg.Datasets[strings.TrimSuffix(e.Name(), path.Ext(e.Name()))].Decl()
			if data, err = headerOnly(root.FS(), rel, data, decl); err != nil {
				return nil, fmt.Errorf("%s: %v", rel, err)
			}
			files[e.Name()] = data
		}
	}
	files["index.md"] = frontMatter(name, period, cfg.Language, summary, values, body)
	if err := root.MkdirAll(target, 0o755); err != nil {
		return nil, err
	}
	var created []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
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

func isDataset(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".json", ".toml", ".xlsx":
		return true
	}
	return false
}

// frontMatter writes the new edition's front matter, a draft until its
// author says otherwise.
func frontMatter(name string, period content.Period, lang, summary string, values, body []byte) []byte {
	title := name
	if period.Unit == content.Month {
		if strings.HasPrefix(lang, "zh") {
			title = fmt.Sprintf("%d年%d月刊", period.Start.Year(), period.Start.Month())
		} else {
			title = period.Start.Format("January 2006")
		}
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

// skeleton keeps the previous commentary's headings, its chart, table
// and kpi blocks, and its paragraphs (list items, table rows) that hold
// values bound to the data, {{ … }}: those read right again once the new
// data is in. A heading with nothing kept under it gets a placeholder.
func skeleton(body []byte, lang string) []byte {
	todo := content.Placeholder(lang)
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 1024*1024), 1024*1024)
	fence, code := "", ""
	var para []string
	pending := false // a heading waits for its placeholder
	flush := func() {
		if bound(para) {
			out.WriteString(strings.Join(para, "\n") + "\n\n")
			pending = false
		}
		para = para[:0]
	}
	placeholder := func() {
		if pending {
			out.WriteString(todo + "\n\n")
			pending = false
		}
	}
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if fence == "" && code == "" && trimmed != "" && !strings.HasPrefix(trimmed, "#") &&
			!strings.HasPrefix(trimmed, "```") && !strings.HasPrefix(trimmed, "~~~") {
			para = append(para, line)
			continue
		}
		if fence == "" && code == "" {
			flush()
		}
		if fence != "" {
			out.WriteString(line + "\n")
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, "`~") == "" {
				fence = ""
				out.WriteString("\n")
			}
			continue
		}
		if code != "" {
			// Inside another fenced block: its "# comments" are no headings.
			if strings.HasPrefix(trimmed, code) && strings.Trim(trimmed, "`~") == "" {
				code = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			marker := trimmed[:3]
			info := strings.TrimSpace(strings.TrimLeft(trimmed, "`~"))
			if slices.Contains(block.Kinds, info) {
				placeholder()
				fence = marker
				out.WriteString(line + "\n")
			} else {
				code = marker
			}
			continue
		}
		if strings.HasPrefix(trimmed, "#") {
			placeholder()
			out.WriteString(trimmed + "\n\n")
			pending = true
		}
	}
	flush()
	placeholder()
	return append(bytes.TrimRight(out.Bytes(), "\n"), '\n')
}

// headerOnly returns a dataset file reduced to its header: the first line of
// a CSV (encoding and BOM kept), for JSON an array whose one row names every
// column with a null value (an empty array would name none), a comment for
// TOML, and for XLSX the sheet the declaration names (else the first) with
// its header row where it was.
func headerOnly(fsys fs.FS, rel string, data []byte, decl dataset.Decl) ([]byte, error) {
	switch strings.ToLower(path.Ext(rel)) {
	case ".csv":
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return data[:i+1], nil
		}
		return data, nil
	case ".json":
		return jsonHeader(fsys, rel, data, decl)
	case ".toml":
		return []byte("# Add one [[rows]] table per row.\n"), nil
	case ".xlsx":
		return xlsxHeader(data, decl.Sheet)
	}
	return data, nil
}

// jsonHeader writes [{"column": null, ...}], in the previous file's column
// order and, when that file was GB18030, in GB18030.
func jsonHeader(fsys fs.FS, rel string, data []byte, decl dataset.Decl) ([]byte, error) {
	tab, err := dataset.Read(fsys, rel, decl)
	if err != nil {
		return nil, err
	}
	if len(tab.Columns) == 0 {
		return []byte("[]\n"), nil
	}
	var b bytes.Buffer
	b.WriteString("[\n  {")
	for i, c := range tab.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(c.Name); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode ends with a newline
		b.WriteString(": null")
	}
	b.WriteString("}\n]\n")
	gb := strings.HasPrefix(strings.ToLower(decl.Encoding), "gb") ||
		(decl.Encoding == "" && !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) && !utf8.Valid(data))
	if gb {
		return simplifiedchinese.GB18030.NewEncoder().Bytes(b.Bytes())
	}
	return b.Bytes(), nil
}

// xlsxHeader writes a workbook of one sheet, named as the one read, holding
// that sheet's header row (its first row with a value) on the same row.
func xlsxHeader(data []byte, sheet string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, err
	}
	out := excelize.NewFile()
	defer out.Close()
	if err := out.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for i, row := range rows {
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := out.SetCellValue(sheet, cell, v); err != nil {
				return nil, err
			}
		}
		break
	}
	var buf bytes.Buffer
	if err := out.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
