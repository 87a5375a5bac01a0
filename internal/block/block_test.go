package block

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// TestBlocks runs every testdata/*.txtar case. An archive's comment sets the
// environment, one "key: value" per line (kind, lang, id, start, page,
// height, renderer); its files are:
//
//	block          the block's TOML source
//	data/NAME.EXT  datasets, found by Lookup under NAME
//	prev/NAME.EXT  the previous edition's datasets, found by Previous
//	errors         the exact errors, one per line (none expected when absent)
//	contains       lines that must each appear in the HTML; a line of JSON
//	               members or list items may instead be in the chart option
//	               with its keys in any order (optionHas)
//	absent         lines that must not appear in the HTML
//	out/NAME       a published file, compared exactly (BOM dropped, CRLF as LF)
func TestBlocks(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runCase(t, ar)
		})
	}
}

func runCase(t *testing.T, ar *txtar.Archive) {
	conf := map[string]string{"kind": "chart", "lang": "zh-CN", "id": "chart-1", "start": "10",
		"page": "content/editions/2022-03/index.md", "height": "420", "renderer": "canvas"}
	for line := range strings.SplitSeq(string(ar.Comment), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			conf[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	sections := map[string]string{}
	fsys := fstest.MapFS{}
	datasets, previous := map[string]string{}, map[string]string{}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "prev/"); ok {
			file := "content/editions/2022-02/" + rest
			fsys[file] = &fstest.MapFile{Data: f.Data}
			previous[strings.TrimSuffix(rest, path.Ext(rest))] = file
			continue
		}
		if rest, ok := strings.CutPrefix(f.Name, "data/"); ok {
			file := "content/editions/2022-03/" + rest
			fsys[file] = &fstest.MapFile{Data: f.Data}
			datasets[strings.TrimSuffix(rest, path.Ext(rest))] = file
			continue
		}
		sections[f.Name] = string(f.Data)
	}
	src, ok := sections["block"]
	if !ok {
		t.Fatal("archive has no block file")
	}
	start, _ := strconv.Atoi(conf["start"])
	height, _ := strconv.Atoi(conf["height"])
	env := &Env{
		Lang: conf["lang"], Page: conf["page"], Height: height, Renderer: conf["renderer"],
		Lookup: lookupIn(fsys, datasets),
	}
	if len(previous) > 0 {
		env.Previous = lookupIn(fsys, previous)
	}
	out, errs := Render(env, conf["kind"], src, diag.Pos{File: conf["page"], Line: start}, conf["id"])

	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if want := strings.TrimSpace(sections["errors"]); strings.Join(got, "\n") != want {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	html := string(out.HTML)
	for line := range strings.SplitSeq(sections["contains"], "\n") {
		if line != "" && !strings.Contains(html, line) && !optionHas(html, line) {
			t.Errorf("HTML lacks %s\nHTML:\n%s", line, html)
		}
	}
	for line := range strings.SplitSeq(sections["absent"], "\n") {
		if line != "" && strings.Contains(html, line) {
			t.Errorf("HTML holds %s\nHTML:\n%s", line, html)
		}
	}
	var wantFiles []string
	for name, want := range sections {
		file, ok := strings.CutPrefix(name, "out/")
		if !ok {
			continue
		}
		wantFiles = append(wantFiles, file)
		data, ok := out.Files[file]
		if !ok {
			t.Errorf("no output file %s (have %v)", file, keys(out.Files))
			continue
		}
		text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
		if text != want {
			t.Errorf("%s:\n%s\nwant:\n%s", file, text, want)
		}
	}
	if len(wantFiles) > 0 && len(wantFiles) != len(out.Files) {
		t.Errorf("output files %v, want %v", keys(out.Files), wantFiles)
	}
	if len(errs) == 0 && conf["kind"] == "chart" && out.Charts != 1 {
		t.Errorf("Charts = %d, want 1", out.Charts)
	}
}

// lookupIn resolves dataset names as a site would: by file stem, with a
// did-you-mean hint for a typo.
func lookupIn(fsys fstest.MapFS, datasets map[string]string) func(string) (*dataset.Table, error) {
	return func(name string) (*dataset.Table, error) {
		file, ok := datasets[name]
		if !ok {
			names := keys(datasets)
			hint := diag.DidYouMean(name, names)
			if hint == "" {
				hint = "datasets here: " + strings.Join(names, ", ")
			}
			return nil, &diag.Error{Msg: fmt.Sprintf("unknown dataset %q", name), Hint: hint}
		}
		return dataset.Read(fsys, file, dataset.Decl{})
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
