package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// inside checks that rel, in root, is not a symbolic link that leads out
// of the site (or nowhere); a missing rel is fine.
func inside(root *os.Root, rel string) error {
	st, err := root.Lstat(rel)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	if _, err := root.Stat(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: symbolic link leads outside the site folder; nothing was created (copy the file into the site instead)", rel)
	} else if err != nil {
		return fmt.Errorf("%s: symbolic link leads nowhere; nothing was created (remove the link or create what it names)", rel)
	}
	return nil
}

// readInside reads the file rel of root, refusing a link out of the site.
func readInside(root *os.Root, rel string) ([]byte, error) {
	if err := inside(root, rel); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(root.FS(), rel)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	return data, nil
}

// writeNewIn creates a file in root that must not exist yet.
func writeNewIn(root *os.Root, rel string, data []byte) error {
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
