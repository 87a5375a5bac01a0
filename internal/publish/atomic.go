package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync/atomic"
)

// Every file the program writes in place of another goes through here: a
// new hidden file beside the target, renamed over it once complete, so a
// reader never sees half a file and a failure leaves the target as it was.

// rename is root.Rename, replaced by tests to fail.
var rename = (*os.Root).Rename

// tempSeq numbers the temporary files of this process.
var tempSeq atomic.Uint64

// CreateTemp creates a new, empty file beside name inside root, for content
// written in pieces before it is renamed into place. Its name,
// ".NAME.new-PID-N", starts with a dot, so a build reading the folder
// skips it. The caller closes it and renames or removes tmp.
func CreateTemp(root *os.Root, name string) (f *os.File, tmp string, err error) {
	dir, base := path.Split(filepath.ToSlash(name))
	for range 100 {
		tmp = path.Join(dir, fmt.Sprintf(".%s.new-%d-%d", base, os.Getpid(), tempSeq.Add(1)))
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return nil, "", err
	}
	return f, tmp, nil
}

// WriteAtomic writes data to name inside root through a temporary file
// beside it and a rename. A failure leaves name as it was and no temporary
// file behind.
func WriteAtomic(root *os.Root, name string, data []byte) error {
	f, tmp, err := CreateTemp(root, name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rename(root, tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp)
	}
	return err
}

// WriteFileAtomic is WriteAtomic for a path of the file system: the file
// is written inside its own folder.
func WriteFileAtomic(name string, data []byte) error {
	root, err := os.OpenRoot(filepath.Dir(name))
	if err != nil {
		return err
	}
	defer root.Close()
	return WriteAtomic(root, filepath.Base(name), data)
}
