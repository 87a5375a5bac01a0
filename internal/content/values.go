package content

import (
	"fmt"
	"regexp"
	"strings"

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
		return diag.List{fm.toml.Errorf([]string{"values"}, `write [values] and then name = "dataset[key].column" lines`, "values must be a table of names")}
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
// character (0 when the value is not a quoted string).
func (fm *FrontMatter) KeyPos(key string) (line, col int) {
	if fm.toml == nil {
		return 2, 0
	}
	path := []string{key}
	if section, name, ok := strings.Cut(key, "."); ok {
		path = []string{section, name} // a value's name may hold a dot
	}
	line, col = fm.toml.Index().Text(path...)
	return fm.toml.At(line).Line, col
}
