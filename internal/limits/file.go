package limits

import (
	"errors"
	"io/fs"
)

// ErrNotRegular is the error for a path that is a named pipe, a socket or
// a device: reading one can block for ever, so it is never opened.
var ErrNotRegular = errors.New("not a regular file (a named pipe, socket or device)")

// CheckRegular reports ErrNotRegular when mode is neither a folder nor a
// regular file.
func CheckRegular(mode fs.FileMode) error {
	if mode.IsDir() || mode.IsRegular() {
		return nil
	}
	return ErrNotRegular
}

// ReadFile is fs.ReadFile for regular files only: it looks at the file's
// type first and refuses anything else without opening it.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(st.Mode()); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return fs.ReadFile(fsys, name)
}
