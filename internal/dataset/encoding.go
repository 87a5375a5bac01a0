package dataset

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// encodings are the text encodings a dataset may declare, each under its
// names (compared without case, "_" read as "-"); the first name is the
// one hints suggest. GB2312 and CP936 are read as GBK, which holds them.
var encodings = []struct {
	names []string
	enc   encoding.Encoding // nil: UTF-8
}{
	{[]string{"utf-8", "utf8"}, nil},
	{[]string{"gb18030"}, simplifiedchinese.GB18030},
	{[]string{"gbk", "gb2312", "cp936"}, simplifiedchinese.GBK},
}

// EncodingHint is the fix for an encoding name that is not known.
var EncodingHint = func() string {
	var quoted []string
	for _, e := range encodings {
		quoted = append(quoted, fmt.Sprintf("%q", e.names[0]))
	}
	return "use " + strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}()

// TextEncoding returns the encoding a declared name stands for: nil for
// UTF-8 and for the empty name (detect); ok is false for a name a dataset
// may not declare.
func TextEncoding(name string) (enc encoding.Encoding, ok bool) {
	enc, err := decoderFor(name)
	return enc, err == nil
}

// decoderFor returns the decoder a declared encoding names; nil means UTF-8.
func decoderFor(name string) (encoding.Encoding, error) {
	if name == "" {
		return nil, nil
	}
	norm := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	for _, e := range encodings {
		if slices.Contains(e.names, norm) {
			return e.enc, nil
		}
	}
	return nil, fmt.Errorf("unknown encoding %q", name)
}

// cutBOMs removes the UTF-8 byte order marks at the start of s: one is
// usual, and a tool that adds one to a file that had one leaves two.
func cutBOMs(s string) (string, bool) {
	rest := strings.TrimLeft(s, "\ufeff")
	return rest, len(rest) < len(s)
}

// mostlyUTF8 reports whether s, which is not valid UTF-8, holds more
// multi-byte UTF-8 characters than invalid bytes. Text in GB18030 is made
// of byte pairs that are almost never valid UTF-8, so such a file is UTF-8
// with a few bad bytes, and reading it as GB18030 would garble every
// character in it.
func mostlyUTF8(s string) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return valid > invalid
}

// badByte reports the invalid byte at offset off of a mostly-UTF-8 file at
// its line, and for a CSV file at its row and column too.
func badByte(file, s string, off int) error {
	line := 1 + strings.Count(s[:off], "\n")
	msg := fmt.Sprintf("byte 0x%02X is not UTF-8, though the rest of the file is", s[off])
	if strings.EqualFold(path.Ext(file), ".csv") {
		if row, col := csvPlace(s, off); row > 0 {
			msg = fmt.Sprintf("row %d, column %s: %s", row, col, msg)
		}
	}
	return diag.List{{Pos: diag.Pos{File: file, Line: line}, Msg: msg,
		Hint: `fix the character, or declare the file's encoding in its [datasets.NAME] table, such as encoding = "gb18030"`}}
}

// csvPlace finds the data row (1 for the first after the header) and the
// column (its name in quotes, or its number) of the byte at offset off of
// CSV text. Row 0 means the byte is in the header.
func csvPlace(s string, off int) (row int, col string) {
	var header []string
	var field strings.Builder
	quoted, j := false, 0
	for i := range off {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			if row == 0 {
				header = append(header, field.String())
				field.Reset()
			}
			j++
			continue
		case c == '\n':
			if row == 0 {
				header = append(header, field.String())
			}
			row++
			j = 0
			continue
		}
		if row == 0 && c != '"' {
			field.WriteByte(c)
		}
	}
	if j < len(header) && trim(header[j]) != "" {
		return row, fmt.Sprintf("%q", trim(strings.TrimSuffix(header[j], "\r")))
	}
	return row, fmt.Sprint(j + 1)
}
