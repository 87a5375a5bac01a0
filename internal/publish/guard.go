package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SourceFolders are the folders of a site that hold what it is built
// from; no output is written inside them.
var SourceFolders = []string{"content", "templates", "assets"}

// CheckOutside refuses an output path (a folder for build, a file for
// bundle) that lies inside one of the site's source folders, or is its
// site.toml: the next build would read it back as part of the site, and a
// bundle there would overwrite the user's work. Symbolic links on either
// side are followed, so a link cannot hide the overlap.
func CheckOutside(out, site string) error {
	o := realPath(out)
	if o == realPath(filepath.Join(site, "site.toml")) {
		return fmt.Errorf("%s is the site's configuration; refusing to write over it", out)
	}
	for _, name := range SourceFolders {
		if within(o, realPath(filepath.Join(site, name))) {
			return fmt.Errorf("output %s is inside the site's %s folder; choose a place outside content/, templates/ and assets/", out, name)
		}
	}
	return nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath is p made absolute with its symbolic links resolved, as far as
// it exists; the part that does not exist yet is kept as written.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		if _, err := os.Lstat(dir); err == nil {
			// A link that leads nowhere: keep it as written.
			return filepath.Join(dir, rest)
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}
