// Package scaffold creates files a user goes on to edit: a new edition from
// the newest one, and a new site. It never overwrites anything.
package scaffold

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/content"
	"github.com/broadsheet/broadsheet/internal/site"
)

// NewEdition creates content/<section>/<name>/ in the site at root from the
// newest existing edition: an index.md with fresh front matter and the
// previous commentary's headings and blocks as a skeleton, and each dataset
// with its header row only. It returns the files it created, relative to
// root.
func NewEdition(root, name string) ([]string, error) {
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	date, ok := site.EditionDate(name)
	if !ok {
		return nil, fmt.Errorf("edition name %q is not a date: use YYYY-MM, YYYY-Qn or YYYY-MM-DD, such as 2022-04", name)
	}
	secRel := path.Join(content.Dir, cfg.Editions.Section)
	target := filepath.Join(root, filepath.FromSlash(secRel), name)
	if _, err := os.Lstat(target); err == nil {
		return nil, fmt.Errorf("%s already exists; nothing was created", path.Join(secRel, name))
	}
	prev, err := newestEdition(filepath.Join(root, filepath.FromSlash(secRel)), date)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	body := []byte(nil)
	summary, values := "", []byte(nil)
	if prev != "" {
		prevDir := filepath.Join(root, filepath.FromSlash(secRel), prev)
		src, err := os.ReadFile(filepath.Join(prevDir, "index.md"))
		if err != nil {
			return nil, err
		}
		prevFront, prevBody, _, err := content.Split(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path.Join(secRel, prev, "index.md"), err)
		}
		body = skeleton(prevBody, cfg.Language)
		summary, values = keptFront(prevFront)
		entries, err := os.ReadDir(prevDir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !isDataset(e.Name()) {
				continue
			}
			data, err := headerOnly(filepath.Join(prevDir, e.Name()))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", path.Join(secRel, prev, e.Name()), err)
			}
			files[e.Name()] = data
		}
	}
	files["index.md"] = frontMatter(name, date, cfg.Language, summary, values, body)
	if err := os.MkdirAll(target, 0o755); err != nil {
		return nil, err
	}
	var created []string
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeNew(filepath.Join(target, n), files[n]); err != nil {
			return created, err
		}
		created = append(created, path.Join(secRel, name, n))
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

func newestEdition(dir string, before time.Time) (string, error) {
	entries, err := os.ReadDir(dir)
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
		d, ok := site.EditionDate(e.Name())
		if !ok || !d.Before(before) {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "index.md")); err != nil {
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
func frontMatter(name string, date time.Time, lang, summary string, values, body []byte) []byte {
	end := periodEnd(name, date)
	title := name
	if len(name) == 7 && name[4] == '-' {
		if lang == "zh-CN" {
			title = fmt.Sprintf("%d年%d月刊", date.Year(), date.Month())
		} else {
			title = date.Format("January 2006")
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "+++\ntitle   = %q\ndate    = %s\nsummary = %q\ndraft   = true\n", title, end.Format("2006-01-02"), summary)
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

func periodEnd(name string, d time.Time) time.Time {
	switch {
	case strings.Contains(name, "Q"):
		return d.AddDate(0, 3, -1)
	case len(name) == 7:
		return d.AddDate(0, 1, -1)
	}
	return d
}

// skeleton keeps the previous commentary's headings, its chart, table
// and kpi blocks, and its paragraphs (list items, table rows) that hold
// values bound to the data, {{ … }}: those read right again once the new
// data is in. A heading with nothing kept under it gets a placeholder.
func skeleton(body []byte, lang string) []byte {
	todo := "(Write this section.)"
	if lang == "zh-CN" {
		todo = "（在此撰写本节内容。）"
	}
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
			if info == "chart" || info == "table" || info == "kpi" {
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
// a CSV (encoding and BOM kept), an empty array for JSON and TOML, the first
// row of the first sheet for XLSX.
func headerOnly(file string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".csv":
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return data[:i+1], nil
		}
		return data, nil
	case ".json":
		return []byte("[]\n"), nil
	case ".toml":
		return []byte("# Add one [[rows]] table per row.\n"), nil
	case ".xlsx":
		return xlsxHeader(data)
	}
	return data, nil
}

func xlsxHeader(data []byte) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, err
	}
	out := excelize.NewFile()
	defer out.Close()
	if err := out.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		for i, v := range rows[0] {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			if err := out.SetCellValue(sheet, cell, v); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	if err := out.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
