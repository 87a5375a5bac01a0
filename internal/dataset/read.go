package dataset

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/limits"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Decl is a dataset declaration from site.toml's [datasets.NAME] table.
type Decl struct {
	// Key names the columns whose values together identify a row, used to
	// join editions.
	Key []string
	// KeyAt is where the key is declared; a key column missing from the
	// file is reported there (at the file's header row when unset).
	KeyAt diag.Pos
	// Columns maps a column name to its declared type: "int", "float",
	// "date", "bool" or "string". Undeclared columns are inferred.
	Columns map[string]string
	// Sheet names the XLSX sheet to read; empty means the first one.
	Sheet string
	// Encoding forces the encoding of a text file: "utf-8", "gb18030" or
	// "gbk" (also spelt "gb2312" or "cp936"). Empty means UTF-8 (with or
	// without BOM), or GB18030 when the bytes are not valid UTF-8.
	Encoding string
}

// Formats lists the file extensions Read understands, in lower case.
var Formats = []string{".csv", ".json", ".toml", ".xlsx", ".parquet"}

// IsDataset reports whether a file name has one of the Formats extensions,
// in any letter case.
func IsDataset(name string) bool {
	return slices.Contains(Formats, strings.ToLower(path.Ext(name)))
}

// FormatList is Formats for a message: ".csv, .json, .toml, .xlsx or .parquet".
func FormatList() string {
	return strings.Join(Formats[:len(Formats)-1], ", ") + " or " + Formats[len(Formats)-1]
}

// maxErrors is how many errors Read reports for one file before it sums up
// the rest in a final entry.
const maxErrors = 20

// Validate checks the declaration on its own: the type names and the
// encoding. Its errors carry no position; Read places them at the file.
func (d Decl) Validate() error {
	var list diag.List
	for _, name := range sortedKeys(d.Columns) {
		tn := d.Columns[name]
		if _, ok := ParseType(tn); ok {
			continue
		}
		hint := diag.DidYouMean(tn, typeNames[:])
		if hint == "" {
			hint = "use int, float, date, bool or string"
		}
		list = append(list, &diag.Error{
			Msg:  fmt.Sprintf("column %q is declared as %q, which is not a type", name, tn),
			Hint: hint,
		})
	}
	if _, err := decoderFor(d.Encoding); err != nil {
		list = append(list, &diag.Error{
			Msg:  fmt.Sprintf("encoding %q is not supported", d.Encoding),
			Hint: EncodingHint,
		})
	}
	return list.Err()
}

// Read reads the dataset file (a slash-separated path inside fsys, the site
// folder) into a table. The reader follows the extension: .csv, .json (an
// array of objects), .toml (one array of tables) or .xlsx. Column types come
// from decl where declared and are inferred otherwise.
//
// Every problem in the file is reported, as a diag.List of errors positioned
// at file:line (up to 20, then one entry counting the rest); the table is
// nil when there is any. Read refuses paths that leave fsys (".." or
// absolute); to refuse symbolic links that point out of a real folder as
// well, call CheckInside first, or use ReadFile.
func Read(fsys fs.FS, file string, decl Decl) (*Table, error) {
	at := diag.Pos{File: file}
	if !fs.ValidPath(file) || file == "." {
		return nil, diag.List{{Pos: at, Msg: "the path leaves the site folder", Hint: "dataset files must be inside the site folder"}}
	}
	if err := decl.Validate(); err != nil {
		var list diag.List
		for _, e := range err.(diag.List) {
			list = append(list, diag.At(at, e))
		}
		return nil, list
	}
	ext := strings.ToLower(path.Ext(file))
	var read func(fs.FS, string, Decl) (*rawTable, error)
	switch ext {
	case ".csv":
	case ".json":
		read = readJSON
	case ".toml":
		read = readTOML
	case ".xlsx":
		read = readXLSX
	case ".parquet":
		t, err := readParquet(fsys, file, decl)
		if err != nil {
			return nil, err
		}
		base := path.Base(file)
		t.Name, t.File = base[:len(base)-len(path.Ext(base))], file
		return t, nil
	default:
		hint := "use " + FormatList()
		if ext == ".xls" {
			hint = "save it from Excel as .xlsx or .csv"
		}
		return nil, diag.List{{Pos: at, Msg: fmt.Sprintf("unsupported dataset format %q", ext), Hint: hint}}
	}
	var t *Table
	if read == nil {
		var err error
		if t, err = readCSV(fsys, file, decl); err != nil {
			return nil, err
		}
	} else {
		raw, err := read(fsys, file, decl)
		if err != nil {
			return nil, err
		}
		t = raw.build(decl)
		if err := raw.probs.list(); err != nil {
			return nil, err
		}
	}
	base := path.Base(file)
	t.Name = base[:len(base)-len(path.Ext(base))]
	t.File = file
	return t, nil
}

// ReadFile reads a dataset from a real site folder: it checks with
// CheckInside that the file, symbolic links resolved, stays inside root,
// then reads it with Read.
func ReadFile(root, file string, decl Decl) (*Table, error) {
	if err := CheckInside(root, file); err != nil {
		return nil, err
	}
	return Read(os.DirFS(root), file, decl)
}

// CheckInside reports an error when file (slash-separated, relative to the
// real folder root) is not a valid path inside root, or when its real path,
// with symbolic links resolved, lies outside root's real path.
func CheckInside(root, file string) error {
	at := diag.Pos{File: file}
	if !fs.ValidPath(file) || file == "." {
		return diag.List{{Pos: at, Msg: "the path leaves the site folder", Hint: "dataset files must be inside the site folder"}}
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return diag.List{{Pos: at, Msg: fmt.Sprintf("cannot resolve the site folder: %v", err)}}
	}
	realRoot, err = filepath.Abs(realRoot)
	if err != nil {
		return diag.List{{Pos: at, Msg: fmt.Sprintf("cannot resolve the site folder: %v", err)}}
	}
	target, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return diag.List{{Pos: at, Msg: "file not found"}}
		}
		return diag.List{{Pos: at, Msg: fmt.Sprintf("cannot resolve the path: %v", err)}}
	}
	target, err = filepath.Abs(target)
	if err != nil {
		return diag.List{{Pos: at, Msg: fmt.Sprintf("cannot resolve the path: %v", err)}}
	}
	rel, err := filepath.Rel(realRoot, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return diag.List{{Pos: at,
			Msg:  fmt.Sprintf("the file is a link to %s, outside the site folder", filepath.ToSlash(target)),
			Hint: "copy the file into the site folder instead of linking to it"}}
	}
	return nil
}

// readAll reads a whole file into a string with a single allocation when the
// file reports its size.
func readAll(fsys fs.FS, file string) (string, error) {
	f, size, err := openData(fsys, file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if size > 0 && size < 1<<40 {
		b.Grow(int(size))
	}
	if _, err := io.Copy(&b, f); err != nil {
		return "", diag.List{{Pos: diag.Pos{File: file}, Msg: fmt.Sprintf("cannot read the file: %v", err)}}
	}
	return b.String(), nil
}

// openData opens a dataset file and returns its size (0 when unknown).
func openData(fsys fs.FS, file string) (io.ReadCloser, int64, error) {
	f, err := openRegular(fsys, file)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return f, 0, nil
	}
	if st.IsDir() {
		f.Close()
		return nil, 0, diag.List{{Pos: diag.Pos{File: file}, Msg: "is a folder, not a dataset file"}}
	}
	return f, st.Size(), nil
}

// openRegular opens a file after checking that it is a regular file or a
// folder: a named pipe would block the open for ever.
func openRegular(fsys fs.FS, file string) (fs.File, error) {
	st, err := fs.Stat(fsys, file)
	if err != nil {
		return nil, openError(file, err)
	}
	if err := limits.CheckRegular(st.Mode()); err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: file}, Msg: err.Error(), Hint: "a dataset must be a file"}}
	}
	f, err := fsys.Open(file)
	if err != nil {
		return nil, openError(file, err)
	}
	return f, nil
}

func openError(file string, err error) error {
	at := diag.Pos{File: file}
	if errors.Is(err, fs.ErrNotExist) {
		return diag.List{{Pos: at, Msg: "file not found"}}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return diag.List{{Pos: at, Msg: fmt.Sprintf("cannot open the file: %v", err)}}
}

// readText reads a text dataset and returns it as UTF-8 without a byte
// order mark. Files that are not valid UTF-8 are decoded as GB18030 (a
// superset of GBK and GB2312, which Chinese Excel writes), unless decl
// forces an encoding, or unless the file is mostly UTF-8: then its first
// invalid byte is an error.
func readText(fsys fs.FS, file string, decl Decl) (string, error) {
	s, err := readAll(fsys, file)
	if err != nil {
		return "", err
	}
	at := diag.Pos{File: file}
	if strings.HasPrefix(s, "\xff\xfe") || strings.HasPrefix(s, "\xfe\xff") {
		return "", diag.List{{Pos: at, Msg: "the file is UTF-16 text", Hint: `save it as "CSV UTF-8" or as plain CSV`}}
	}
	if rest, ok := cutBOMs(s); ok {
		if !utf8.ValidString(rest) {
			line := 1 + strings.Count(rest[:firstInvalid(rest)], "\n")
			return "", diag.List{{Pos: diag.Pos{File: file, Line: line},
				Msg:  "the file starts with a UTF-8 byte order mark but holds bytes that are not UTF-8",
				Hint: `save it again as "CSV UTF-8"`}}
		}
		return rest, nil
	}
	dec, _ := decoderFor(decl.Encoding)
	if dec == nil {
		if utf8.ValidString(s) {
			return s, nil
		}
		if decl.Encoding == "" && mostlyUTF8(s) {
			return "", badByte(file, s, firstInvalid(s))
		}
		if decl.Encoding != "" {
			line := 1 + strings.Count(s[:firstInvalid(s)], "\n")
			return "", diag.List{{Pos: diag.Pos{File: file, Line: line},
				Msg:  fmt.Sprintf("the file is not valid UTF-8, but its encoding is declared as %q", decl.Encoding),
				Hint: `set encoding = "gb18030", or remove encoding to detect it`}}
		}
		dec = simplifiedchinese.GB18030
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	if _, err := io.Copy(&b, transform.NewReader(strings.NewReader(s), dec.NewDecoder())); err != nil {
		return "", diag.List{{Pos: at, Msg: fmt.Sprintf("cannot decode the file: %v", err)}}
	}
	rest, _ := cutBOMs(b.String())
	return rest, nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
