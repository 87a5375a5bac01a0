package query

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/types"
	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// field is one column of a schema: the columns a step sees, before any row is
// read. known is false for a computed column whose type only its values decide.
type field struct {
	name  string
	typ   dataset.Type
	known bool
}

// schema is the ordered list of columns at one step of a query.
type schema []field

func schemaOf(t *dataset.Table) schema {
	s := make(schema, len(t.Columns))
	for i, c := range t.Columns {
		s[i] = field{name: c.Name, typ: c.Type, known: true}
	}
	return s
}

func (s schema) names() []string {
	out := make([]string, len(s))
	for i, f := range s {
		out[i] = f.name
	}
	return out
}

func (s schema) index(name string) int {
	for i, f := range s {
		if f.name == name {
			return i
		}
	}
	return -1
}

// set replaces the field of the same name, or appends f.
func (s schema) set(f field) schema {
	if i := s.index(f.name); i >= 0 {
		out := append(schema(nil), s...)
		out[i] = f
		return out
	}
	return append(append(schema(nil), s...), f)
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	durationType = reflect.TypeFor[time.Duration]()
)

// typedEnv describes the columns with their Go types, for type checking.
func (s schema) typedEnv() types.Map {
	m := make(types.Map, len(s))
	for _, f := range s {
		if !f.known {
			m[f.name] = types.Any
			continue
		}
		switch f.typ {
		case dataset.Int:
			m[f.name] = types.Int
		case dataset.Float:
			m[f.name] = types.Float64
		case dataset.Bool:
			m[f.name] = types.Bool
		case dataset.Date:
			m[f.name] = types.TypeOf(time.Time{})
		default:
			m[f.name] = types.String
		}
	}
	return m
}

// anyEnv describes the columns without types: the program that runs over the
// rows must accept nil for any of them.
func (s schema) anyEnv() types.Map {
	m := make(types.Map, len(s))
	for _, f := range s {
		m[f.name] = types.Any
	}
	return m
}

// compiled is one expression, checked against typed columns and compiled
// into a program that is safe with null cells.
type compiled struct {
	key  string
	src  string
	out  reflect.Type // static result type; nil when only the data decides
	prog *vm.Program
	refs []string // referenced columns, in schema order
}

// nullSafe rewrites the operators that fail on nil into calls of functions
// that give SQL-like results instead: a comparison with a null is false,
// arithmetic with a null is null, division by zero is null, and a null
// condition counts as false.
type nullSafe struct{}

var binaryFuncs = map[string]string{
	"<": "_lt", ">": "_gt", "<=": "_le", ">=": "_ge",
	"+": "_add", "-": "_sub", "*": "_mul", "/": "_div", "%": "_mod", "**": "_pow", "^": "_pow",
}

var unaryFuncs = map[string]string{"-": "_neg", "+": "_pos", "!": "_not", "not": "_not"}

// Visit implements ast.Visitor; children are visited before their parent.
func (nullSafe) Visit(n *ast.Node) {
	switch x := (*n).(type) {
	case *ast.BinaryNode:
		if name, ok := binaryFuncs[x.Operator]; ok {
			ast.Patch(n, call(name, x.Left, x.Right))
			return
		}
		switch x.Operator {
		case "&&", "||", "and", "or":
			x.Left = truth(x.Left)
			x.Right = truth(x.Right)
		}
	case *ast.UnaryNode:
		if name, ok := unaryFuncs[x.Operator]; ok {
			ast.Patch(n, call(name, x.Node))
		}
	case *ast.ConditionalNode:
		x.Cond = truth(x.Cond)
	}
}

func call(name string, args ...ast.Node) *ast.CallNode {
	return &ast.CallNode{Callee: &ast.IdentifierNode{Value: name}, Arguments: args}
}

// truth wraps a condition that may be nil so that nil counts as false.
func truth(n ast.Node) ast.Node {
	switch x := n.(type) {
	case *ast.BoolNode:
		return n
	case *ast.BinaryNode:
		switch x.Operator {
		case "==", "!=", "in", "contains", "startsWith", "endsWith", "matches", "&&", "||", "and", "or":
			return n
		}
	case *ast.CallNode:
		if id, ok := x.Callee.(*ast.IdentifierNode); ok {
			switch id.Value {
			case "_lt", "_gt", "_le", "_ge", "_truth":
				return n
			}
		}
	}
	c := call("_truth", n)
	c.SetLocation(n.Location())
	return c
}

func isZero(v any) bool {
	switch x := v.(type) {
	case int:
		return x == 0
	case int64:
		return x == 0
	case float64:
		return x == 0
	case int8, int16, int32, uint, uint8, uint16, uint32, uint64, float32:
		return reflect.ValueOf(x).IsZero()
	}
	return false
}

func compare(name string, f func(a, b any) bool) expr.Option {
	return expr.Function(name, func(p ...any) (any, error) {
		if p[0] == nil || p[1] == nil {
			return false, nil
		}
		return f(p[0], p[1]), nil
	})
}

func arith(name string, zeroRight bool, f func(a, b any) any) expr.Option {
	return expr.Function(name, func(p ...any) (any, error) {
		if p[0] == nil || p[1] == nil || (zeroRight && isZero(p[1])) {
			return nil, nil
		}
		return f(p[0], p[1]), nil
	})
}

// runOptions are the options of every program that runs over rows.
var runOptions = []expr.Option{
	expr.Patch(nullSafe{}),
	expr.Timezone("UTC"),
	compare("_lt", runtime.Less),
	compare("_gt", runtime.More),
	compare("_le", runtime.LessOrEqual),
	compare("_ge", runtime.MoreOrEqual),
	arith("_add", false, runtime.Add),
	arith("_sub", false, runtime.Subtract),
	arith("_mul", false, runtime.Multiply),
	arith("_div", true, func(a, b any) any { return runtime.Divide(a, b) }),
	arith("_mod", true, func(a, b any) any { return runtime.Modulo(a, b) }),
	arith("_pow", false, func(a, b any) any { return runtime.Exponent(a, b) }),
	expr.Function("_neg", func(p ...any) (any, error) {
		if p[0] == nil {
			return nil, nil
		}
		return runtime.Negate(p[0]), nil
	}),
	expr.Function("_pos", func(p ...any) (any, error) { return p[0], nil }),
	expr.Function("_not", func(p ...any) (any, error) {
		switch x := p[0].(type) {
		case nil:
			return nil, nil
		case bool:
			return !x, nil
		}
		return nil, fmt.Errorf("cannot negate %s", typeName(reflect.TypeOf(p[0])))
	}),
	expr.Function("_truth", func(p ...any) (any, error) {
		switch x := p[0].(type) {
		case nil:
			return false, nil
		case bool:
			return x, nil
		}
		return nil, fmt.Errorf("%s is not a true/false value", typeName(reflect.TypeOf(p[0])))
	}),
}

// typeName names a Go type the way the docs name column types.
func typeName(t reflect.Type) string {
	switch t {
	case nil:
		return "nil"
	case timeType:
		return "date"
	case durationType:
		return "duration"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Bool:
		return "bool"
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Map:
		return "map"
	}
	return t.String()
}

// compileSafe runs expr.Compile, turning a panic into an error.
func compileSafe(src string, opts ...expr.Option) (p *vm.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%v", r)
		}
	}()
	// now() would make two builds of the same input differ.
	opts = append(opts, expr.DisableBuiltin("now"))
	return expr.Compile(src, opts...)
}

var unknownName = regexp.MustCompile(`^unknown name (.+) \(\d+:\d+\)$`)

// compileExpr checks src against the typed columns of s and compiles it into
// a program that runs over rows. later names columns that are computed after
// this expression runs (for the hint when where refers to one).
func compileExpr(key, src string, s schema, later []string) (*compiled, *Error) {
	if strings.TrimSpace(src) == "" {
		return nil, &Error{Key: key, Msg: key + ": empty expression"}
	}
	checked, err := compileSafe(src, expr.Env(s.typedEnv()), expr.Optimize(false), expr.Timezone("UTC"))
	if err != nil {
		return nil, compileError(key, src, s, later, err)
	}
	c := &compiled{key: key, src: src}
	if out := checked.Node().Type(); out != nil && out.Kind() != reflect.Interface {
		c.out = out
	}
	opts := append([]expr.Option{expr.Env(s.anyEnv())}, runOptions...)
	c.prog, err = compileSafe(src, opts...)
	if err != nil {
		return nil, compileError(key, src, s, later, err)
	}
	names, dynamic := identifiers(c.prog.Node())
	for _, f := range s {
		if dynamic || names[f.name] {
			c.refs = append(c.refs, f.name)
		}
	}
	return c, nil
}

func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

func compileError(key, src string, s schema, later []string, err error) *Error {
	msg := firstLine(err)
	if m := unknownName.FindStringSubmatch(msg); m != nil {
		name := m[1]
		if calledAs(src, name) {
			hint := diag.DidYouMean(name, builtinNames())
			if name == "now" {
				hint = `the time of the build would make builds differ; compare with a fixed date("2022-03-01")`
			}
			return &Error{Key: key, Msg: fmt.Sprintf("%s: no function %q", key, name), Hint: hint}
		}
		if slices.Contains(later, name) {
			return &Error{Key: key, Msg: fmt.Sprintf("%s: no column %q", key, name),
				Hint: fmt.Sprintf("%q is computed after %s is applied", name, key)}
		}
		return &Error{Key: key, Msg: fmt.Sprintf("%s: no column %q", key, name),
			Hint: diag.DidYouMean(name, s.names())}
	}
	e := &Error{Key: key, Msg: fmt.Sprintf("%s: cannot compile %q: %s", key, src, msg)}
	switch {
	case looksLikeSQL(src):
		e.Hint = "compare with == , combine with && and ||"
	default:
		for _, f := range s {
			if !isIdentifier(f.name) && strings.Contains(src, f.name) && !strings.Contains(src, "$env") {
				e.Hint = fmt.Sprintf("write the column as $env[%q]", f.name)
				break
			}
		}
	}
	return e
}

// calledAs reports whether src calls name as a function.
func calledAs(src, name string) bool {
	for i := 0; ; {
		j := strings.Index(src[i:], name)
		if j < 0 {
			return false
		}
		i += j + len(name)
		if strings.HasPrefix(strings.TrimLeft(src[i:], " \t"), "(") {
			return true
		}
	}
}

func builtinNames() []string {
	names := make([]string, 0, len(builtin.Builtins))
	for _, f := range builtin.Builtins {
		names = append(names, f.Name)
	}
	return names
}

// looksLikeSQL reports whether src compares with a single '=' or combines
// with AND / OR, outside string literals.
func looksLikeSQL(src string) bool {
	var quote rune
	prev := ' '
	rs := []rune(src)
	for i, r := range rs {
		if quote != 0 {
			if r == '\\' && i+1 < len(rs) {
				prev = r
				continue
			}
			if r == quote && prev != '\\' {
				quote = 0
			}
			prev = r
			continue
		}
		switch r {
		case '"', '\'', '`':
			quote = r
		case '=':
			next := ' '
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if !strings.ContainsRune("=!<>", prev) && next != '=' {
				return true
			}
		}
		prev = r
	}
	for _, w := range strings.FieldsFunc(src, func(r rune) bool { return !isIdentRune(r) }) {
		if w == "AND" || w == "OR" {
			return true
		}
	}
	return false
}

func isIdentRune(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "in": true, "matches": true, "contains": true,
	"startsWith": true, "endsWith": true, "nil": true, "true": true, "false": true,
	"let": true, "if": true, "else": true,
}

// isIdentifier reports whether name can be written bare in an expression.
func isIdentifier(name string) bool {
	if name == "" || keywords[name] {
		return false
	}
	for i, r := range name {
		if !isIdentRune(r) || r == '$' || (i == 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

type identVisitor struct {
	names      map[string]bool
	envIdents  int
	envMembers int
}

func (v *identVisitor) Visit(n *ast.Node) {
	switch x := (*n).(type) {
	case *ast.IdentifierNode:
		if x.Value == "$env" {
			v.envIdents++
		} else {
			v.names[x.Value] = true
		}
	case *ast.MemberNode:
		if id, ok := x.Node.(*ast.IdentifierNode); ok && id.Value == "$env" {
			if s, ok := x.Property.(*ast.StringNode); ok {
				v.names[s.Value] = true
				v.envMembers++
			}
		}
	}
}

// identifiers returns the names an expression refers to, and whether it uses
// $env in a way that may reach any column.
func identifiers(n ast.Node) (map[string]bool, bool) {
	v := &identVisitor{names: map[string]bool{}}
	ast.Walk(&n, v)
	return v.names, v.envIdents > v.envMembers
}

// parseNames parses src only to find the names it refers to.
func parseNames(src string) (names map[string]bool, dynamic bool) {
	defer func() {
		if recover() != nil {
			names, dynamic = nil, false
		}
	}()
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, false
	}
	return identifiers(tree.Node)
}

// evaluator runs a compiled expression row by row with a reused environment.
type evaluator struct {
	c    *compiled
	t    *dataset.Table
	cols []*dataset.Column
	env  map[string]any
	vm   vm.VM
}

func newEvaluator(c *compiled, t *dataset.Table) *evaluator {
	e := &evaluator{c: c, t: t, env: make(map[string]any, len(c.refs))}
	for _, name := range c.refs {
		if col := t.Column(name); col != nil {
			e.cols = append(e.cols, col)
		}
	}
	return e
}

// cell returns row i of c as the value an expression sees.
func cell(c *dataset.Column, i int) any {
	if !c.Valid[i] {
		return nil
	}
	switch c.Type {
	case dataset.Int:
		return int(c.Num[i])
	case dataset.Float:
		if math.IsNaN(c.Num[i]) {
			return nil
		}
		return c.Num[i]
	case dataset.Bool:
		return c.Num[i] != 0
	case dataset.Date:
		return time.UnixMilli(int64(c.Num[i])).UTC()
	default:
		return c.Str[i]
	}
}

// eval runs the expression over row i. A failure on a row where a column it
// refers to is null gives null; any other failure is an error naming the row.
func (e *evaluator) eval(i int) (out any, err *Error) {
	null := false
	for _, c := range e.cols {
		v := cell(c, i)
		if v == nil {
			null = true
		}
		e.env[c.Name] = v
	}
	v, runErr := e.run()
	if runErr != nil {
		if null {
			return nil, nil
		}
		return nil, &Error{Key: e.c.key, Msg: fmt.Sprintf("%s: cannot evaluate %q at %s: %s",
			e.c.key, e.c.src, e.t.RowName(i), firstLine(runErr))}
	}
	return v, nil
}

func (e *evaluator) run() (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return e.vm.Run(e.c.prog, e.env)
}
