package scaffold

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/broadsheet/broadsheet/internal/dataset"
)

// headerOnly returns a dataset file reduced to its columns, in the form its
// reader takes, with no rows: the first line of a CSV (encoding and BOM
// kept); for JSON an array whose one object names every column with a null
// value, and for TOML one table naming every key with an empty string (a
// row whose cells are all empty is no row); for XLSX the sheet the
// declaration names (else the first) with its header row where it was; for
// Parquet a file of the same schema.
func headerOnly(fsys fs.FS, rel string, data []byte, decl dataset.Decl) ([]byte, error) {
	switch strings.ToLower(path.Ext(rel)) {
	case ".csv":
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return data[:i+1], nil
		}
		return data, nil
	case ".json":
		return jsonHeader(fsys, rel, data, decl)
	case ".toml":
		return tomlHeader(fsys, rel, data, decl)
	case ".xlsx":
		return xlsxHeader(data, decl.Sheet)
	case ".parquet":
		return parquetHeader(data)
	}
	return data, nil
}

// columnNames reads a dataset for the names of its columns, in order.
func columnNames(fsys fs.FS, rel string, decl dataset.Decl) ([]string, error) {
	tab, err := dataset.Read(fsys, rel, decl)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(tab.Columns))
	for i, c := range tab.Columns {
		names[i] = c.Name
	}
	return names, nil
}

// jsonHeader writes [{"column": null, ...}], in the previous file's column
// order and encoding.
func jsonHeader(fsys fs.FS, rel string, data []byte, decl dataset.Decl) ([]byte, error) {
	names, err := columnNames(fsys, rel, decl)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return []byte("[]\n"), nil
	}
	var b bytes.Buffer
	b.WriteString("[\n  {")
	for i, name := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(name); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode ends with a newline
		b.WriteString(": null")
	}
	b.WriteString("}\n]\n")
	return encodeLike(data, decl, b.Bytes())
}

// bareKey matches the TOML keys that need no quotes.
var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// tomlHeader writes the previous file's array of tables as one table that
// names every key, in order, with an empty value, in the file's encoding.
func tomlHeader(fsys fs.FS, rel string, data []byte, decl dataset.Decl) ([]byte, error) {
	names, err := columnNames(fsys, rel, decl)
	if err != nil {
		return nil, err
	}
	text, err := decodeLike(data, decl)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if _, err := toml.Decode(string(text), &doc); err != nil || len(doc) != 1 {
		return nil, fmt.Errorf("not one array of tables")
	}
	var array string
	for k := range doc {
		array = tomlKey(k)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# One [[%s]] table per row; a key left out or empty (\"\") is a missing value.\n[[%s]]\n", array, array)
	for _, name := range names {
		fmt.Fprintf(&b, "%s = \"\"\n", tomlKey(name))
	}
	return encodeLike(data, decl, b.Bytes())
}

func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return strconv.Quote(k)
}

// textEncoding returns the encoding the dataset reader read a text file
// in: the declared one, else GB18030 for bytes that are not UTF-8; nil is
// UTF-8.
func textEncoding(data []byte, decl dataset.Decl) encoding.Encoding {
	if enc, ok := dataset.TextEncoding(decl.Encoding); ok && decl.Encoding != "" {
		return enc
	}
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) && !utf8.Valid(data) {
		return simplifiedchinese.GB18030
	}
	return nil
}

// encodeLike writes UTF-8 text in the encoding of the file data.
func encodeLike(data []byte, decl dataset.Decl, text []byte) ([]byte, error) {
	if enc := textEncoding(data, decl); enc != nil {
		return enc.NewEncoder().Bytes(text)
	}
	return text, nil
}

// decodeLike returns the text of the file data as UTF-8.
func decodeLike(data []byte, decl dataset.Decl) ([]byte, error) {
	if enc := textEncoding(data, decl); enc != nil {
		return enc.NewDecoder().Bytes(data)
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), nil
}

// xlsxHeader writes a workbook of one sheet, named as the one read, holding
// that sheet's header row (its first row with a value) on the same row.
func xlsxHeader(data []byte, sheet string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, err
	}
	out := excelize.NewFile()
	defer out.Close()
	if err := out.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for i, row := range rows {
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := out.SetCellValue(sheet, cell, v); err != nil {
				return nil, err
			}
		}
		break
	}
	var buf bytes.Buffer
	if err := out.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// parquetHeader writes a Parquet file of the previous file's schema and no
// rows: its columns keep their names and the types they are read with.
func parquetHeader(data []byte) ([]byte, error) {
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, f.Schema())
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
