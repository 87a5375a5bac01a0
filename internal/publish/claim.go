package publish

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
	"golang.org/x/text/cases"
)

// A clash is a second source for an output path.
type clash struct {
	name, first, second string
}

// Put stores a file at name, written from source: a site file such as
// content/about.md (site-relative, in one of SourceFolders), or a
// description of what generated it such as "the sitemap". Every output path has one source; a second Put of the same
// path keeps the first file and is reported by Collisions, naming both.
func (t *Tree) Put(name, source string, data []byte) {
	name = strings.TrimPrefix(name, "/")
	if source == "" {
		source = "a generated file"
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if first, ok := t.sources[name]; ok {
		t.clashes = append(t.clashes, clash{name: name, first: first, second: source})
		return
	}
	t.sources[name] = source
	t.files[name] = data
}

// Source returns what wrote the file at name, or "".
func (t *Tree) Source(name string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sources[name]
}

// Collisions reports every output path claimed twice, and every file
// written where other files need a folder, as errors naming both sources.
// A site file of the two gives the error its position.
func (t *Tree) Collisions() diag.List {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs diag.List
	for _, c := range t.clashes {
		if isCopy(c.first) && isCopy(c.second) {
			continue // the originals clash too, and that is reported
		}
		at, other := siteFileFirst(c.first, c.second)
		errs = append(errs, &diag.Error{Pos: diag.Pos{File: at}, Msg: fmt.Sprintf("output path %q is also written by %s", c.name, other),
			Hint: "rename or move one of them"})
	}
	// A file where others need a folder: reported once for each such
	// file, with the first path under it.
	under := map[string]string{}
	for name := range t.sources {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if _, isFile := t.sources[dir]; isFile && (under[dir] == "" || name < under[dir]) {
				under[dir] = name
			}
		}
	}
	for dir, name := range under {
		fileSource, source := t.sources[dir], t.sources[name]
		errs = append(errs, &diag.Error{Pos: diag.Pos{File: fileOr(source, fileSource)},
			Msg:  fmt.Sprintf("output path %q needs a folder where %s writes the file %q", name, fileSource, dir),
			Hint: "rename or move one of them"})
	}
	errs = append(errs, t.caseClashes()...)
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errs
}

// caseClashes reports output paths that differ only in letter case, such
// as About/index.html and about/index.html: on a disk that ignores case,
// as macOS and Windows disks do, one would overwrite the other. Each path
// is reported against the first of its group in byte order.
func (t *Tree) caseClashes() diag.List {
	fold := cases.Fold()
	first := map[string]string{}
	names := make([]string, 0, len(t.sources))
	for name := range t.sources {
		names = append(names, name)
	}
	sort.Strings(names)
	var errs diag.List
	for _, name := range names {
		key := fold.String(name)
		prev, seen := first[key]
		if !seen {
			first[key] = name
			continue
		}
		a, b := t.sources[prev], t.sources[name]
		if isCopy(a) && isCopy(b) {
			continue // the originals clash too, and that is reported
		}
		at, other := siteFileFirst(a, b)
		atName, otherName := prev, name
		if at != a {
			atName, otherName = name, prev
		}
		errs = append(errs, &diag.Error{Pos: diag.Pos{File: at},
			Msg: fmt.Sprintf("output path %q differs only in letter case from %q, written by %s: on a disk that ignores case (macOS, Windows) one would overwrite the other",
				atName, otherName, other),
			Hint: "rename one of them so that their names differ in more than case"})
	}
	return errs
}

// isCopy tells a source that is a second copy of another, such as "the
// latest/ copy of content/editions/2022-03/index.md".
func isCopy(source string) bool {
	return !isSiteFile(source) && strings.Contains(source, " copy of ")
}

// isSiteFile tells a source that is a file of the site (content/about.md)
// from a description ("the sitemap"): site files are in its source
// folders.
func isSiteFile(source string) bool {
	for _, dir := range SourceFolders {
		if strings.HasPrefix(source, dir+"/") {
			return true
		}
	}
	return false
}

// siteFileFirst orders two sources so that a site file comes first, and
// otherwise by name, so the message is the same on every build.
func siteFileFirst(a, b string) (string, string) {
	if isSiteFile(a) != isSiteFile(b) {
		if isSiteFile(b) {
			return b, a
		}
		return a, b
	}
	if b > a {
		return b, a
	}
	return a, b
}

// fileOr returns the first source when it is a site file, else the other.
func fileOr(source, other string) string {
	if isSiteFile(source) || !isSiteFile(other) {
		return source
	}
	return other
}
