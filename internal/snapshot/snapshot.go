// Package snapshot reads and writes the lock file that `broadsheet pull`
// leaves in each folder it writes datasets into. The lock ties every
// snapshot to the query and source it came from and records the column
// types, so the build reads a snapshot with exactly the types the database
// gave, and `check` can tell a snapshot whose query changed since.
package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"github.com/broadsheet/broadsheet/internal/tomlpos"
)

// LockFile is the name of the lock file in a folder of snapshots.
const LockFile = "pull.lock"

// QueryExt is the extension of query files.
const QueryExt = ".sql"

// Lock is one folder's lock file: an entry per pulled dataset.
type Lock struct {
	Datasets map[string]*Entry `toml:"datasets"`
}

// Entry records how one snapshot was made.
type Entry struct {
	// File is the snapshot's file name in the folder (accounts.csv).
	File string `toml:"file"`
	// Query is the query file's name, beside the snapshot (accounts.sql).
	Query string `toml:"query"`
	// QuerySHA256 is the hash of the query file's bytes when it was run.
	QuerySHA256 string `toml:"query_sha256"`
	// Source and Driver name the database it was run against.
	Source string `toml:"source"`
	Driver string `toml:"driver"`
	// Rows is the number of rows written.
	Rows int64 `toml:"rows"`
	// PulledAt is when the pull finished (UTC, to the second).
	PulledAt time.Time `toml:"pulled_at"`
	// Columns are the snapshot's columns in order.
	Columns []Column `toml:"columns"`
}

// Column is one column of a snapshot: its name, the dataset type it is read
// as, and the type the database reported.
type Column struct {
	Name   string `toml:"name"`
	Type   string `toml:"type"`
	DBType string `toml:"db_type"`
}

// Types returns the entry's column types as a dataset declaration's
// columns map.
func (e *Entry) Types() map[string]string {
	m := make(map[string]string, len(e.Columns))
	for _, c := range e.Columns {
		m[c.Name] = c.Type
	}
	return m
}

// Hash returns the hex SHA-256 of a query file's bytes.
func Hash(query []byte) string {
	sum := sha256.Sum256(query)
	return hex.EncodeToString(sum[:])
}

// Read reads the lock file in dir (slash-separated, inside fsys). A folder
// without one gives an empty lock and no error.
func Read(fsys fs.FS, dir string) (*Lock, error) {
	file := path.Join(dir, LockFile)
	src, err := limits.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return &Lock{Datasets: map[string]*Entry{}}, nil
	}
	if err != nil {
		return nil, &diag.Error{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot read the lock file: %v", err)}
	}
	return Parse(file, src)
}

// Parse decodes a lock file's bytes; file names it in errors.
func Parse(file string, src []byte) (*Lock, error) {
	l := &Lock{}
	doc := &tomlpos.Doc{File: file, Src: string(src), Prefix: "the lock file cannot be read: ", Hint: "run broadsheet pull again to rewrite it"}
	if _, err := doc.Decode(l); err != nil {
		err.Hint = doc.Hint
		return nil, err
	}
	if l.Datasets == nil {
		l.Datasets = map[string]*Entry{}
	}
	return l, nil
}

const header = "# Written by broadsheet pull: the query, source, columns and row count of each\n" +
	"# snapshot in this folder. The build reads the column types from here.\n\n"

// Encode returns the lock file's bytes: TOML, datasets in name order.
func (l *Lock) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(l); err != nil {
		panic(err) // plain strings, numbers and times always encode
	}
	return b.Bytes()
}
