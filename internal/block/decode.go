package block

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/tomlpos"
)

// doc is one block being decoded: its source, TOML metadata, key lines and
// the problems found so far.
type doc struct {
	env    *Env
	kind   string
	id     string // the block's id, once read
	start  diag.Pos
	md     toml.MetaData
	src    string
	toml   *tomlpos.Doc // the source at its place, made by source() on the first problem
	errs   diag.List
	warns  diag.List // problems that do not stop the block
	failed []string  // dotted keys whose value had the wrong type
	// lowerBetter lists the columns whose changes colour the other way.
	lowerBetter []string
	// spots are the positions of an inline value's parts, by the key
	// that would name them in a block; nil for a fenced block.
	spots map[string]diag.Pos
	// memo is the page's remembered selections (see Values).
	memo map[string]*dataset.Table
}

// lines returns the block's key index, scanning the source on first use:
// only a block with a problem needs it.
func (d *doc) lines() *tomlpos.Index {
	return d.source().Index()
}

// source is the block's TOML at its place in the page, for its problems.
func (d *doc) source() *tomlpos.Doc {
	if d.toml == nil {
		file := d.start.File
		if file == "" {
			file = d.env.Page
		}
		d.toml = &tomlpos.Doc{File: file, Line: d.start.Line, Col: d.start.Col, Src: d.src, Prefix: d.kind + ": ",
			Hint: "a " + d.kind + " block holds TOML: key = \"value\" lines"}
	}
	return d.toml
}

// pos returns the position of the line of a key path inside the block.
func (d *doc) pos(path ...string) diag.Pos {
	if d.spots != nil {
		return d.spot(path)
	}
	p := d.start
	if p.File == "" {
		p.File = d.env.Page
	}
	if n := d.lines().Line(path...); n > 0 && p.Line > 0 {
		p.Line += n - 1
	}
	p.Col = 0
	return p
}

// errorf records a problem at the line of a key path. The message gets the
// block kind in front: "chart: …".
func (d *doc) errorf(path []string, hint, format string, args ...any) {
	d.errs = append(d.errs, &diag.Error{Pos: d.pos(path...), Msg: d.kind + ": " + fmt.Sprintf(format, args...), Hint: hint})
}

// decode parses src strictly into v, a struct of *toml.Primitive fields. It
// reports a syntax error at its line and returns false; the fields are then
// read with the typed readers below, and unknown keys are reported by
// unknownKeys once every field has been read.
func (d *doc) decode(src string, v any) bool {
	md, err := tomlpos.Decode(src, v)
	if err != nil {
		d.errs = append(d.errs, d.source().Error(err))
		return false
	}
	d.md = md
	return true
}

// The valid keys of each block kind, by section ("" for the top).
var (
	chartKeys = map[string][]string{"": keysOf(chartFields{}), "ref": keysOf(refFields{})}
	kpiKeys   = map[string][]string{"": keysOf(kpiFields{}), "card": keysOf(cardFields{})}
	tableKeys = map[string][]string{"": keysOf(tableFields{})}
)

// keysOf lists the TOML keys of a struct's fields, embedded structs included.
func keysOf(v any) []string {
	var keys []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for f := range t.Fields() {
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			if name, _, _ := strings.Cut(f.Tag.Get("toml"), ","); name != "" {
				keys = append(keys, name)
			}
		}
	}
	walk(reflect.TypeOf(v))
	return keys
}

// unknownKeys reports keys that no field took: the keys left undecoded
// (outside values that failed their type check), and keys written in another
// case than the field's name. valid maps a section ("" for the top, "card"
// for [[card]]) to its valid keys.
func (d *doc) unknownKeys(valid map[string][]string) {
	seen := map[string]bool{}
	report := func(k toml.Key) {
		section := strings.Join(k[:len(k)-1], ".")
		if seen[k.String()] {
			return
		}
		seen[k.String()] = true
		d.errs = append(d.errs, d.source().UnknownKey(k, k[len(k)-1], valid[section])...)
	}
	for _, k := range d.md.Undecoded() {
		if d.underFailed(k) || d.parentUnknown(k, valid) {
			continue
		}
		report(k)
	}
	for _, k := range d.md.Keys() {
		section := strings.Join(k[:len(k)-1], ".")
		keys, ok := valid[section]
		if ok && !slices.Contains(keys, k[len(k)-1]) && !d.underFailed(k) && !d.parentUnknown(k, valid) {
			report(k)
		}
	}
}

// shaping are the keys that decide a block's rows and columns.
var shaping = []string{"data", "join", "on", "compute", "group", "aggregate", "after_group", "compare", "key", "sql", "plan", "value"}

// shapeFailed reports whether a key that shapes the rows of the block (or
// of its section, such as "card") had a value of the wrong type: the
// columns it names cannot then be checked against the data. A wrong value
// of any other key leaves the data's checks as true as they are.
func (d *doc) shapeFailed(section string) bool {
	for _, k := range shaping {
		if section != "" {
			k = section + "." + k
		}
		if slices.Contains(d.failed, k) {
			return true
		}
	}
	return false
}

// underFailed reports whether k lies inside a value that failed its check.
func (d *doc) underFailed(k toml.Key) bool {
	s := k.String()
	for _, f := range d.failed {
		if s == f || strings.HasPrefix(s, f+".") {
			return true
		}
	}
	return false
}

// parentUnknown reports whether an ancestor of k is itself an unknown key,
// which is reported instead.
func (d *doc) parentUnknown(k toml.Key, valid map[string][]string) bool {
	for i := 1; i < len(k); i++ {
		section := strings.Join(k[:i-1], ".")
		if keys, ok := valid[section]; ok && !slices.Contains(keys, k[i-1]) {
			return true
		}
	}
	return false
}

// value reads a present primitive as a plain Go value.
func (d *doc) value(p *toml.Primitive) any {
	var v any
	if err := d.md.PrimitiveDecode(*p, &v); err != nil {
		return nil
	}
	return v
}

// mark decodes p into dst so that its keys count as decoded.
func (d *doc) mark(p *toml.Primitive, dst any) {
	_ = d.md.PrimitiveDecode(*p, dst) // the value's type was checked already
}

// wrongType records a value of the wrong type at path.
func (d *doc) wrongType(path []string, want string, v any, hint string) {
	d.failed = append(d.failed, d.metaKey(path))
	d.errorf(path, hint, "%s must be %s, not %s", strings.Join(path[len(path)-1:], ""), want, tomlpos.TypeOf(v))
}

// metaKey turns a path with array indexes ("card#1", "where") into the
// metadata key ("card.where").
func (d *doc) metaKey(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i], _, _ = strings.Cut(p, "#")
	}
	return strings.Join(parts, ".")
}

// str reads a string.
func (d *doc) str(p *toml.Primitive, path ...string) string {
	if p == nil {
		return ""
	}
	v := d.value(p)
	s, ok := v.(string)
	if !ok {
		d.wrongType(path, "a string", v, fmt.Sprintf(`write it in quotes: %s = "…"`, path[len(path)-1]))
		return ""
	}
	d.mark(p, &s)
	return s
}

// strs reads a string or a list of strings.
func (d *doc) strs(p *toml.Primitive, path ...string) []string {
	if p == nil {
		return nil
	}
	v := d.value(p)
	switch x := v.(type) {
	case string:
		d.mark(p, new(string))
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				d.wrongType(path, "a string or a list of strings", v, fmt.Sprintf(`write %s = ["a", "b"]`, path[len(path)-1]))
				return nil
			}
			out = append(out, s)
		}
		d.mark(p, new([]string))
		return out
	}
	d.wrongType(path, "a string or a list of strings", v, fmt.Sprintf(`write %s = ["a", "b"]`, path[len(path)-1]))
	return nil
}

// strMap reads a table of strings. Keys are returned in source order too.
func (d *doc) strMap(p *toml.Primitive, example string, path ...string) map[string]string {
	if p == nil {
		return nil
	}
	v := d.value(p)
	m, ok := v.(map[string]any)
	if ok {
		out := make(map[string]string, len(m))
		for k, e := range m {
			s, isStr := e.(string)
			if !isStr {
				d.failed = append(d.failed, d.metaKey(path))
				d.errorf(append(path, k), "write "+example, "%s.%s must be a string, not %s", path[len(path)-1], k, tomlpos.TypeOf(e))
				return nil
			}
			out[k] = s
		}
		d.mark(p, new(map[string]string))
		return out
	}
	d.wrongType(path, "a table of strings", v, "write "+example)
	return nil
}

// boolean reads true or false; set tells whether the key was written.
func (d *doc) boolean(p *toml.Primitive, path ...string) (v, set bool) {
	if p == nil {
		return false, false
	}
	raw := d.value(p)
	b, ok := raw.(bool)
	if !ok {
		d.wrongType(path, "true or false", raw, fmt.Sprintf("write %s = true, without quotes", path[len(path)-1]))
		return false, false
	}
	d.mark(p, &b)
	return b, true
}

// integer reads a whole number.
func (d *doc) integer(p *toml.Primitive, path ...string) (int, bool) {
	if p == nil {
		return 0, false
	}
	raw := d.value(p)
	n, ok := raw.(int64)
	if !ok {
		d.wrongType(path, "a whole number", raw, fmt.Sprintf("write %s = 10, without quotes", path[len(path)-1]))
		return 0, false
	}
	d.mark(p, new(int64))
	return int(n), true
}

// number reads a number, whole or not.
func (d *doc) number(p *toml.Primitive, path ...string) (float64, bool) {
	if p == nil {
		return 0, false
	}
	raw := d.value(p)
	switch n := raw.(type) {
	case int64:
		d.mark(p, new(int64))
		return float64(n), true
	case float64:
		d.mark(p, new(float64))
		return n, true
	}
	d.wrongType(path, "a number", raw, fmt.Sprintf("write %s = 543000000, without quotes or separators", path[len(path)-1]))
	return 0, false
}

// formats reads a number format: one name for every value column, or a table
// of names per column. Each name is checked with numfmt.Validate.
func (d *doc) formats(p *toml.Primitive, path ...string) (all string, per map[string]string) {
	if p == nil {
		return "", nil
	}
	v := d.value(p)
	switch x := v.(type) {
	case string:
		d.mark(p, new(string))
		d.checkFormat(x, path)
		return x, nil
	case map[string]any:
		per = d.strMap(p, `format = { followers = "compact" }`, path...)
		for _, k := range slices.Sorted(maps.Keys(per)) {
			if !d.checkFormat(per[k], append(slices.Clone(path), k)) {
				delete(per, k)
			}
		}
		return "", per
	}
	d.wrongType(path, "a format name or a table of them", v, `write format = "compact" or format = { followers = "compact" }`)
	return "", nil
}

// checkFormat reports an unknown format name at path.
func (d *doc) checkFormat(name string, path []string) bool {
	err := numfmt.Validate(name)
	if err == nil {
		return true
	}
	var e *diag.Error
	if errors.As(err, &e) {
		d.errorf(path, e.Hint, "%s", e.Msg)
	} else {
		d.errorf(path, "", "%v", err)
	}
	return false
}
