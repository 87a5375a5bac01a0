package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed all:newsite
var newSite embed.FS

// Init creates a new site in dir: an English site with a page and two
// editions, each with a CSV, a chart and a ranked table, that builds at once.
// dir may exist but must be empty. It returns the files created, relative to
// dir.
func Init(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; choose a new or empty folder", dir)
	}
	root, _ := fs.Sub(newSite, "newsite")
	var created []string
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := writeNew(full, data); err != nil {
			return err
		}
		created = append(created, p)
		return nil
	})
	return created, err
}
