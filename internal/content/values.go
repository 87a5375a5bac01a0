package content

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// NamedValue is one entry of a page's [values]: a name for an inline
// value's expression. Line and Col (in the document) locate the
// expression's first character.
type NamedValue struct {
	Name, Expr string
	Line, Col  int
}

// valueName is what a named value may be called: it stands where a
// dataset's name does.
var valueName = regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_]*$`)

// readValues reads [values]: names to expressions, in the order written.
func (fm *FrontMatter) readValues(v any, md toml.MetaData) diag.List {
	if v == nil {
		return nil
	}
	table, ok := v.(map[string]any)
	if !ok {
		return diag.List{{Pos: diag.Pos{Line: keyLine(fm.lines, "values") + 1}, Msg: "front matter: values must be a table of names",
			Hint: `write [values] and then name = "dataset[key].column" lines`}}
	}
	var errs diag.List
	for _, k := range md.Keys() {
		if len(k) != 2 || k[0] != "values" {
			continue
		}
		name := k[1]
		line, col := fm.KeyPos("values." + name)
		expr, isText := table[name].(string)
		switch {
		case !isText:
			errs = append(errs, &diag.Error{Pos: diag.Pos{Line: line}, Msg: fmt.Sprintf("front matter: values.%s must be text", name),
				Hint: "write the expression in quotes: " + name + ` = "dataset[key].column"`})
		case !valueName.MatchString(name):
			errs = append(errs, &diag.Error{Pos: diag.Pos{Line: line}, Msg: fmt.Sprintf("front matter: %q is not a value name", name),
				Hint: "use letters, digits and _, starting with a letter, such as webank_fans"})
		default:
			fm.Values = append(fm.Values, NamedValue{Name: name, Expr: expr, Line: line, Col: col})
		}
	}
	return errs
}

// KeyPos returns the line (in the document) of a front-matter key, such as
// "title" or "values.top", and the column of its quoted value's first
// character (0 when the value is not a quoted string on that line).
func (fm *FrontMatter) KeyPos(key string) (line, col int) {
	section, name, nested := strings.Cut(key, ".")
	if !nested {
		name, section = key, ""
	}
	re := regexp.MustCompile(`(^|[{,\s])"?` + regexp.QuoteMeta(name) + `"?\s*=\s*("""|'''|"|')`)
	in := section == ""
	for i, l := range fm.lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "[") {
			in = strings.Trim(t, "[] ") == section
			continue
		}
		if !in && !strings.Contains(l, section+" ") && !strings.Contains(l, section+"=") {
			continue
		}
		if m := re.FindStringSubmatchIndex(l); m != nil {
			return i + 2, utf8.RuneCountInString(l[:m[1]]) + 1
		}
	}
	return keyLine(fm.lines, name) + 1, 0
}
