package tomlpos

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// Fill decodes the document into v, a pointer to a struct, one key at a
// time: a key no field takes and a value of the wrong type are errors at
// their lines, and every other key is still decoded, so one bad setting
// leaves the others and the defaults in place. Fields are matched by their
// toml tags exactly. ok is false on a syntax error, which is then the one
// error: nothing could be decoded.
func (d *Doc) Fill(v any) (md toml.MetaData, errs diag.List, ok bool) {
	var top map[string]toml.Primitive
	md, err := d.Decode(&top)
	if err != nil {
		return md, diag.List{err}, false
	}
	f := filler{d: d, md: &md}
	f.table(top, reflect.ValueOf(v).Elem(), nil)
	return md, f.errs, true
}

type filler struct {
	d    *Doc
	md   *toml.MetaData
	errs diag.List
}

var (
	primitiveType   = reflect.TypeFor[toml.Primitive]()
	timeType        = reflect.TypeFor[time.Time]()
	unmarshalerType = reflect.TypeFor[toml.Unmarshaler]()
)

// table decodes the keys of one table into the struct rv.
func (f *filler) table(keys map[string]toml.Primitive, rv reflect.Value, path []string) {
	fields := tagged(rv.Type())
	for name, p := range keys {
		at := append(slices.Clip(path), name)
		i := slices.IndexFunc(fields, func(t tag) bool { return t.name == name })
		if i < 0 {
			f.errs = append(f.errs, f.d.UnknownKey(at, shown(at), names(fields))...)
			continue
		}
		f.value(p, rv.Field(fields[i].index), at)
	}
}

// value decodes one key's value into rv: a table into a struct (or a map
// of them, or a list of them) key by key, anything else at once.
func (f *filler) value(p toml.Primitive, rv reflect.Value, path []string) {
	t := rv.Type()
	switch {
	case plainStruct(t):
		var keys map[string]toml.Primitive
		if f.decode(p, &keys, path, "a table") {
			f.table(keys, rv, path)
		}
	case t.Kind() == reflect.Pointer && plainStruct(t.Elem()):
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		f.value(p, rv.Elem(), path)
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && plainStruct(t.Elem()):
		var keys map[string]toml.Primitive
		if !f.decode(p, &keys, path, "a table of tables") {
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMap(t))
		}
		for k, sub := range keys {
			e := reflect.New(t.Elem()).Elem()
			f.value(sub, e, append(slices.Clip(path), k))
			rv.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
	case t.Kind() == reflect.Slice && plainStruct(t.Elem()):
		var list []toml.Primitive
		if !f.decode(p, &list, path, "a list of tables") {
			return
		}
		out := reflect.MakeSlice(t, len(list), len(list))
		for i, sub := range list {
			at := append(slices.Clip(path[:len(path)-1]), fmt.Sprintf("%s#%d", path[len(path)-1], i))
			f.value(sub, out.Index(i), at)
		}
		rv.Set(out)
	default:
		nv := reflect.New(t)
		if f.decode(p, nv.Interface(), path, want(t)) {
			rv.Set(nv.Elem())
		}
	}
}

// decode decodes p into dst, reporting a value of the wrong type at path.
func (f *filler) decode(p toml.Primitive, dst any, path []string, want string) bool {
	err := f.md.PrimitiveDecode(p, dst)
	if err == nil {
		return true
	}
	var got any
	_ = f.md.PrimitiveDecode(p, &got)
	e := &diag.Error{Pos: f.d.Pos(path...), Msg: f.d.Prefix + fmt.Sprintf("%s must be %s, not %s", shown(path), want, TypeOf(got)),
		Hint: f.d.typeHint()}
	if pe, ok := err.(toml.ParseError); ok { // the type's own UnmarshalTOML refused it
		e.Msg, e.Hint = f.d.Prefix+pe.Message, ""
	}
	f.errs = append(f.errs, e)
	return false
}

// plainStruct reports whether t is a struct decoded key by key: not a
// time, and not a type that decodes itself.
func plainStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t != timeType && t != primitiveType && !reflect.PointerTo(t).Implements(unmarshalerType)
}

// want names what a field of type t takes.
func want(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if e := want(t.Elem()); strings.HasPrefix(e, "a ") {
			return "a list of " + e[2:] + "s"
		}
		return "a list"
	case reflect.Map:
		if e := want(t.Elem()); strings.HasPrefix(e, "a ") {
			return "a table of " + e[2:] + "s"
		}
		return "a table"
	case reflect.Struct:
		if t == timeType {
			return "a date"
		}
		return "a table"
	}
	return "a " + t.String()
}

type tag struct {
	name  string
	index int
}

// tagged lists the fields of a struct type that have a toml tag.
func tagged(t reflect.Type) []tag {
	var out []tag
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if name != "" && name != "-" && t.Field(i).IsExported() {
			out = append(out, tag{name, i})
		}
	}
	return out
}

func names(tags []tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.name
	}
	return out
}

// shown is a key path as messages show it: dotted, without the index of
// a table in an array of tables.
func shown(path []string) string {
	k := make(toml.Key, len(path))
	for i, p := range path {
		if j := strings.LastIndexByte(p, '#'); j > 0 {
			if _, err := strconv.Atoi(p[j+1:]); err == nil {
				p = p[:j]
			}
		}
		k[i] = p
	}
	return k.String()
}
