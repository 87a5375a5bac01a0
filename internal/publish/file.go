package publish

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// HeadSize is how much of an existing file WriteFile shows to its ours
// test: a marker of the program's own output must sit within it.
const HeadSize = 1024

// WriteFile writes one output file, such as a bundle, through a temporary
// file beside it, so a failure never leaves half a file or the temporary
// one. An existing name is replaced only when it is a regular file that
// ours recognises, from its first HeadSize bytes, as the program's own
// earlier output; a folder, a symbolic link or any other file is refused,
// so a wrong --out never overwrites a user's work. by names the writer in
// the message, such as "broadsheet bundle".
func WriteFile(name string, data []byte, by string, ours func(head []byte) bool) error {
	if err := checkFile(name, by, ours); err != nil {
		return err
	}
	return WriteFileAtomic(name, data)
}

func checkFile(name, by string, ours func([]byte) bool) error {
	st, err := os.Lstat(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case st.IsDir():
		return fmt.Errorf("%s is a folder; give the name of the file to write, such as %s", name, filepath.Join(name, "report.html"))
	case st.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link; refusing to replace it (give the path of the file itself)", name)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file; refusing to replace it", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	if !ours(head[:n]) {
		return fmt.Errorf("%s was not written by %s; refusing to replace it (choose another --out, or remove the file)", name, by)
	}
	return nil
}
