package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// resolveOutput returns the folder to write for dir: dir itself, or, when
// dir is a symbolic link, the folder it leads to.
func resolveOutput(dir string) (string, error) {
	st, err := os.Lstat(dir)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		return dir, nil
	}
	target, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("output folder %s is a symbolic link that leads nowhere; create the folder it names or remove the link", dir)
	}
	if st, err := os.Stat(target); err != nil || !st.IsDir() {
		return "", fmt.Errorf("output folder %s is a symbolic link to %s, which is not a folder", dir, target)
	}
	return target, nil
}

// swap puts the finished folder tmp in the place of dir and returns where
// the old dir now is ("" when there was none), for the caller to remove.
// Where the system can exchange two names in one step, readers of dir
// never find it missing; elsewhere it is missing between two renames.
func swap(tmp, dir string) (string, error) {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(tmp, dir)
	}
	if err := exchange(tmp, dir); err == nil {
		return tmp, nil
	}
	old := fmt.Sprintf("%s/.%s.old-%d", filepath.Dir(dir), filepath.Base(dir), time.Now().UnixNano())
	if err := os.Rename(dir, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return "", err
	}
	return old, nil
}

// removeLeftovers removes the folders that a killed build of dir left
// beside it (.public.new-*, .public.old-*). Only real folders are removed,
// never what a symbolic link of such a name leads to. The caller holds the
// lock, so no other build is using them.
func removeLeftovers(dir string) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || e.Type()&os.ModeSymlink != 0 {
			continue
		}
		if strings.HasPrefix(name, "."+base+".new-") || strings.HasPrefix(name, "."+base+".old-") {
			_ = removeAll(filepath.Join(parent, name))
		}
	}
}
