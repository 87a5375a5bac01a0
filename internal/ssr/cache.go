package ssr

import (
	"os"
	"path/filepath"

	"github.com/broadsheet/broadsheet/internal/publish"
)

// Cache holds drawings on disk, one file per key (a hash of everything that
// decides the drawing), so a rebuild draws only the charts that changed.
// Files are written to a temporary name and renamed into place, so builds
// running at the same time never read half a file.
type Cache struct {
	// Dir is the cache's folder.
	Dir string
}

// DefaultDir is where drawings are cached when the command line names no
// other folder (BROADSHEET_CACHE): broadsheet/svg under the user's cache
// folder ($XDG_CACHE_HOME or ~/.cache on Linux). It returns "" when that is
// not known, and then nothing is cached.
func DefaultDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "broadsheet", "svg")
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, key[:2], key+".svg")
}

// Get returns the drawing stored under key.
func (c *Cache) Get(key string) ([]byte, bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}

// Put stores a drawing. A cache that cannot be written is not an error:
// the next build draws the chart again.
func (c *Cache) Put(key string, svg []byte) {
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	_ = publish.WriteFileAtomic(p, svg)
}
