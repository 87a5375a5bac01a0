package query

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
)

// banks returns the bank column of t joined by ",".
func banks(t *dataset.Table) string {
	c := t.Column("bank")
	var out []string
	for i := range c.Len() {
		out = append(out, c.Text(i))
	}
	return strings.Join(out, ",")
}

// project dumps the named columns of t.
func project(t *testing.T, tab *dataset.Table, names ...string) string {
	t.Helper()
	p := &dataset.Table{}
	for _, n := range names {
		c := tab.Column(n)
		if c == nil {
			t.Fatalf("no column %q in result %v", n, tab.Names())
		}
		p.Columns = append(p.Columns, c)
	}
	return dump(p)
}

func TestWhere(t *testing.T) {
	tests := []struct {
		where string
		want  string
	}{
		{"type == '总行'", "招商银行,工商银行,平安银行"},
		{"followers > 1000000", "招商银行,工商银行,平安银行"},
		{"followers < 1000000", "北京分行"}, // the null is not less
		{"followers == nil", "上海分行"},
		{"followers != nil", "招商银行,工商银行,北京分行,平安银行"},
		{"likes > 100 || type == '分行'", "招商银行,工商银行,北京分行,上海分行"},
		{"active", "招商银行,上海分行,平安银行"},
		{"not active", "工商银行"},
		{"!active", "工商银行"},
		{"day >= date('2022-03-01')", "招商银行,工商银行,平安银行"},
		{"day == date('2022-03-01')", "招商银行"},
		{"day.Day() == 28", "北京分行"},
		{"posts > 0 && likes / posts > 20", "招商银行,平安银行"},
		{"likes / posts > 20", "招商银行,平安银行"}, // division by zero is null
		{"(likes ?? 0) < 100", "北京分行,上海分行,平安银行"},
		{"bank contains '分行'", "北京分行,上海分行"},
		{"bank startsWith '招'", "招商银行"},
		{"type in ['分行']", "北京分行,上海分行"},
		{"rate >= 1.5", "北京分行,上海分行"},
		{"-likes < -100", "招商银行,工商银行"},
		{"likes + posts > 100", "招商银行,工商银行"},
		{"active ? likes > 100 : posts > 5", "招商银行"},
		{"active and likes > 50 or posts == 5", "招商银行,北京分行,平安银行"},
		{"len(bank) == 4 && upper(type) == '总行'", "招商银行,工商银行,平安银行"},
		{`$env["type"] == '分行'`, "北京分行,上海分行"},
		{"true", "招商银行,工商银行,北京分行,上海分行,平安银行"},
		{"false", ""},
		{"  ", "招商银行,工商银行,北京分行,上海分行,平安银行"},
	}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			out, err := Run(accounts(), Spec{Where: tt.where})
			if err != nil {
				t.Fatal(err)
			}
			if got := banks(out); got != tt.want {
				t.Errorf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestWhereKeepsLines(t *testing.T) {
	out, err := Run(accounts(), Spec{Where: "type == '分行'"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.Line, []int{4, 5}) || out.Name != "accounts" || out.File != "data/accounts.csv" {
		t.Errorf("got name %q file %q lines %v", out.Name, out.File, out.Line)
	}
}

func TestColumnNames(t *testing.T) {
	tab := &dataset.Table{Columns: []*dataset.Column{
		col("bank name", dataset.String, "x", "y", "z"),
		col("粉丝", dataset.Int, 1, 200, 300),
		col("type", dataset.String, "a", "b", "a"),
	}}
	tests := []struct {
		spec Spec
		want string
	}{
		{Spec{Where: "粉丝 >= 100"}, "bank name:string|粉丝:int|type:string\ny|200|b\nz|300|a"},
		{Spec{Where: `$env["bank name"] == 'x'`}, "bank name:string|粉丝:int|type:string\nx|1|a"},
		{Spec{Where: "type == 'a'", Compute: map[string]string{"万": "粉丝 / 10000"}},
			"bank name:string|粉丝:int|type:string|万:float\nx|1|a|0.0001\nz|300|a|0.03"},
		{Spec{Compute: map[string]string{"label": `$env["bank name"] + "-" + type`}, Sort: []string{"-粉丝"}, Limit: 1},
			"bank name:string|粉丝:int|type:string|label:string\nz|300|a|z-a"},
	}
	for _, tt := range tests {
		out, err := Run(tab, tt.spec)
		if err != nil {
			t.Errorf("%+v: %v", tt.spec, err)
			continue
		}
		if got := dump(out); got != tt.want {
			t.Errorf("%+v:\ngot\n%s\nwant\n%s", tt.spec, got, tt.want)
		}
	}
}

func TestCompute(t *testing.T) {
	tests := []struct {
		name    string
		compute map[string]string
		show    []string
		want    string
	}{
		{"division, by zero and by null", map[string]string{"avg_likes": "likes / posts"}, []string{"avg_likes"},
			"avg_likes:float\n30\n-\n-\n5\n30"},
		{"int from ints", map[string]string{"total": "likes + posts"}, []string{"total"},
			"total:int\n310\n120\n-\n48\n93"},
		{"uses another computed column", map[string]string{"double": "total * 2", "total": "likes + posts"}, []string{"total", "double"},
			"total:int|double:int\n310|620\n120|240\n-|-\n48|96\n93|186"},
		{"dependency order beats name order", map[string]string{"a": "z + 1", "z": "posts * 10", "b": "a + z"}, []string{"z", "a", "b"},
			"z:int|a:int|b:int\n100|101|201\n0|1|1\n50|51|101\n80|81|161\n30|31|61"},
		{"all division by zero", map[string]string{"r": "followers / 0"}, []string{"r"},
			"r:float\n-\n-\n-\n-\n-"},
		{"modulo by zero", map[string]string{"m": "likes % posts"}, []string{"m"},
			"m:int\n0\n-\n-\n0\n0"},
		{"infinity is null", map[string]string{"i": "10.0 ** 400"}, []string{"i"},
			"i:float\n-\n-\n-\n-\n-"},
		{"negation", map[string]string{"n": "-likes"}, []string{"n"},
			"n:int\n-300\n-120\n-\n-40\n-90"},
		{"bool", map[string]string{"big": "followers > 1000000"}, []string{"big"},
			"big:bool\ntrue\ntrue\nfalse\nfalse\ntrue"},
		{"string", map[string]string{"label": "bank + '/' + type"}, []string{"label"},
			"label:string\n招商银行/总行\n工商银行/总行\n北京分行/分行\n上海分行/分行\n平安银行/总行"},
		{"date", map[string]string{"d": "date('2022-01-31')"}, []string{"d"},
			"d:date\n2022-01-31\n2022-01-31\n2022-01-31\n2022-01-31\n2022-01-31"},
		{"mixed values give strings", map[string]string{"mixed": "active ? likes : bank"}, []string{"mixed"},
			"mixed:string\n300\n工商银行\n北京分行\n40\n90"},
		{"ints and floats give floats", map[string]string{"w": "active ? 1 : 2.5", "v": "w * 2"}, []string{"w", "v"},
			"w:float|v:float\n1|2\n2.5|5\n2.5|5\n1|2\n1|2"},
		{"typed once the data is known", map[string]string{"m": "active ? likes : bank", "n": "m + '!'"}, []string{"n"},
			"n:string\n300!\n工商银行!\n北京分行!\n40!\n90!"},
		{"null-safe default", map[string]string{"l": "likes ?? 0"}, []string{"l"},
			"l:int\n300\n120\n0\n40\n90"},
		{"failure on a null cell is null", map[string]string{"y": "day.Year()"}, []string{"y"},
			"y:int\n2022\n2022\n2022\n-\n2022"},
		{"constant null", map[string]string{"n": "nil"}, []string{"n"},
			"n:string\n-\n-\n-\n-\n-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Run(accounts(), Spec{Compute: tt.compute})
			if err != nil {
				t.Fatal(err)
			}
			if got := project(t, out, tt.show...); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestComputeColumnOrder(t *testing.T) {
	out, err := Run(accounts(), Spec{Compute: map[string]string{
		"followers": "followers / 10000", // replaces the column in place
		"b":         "1",
		"a":         "followers * 2", // uses the replaced column
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := "bank,type,followers,likes,posts,rate,active,day,b,a"
	if got := strings.Join(out.Names(), ","); got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	if got, want := project(t, out, "followers", "a"), "followers:float|a:float\n215|430\n180|360\n5|10\n-|-\n180|360"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWhereThenCompute(t *testing.T) {
	out, err := Run(accounts(), Spec{Where: "posts > 0", Compute: map[string]string{"avg": "likes / posts"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "bank:string|avg:float\n招商银行|30\n北京分行|-\n上海分行|5\n平安银行|30"
	if got := project(t, out, "bank", "avg"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		want string
	}{
		{"every function", Spec{Group: []string{"type"}, Aggregate: map[string]string{
			"followers": "sum", "likes": "avg", "bank": "count", "rate": "median", "day": "max", "posts": "min"}},
			"type:string|bank:int|followers:int|likes:float|posts:int|rate:float|day:date\n" +
				"总行|3|5750000|170|0|0.375|2022-03-05\n" +
				"分行|2|50000|40|5|1.75|2022-02-28"},
		{"without group", Spec{Aggregate: map[string]string{"followers": "sum", "likes": "median", "active": "sum"}},
			"followers:int|likes:float|active:int\n5800000|105|3"},
		{"function names ignore case", Spec{Aggregate: map[string]string{"posts": " MAX "}},
			"posts:int\n10"},
		{"group without aggregate", Spec{Group: []string{"type"}},
			"type:string\n总行\n分行"},
		{"null key is a group", Spec{Group: []string{"active"}, Aggregate: map[string]string{"bank": "count"}},
			"active:bool|bank:int\ntrue|3\nfalse|1\n-|1"},
		{"two keys", Spec{Group: []string{"type", "active"}, Aggregate: map[string]string{"likes": "sum"}},
			"type:string|active:bool|likes:int\n总行|true|390\n总行|false|120\n分行|-|-\n分行|true|40"},
		{"numeric key", Spec{Group: []string{"followers"}, Aggregate: map[string]string{"bank": "count"}},
			"followers:int|bank:int\n2150000|1\n1800000|2\n50000|1\n-|1"},
		{"no rows", Spec{Where: "false", Group: []string{"type"}, Aggregate: map[string]string{"followers": "sum"}},
			"type:string|followers:int"},
		{"no rows, no group", Spec{Where: "false", Aggregate: map[string]string{"followers": "sum", "bank": "count"}},
			"bank:int|followers:int\n0|-"},
		{"computed column", Spec{Compute: map[string]string{"avg": "likes / posts"}, Group: []string{"type"}, Aggregate: map[string]string{"avg": "avg"}},
			"type:string|avg:float\n总行|30\n分行|5"},
		{"then sort", Spec{Group: []string{"type"}, Aggregate: map[string]string{"followers": "sum"}, Sort: []string{"followers"}},
			"type:string|followers:int\n分行|50000\n总行|5750000"},
		{"then limit", Spec{Group: []string{"type"}, Aggregate: map[string]string{"followers": "sum"}, Sort: []string{"-followers"}, Limit: 1},
			"type:string|followers:int\n总行|5750000"},
		{"median of even count", Spec{Group: []string{"type"}, Aggregate: map[string]string{"likes": "median"}},
			"type:string|likes:float\n总行|120\n分行|40"},
		{"min and max of a float", Spec{Aggregate: map[string]string{"rate": "min"}, Group: []string{"active"}},
			"active:bool|rate:float\ntrue|0.25\nfalse|-\n-|1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Run(accounts(), tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := dump(out); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if out.Line != nil {
				t.Errorf("grouped table has lines %v", out.Line)
			}
		})
	}
}

func TestSort(t *testing.T) {
	tests := []struct {
		sort  []string
		limit int
		want  string
	}{
		{[]string{"-followers", "bank"}, 0, "招商银行,工商银行,平安银行,北京分行,上海分行"},
		{[]string{"followers"}, 0, "北京分行,工商银行,平安银行,招商银行,上海分行"},
		{[]string{"-followers"}, 0, "招商银行,工商银行,平安银行,北京分行,上海分行"},
		{[]string{"-rate"}, 0, "上海分行,北京分行,招商银行,平安银行,工商银行"},
		{[]string{"+likes"}, 0, "上海分行,平安银行,工商银行,招商银行,北京分行"},
		{[]string{"bank"}, 0, "上海分行,北京分行,工商银行,平安银行,招商银行"},
		{[]string{"-bank"}, 0, "招商银行,平安银行,工商银行,北京分行,上海分行"},
		{[]string{"active", "bank"}, 0, "工商银行,上海分行,平安银行,招商银行,北京分行"},
		{[]string{"-day"}, 0, "平安银行,工商银行,招商银行,北京分行,上海分行"},
		{[]string{"type"}, 0, "北京分行,上海分行,招商银行,工商银行,平安银行"},
		{[]string{"-type", " -likes "}, 0, "招商银行,工商银行,平安银行,上海分行,北京分行"},
		{[]string{"-followers"}, 2, "招商银行,工商银行"},
		{nil, 3, "招商银行,工商银行,北京分行"},
		{[]string{"bank"}, 10, "上海分行,北京分行,工商银行,平安银行,招商银行"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.sort, " "), func(t *testing.T) {
			out, err := Run(accounts(), Spec{Sort: tt.sort, Limit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			if got := banks(out); got != tt.want {
				t.Errorf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestSortMatchesStableSort checks the fast paths (top-k, one key, several
// keys) against a plain stable sort over a table with many ties and nulls.
func TestSortMatchesStableSort(t *testing.T) {
	const n = 2000
	a := dataset.NewColumn("a", dataset.Int, n)
	b := dataset.NewColumn("b", dataset.String, n)
	c := dataset.NewColumn("c", dataset.Float, n)
	for i := range n {
		if i%7 == 0 {
			a.Append(nil)
		} else {
			a.Append(i * 31 % 13)
		}
		if i%11 == 0 {
			b.Append(nil)
		} else {
			b.Append(string(rune('甲' + i*17%5)))
		}
		c.Append(float64(i*7%19) / 4)
	}
	tab := &dataset.Table{Columns: []*dataset.Column{a, b, c}}
	for _, keys := range [][]string{{"a"}, {"-a"}, {"b"}, {"-b", "a"}, {"c", "-a", "b"}, {"-c"}} {
		var sks []sortKey
		var errs Errors
		sks = parseSort("sort", keys, schemaOf(tab), &errs)
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(x, y int) int {
			for _, k := range sks {
				col := tab.Column(k.name)
				xn, yn := col.IsNull(x), col.IsNull(y)
				switch {
				case xn && yn:
					continue
				case xn:
					return 1
				case yn:
					return -1
				}
				var r int
				if col.Type == dataset.String {
					r = strings.Compare(col.Str[x], col.Str[y])
				} else if col.Num[x] < col.Num[y] {
					r = -1
				} else if col.Num[x] > col.Num[y] {
					r = 1
				}
				if k.desc {
					r = -r
				}
				if r != 0 {
					return r
				}
			}
			return 0
		})
		for _, limit := range []int{0, 1, 10, 249, 250, 1999, 3000} {
			got := order(tab, sks, limit)
			w := want
			if limit > 0 && limit < n {
				w = want[:limit]
			}
			if !slices.Equal(got, w) {
				t.Errorf("keys %v limit %d: order differs from a stable sort", keys, limit)
			}
		}
	}
}

func TestRank(t *testing.T) {
	tests := []struct {
		sort []string
		want []int
	}{
		{[]string{"-followers"}, []int{1, 2, 4, 5, 2}},
		{[]string{"followers"}, []int{4, 2, 1, 5, 2}},
		{[]string{"type"}, []int{3, 3, 1, 1, 3}},
		{[]string{"-type", "-followers"}, []int{1, 2, 4, 5, 2}},
		{[]string{"rate"}, []int{2, 5, 3, 4, 1}},
		{[]string{"active"}, []int{2, 1, 5, 2, 2}},
	}
	for _, tt := range tests {
		got, err := Rank(accounts(), tt.sort)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Rank %v = %v, want %v", tt.sort, got, tt.want)
		}
	}
	// Two nulls tie with each other, after every value.
	tab := &dataset.Table{Columns: []*dataset.Column{col("x", dataset.Float, nil, 2.5, nil, 2.5, 1.0)}}
	got, err := Rank(tab, []string{"-x"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{4, 1, 4, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("Rank with nulls = %v, want %v", got, want)
	}
}

func TestRankErrors(t *testing.T) {
	tests := []struct {
		sort []string
		want string
	}{
		{[]string{"-folowers"}, `sort: no column "folowers" (did you mean "followers"?)`},
		{nil, `sort: no key to rank by (give at least one column, with "-" in front for descending)`},
		{[]string{"-"}, `sort: empty key "-" (write a column name, with "-" in front for descending)`},
	}
	for _, tt := range tests {
		_, err := Rank(accounts(), tt.sort)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Rank %v: got %v\nwant %s", tt.sort, err, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		by   string
		want string
	}{
		{"type", "总行: 招商银行,工商银行,平安银行 [2 3 6]\n分行: 北京分行,上海分行 [4 5]"},
		{"active", "true: 招商银行,上海分行,平安银行 [2 5 6]\nfalse: 工商银行 [3]\n: 北京分行 [4]"},
		{"followers", "2150000: 招商银行 [2]\n1800000: 工商银行,平安银行 [3 6]\n50000: 北京分行 [4]\n: 上海分行 [5]"},
	}
	for _, tt := range tests {
		groups, err := Split(accounts(), tt.by)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, g := range groups {
			if len(g.Table.Columns) != 8 {
				t.Errorf("group %q has %d columns", g.Key, len(g.Table.Columns))
			}
			lines = append(lines, fmt.Sprintf("%s: %s %v", g.Key, banks(g.Table), g.Table.Line))
		}
		if got := strings.Join(lines, "\n"); got != tt.want {
			t.Errorf("Split %s:\ngot\n%s\nwant\n%s", tt.by, got, tt.want)
		}
	}
	_, err := Split(accounts(), "typ")
	if want := `series: no column "typ" (did you mean "type"?)`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestAggregate(t *testing.T) {
	tab := accounts()
	empty := col("e", dataset.Float, nil, nil)
	tests := []struct {
		col   *dataset.Column
		fn    string
		want  float64
		valid bool
	}{
		{tab.Column("followers"), "sum", 5800000, true},
		{tab.Column("likes"), "avg", 137.5, true},
		{tab.Column("bank"), "count", 5, true},
		{tab.Column("followers"), "count", 4, true},
		{tab.Column("posts"), "min", 0, true},
		{tab.Column("rate"), "max", 2, true},
		{tab.Column("rate"), "median", 1, true},
		{tab.Column("likes"), "median", 105, true},
		{tab.Column("active"), "sum", 3, true},
		{tab.Column("day"), "max", float64(day("2022-03-05").UnixMilli()), true},
		{tab.Column("day"), "Min", float64(day("2022-02-28").UnixMilli()), true},
		{empty, "sum", 0, false},
		{empty, "avg", 0, false},
		{empty, "median", 0, false},
		{empty, "max", 0, false},
		{empty, "count", 0, true},
	}
	for _, tt := range tests {
		got, ok, err := Aggregate(tt.col, tt.fn)
		if err != nil {
			t.Errorf("%s(%s): %v", tt.fn, tt.col.Name, err)
			continue
		}
		if got != tt.want || ok != tt.valid {
			t.Errorf("%s(%s) = %v, %v; want %v, %v", tt.fn, tt.col.Name, got, ok, tt.want, tt.valid)
		}
	}
}

func TestAggregateErrors(t *testing.T) {
	tab := accounts()
	tests := []struct {
		col  string
		fn   string
		want string
	}{
		{"likes", "total", `aggregate: unknown function "total" (use one of sum, avg, count, min, max, median)`},
		{"bank", "sum", `aggregate: sum needs a number column; "bank" is string (count it, or group by it)`},
		{"day", "avg", `aggregate: avg needs a number column; "day" is date (min and max work on dates)`},
		{"bank", "max", `aggregate: max needs a number or date column; "bank" is string (count it, or group by it)`},
	}
	for _, tt := range tests {
		_, _, err := Aggregate(tab.Column(tt.col), tt.fn)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s(%s): got %v\nwant %s", tt.fn, tt.col, err, tt.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Key != "aggregate" {
			t.Errorf("%s(%s): error %#v is not an *Error under aggregate", tt.fn, tt.col, err)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		keys []string
		want string
	}{
		{"single =", Spec{Where: "type = '总行'"}, []string{"where"},
			`where: cannot compile "type = '总行'": unexpected token Operator("=") (1:6) (compare with == , combine with && and ||)`},
		{"AND", Spec{Where: "likes > 1 AND posts > 1"}, []string{"where"},
			`where: cannot compile "likes > 1 AND posts > 1": unexpected token Identifier("AND") (1:11) (compare with == , combine with && and ||)`},
		{"syntax", Spec{Where: "likes >"}, []string{"where"},
			`where: cannot compile "likes >": unexpected token EOF (1:7)`},
		{"type mismatch", Spec{Where: "bank > 1"}, []string{"where"},
			`where: cannot compile "bank > 1": invalid operation: > (mismatched types string and int) (1:6)`},
		{"not boolean", Spec{Where: "followers + 1"}, []string{"where"},
			`where: "followers + 1" gives int, not a true/false value`},
		{"string not boolean", Spec{Where: "bank"}, []string{"where"},
			`where: "bank" gives string, not a true/false value`},
		{"not boolean at run time", Spec{Where: "active ? true : 'x'"}, []string{"where"},
			`where: "active ? true : 'x'" gives string, not a true/false value`},
		{"unknown column", Spec{Where: "folowers > 1"}, []string{"where"},
			`where: no column "folowers" (did you mean "followers"?)`},
		{"unknown column, no guess", Spec{Where: "zzzzzz > 1"}, []string{"where"},
			`where: no column "zzzzzz"`},
		{"unknown function", Spec{Where: "uper(bank) == 'A'"}, []string{"where"},
			`where: no function "uper" (did you mean "upper"?)`},
		{"computed column in where", Spec{Where: "avg > 1", Compute: map[string]string{"avg": "likes / posts"}}, []string{"where"},
			`where: no column "avg" ("avg" is computed after where is applied)`},
		{"name with a space", Spec{Where: "bank name == 'x'"}, []string{"where"}, ""},
		{"run-time failure", Spec{Where: "int(bank) > 1"}, []string{"where"},
			`where: cannot evaluate "int(bank) > 1" at data/accounts.csv:2: invalid operation: int(招商银行) (1:1)`},
		{"compute syntax", Spec{Compute: map[string]string{"x": "likes +"}}, []string{"compute.x"},
			`compute.x: cannot compile "likes +": unexpected token EOF (1:7)`},
		{"compute empty", Spec{Compute: map[string]string{"x": " "}}, []string{"compute.x"},
			`compute.x: empty expression`},
		{"compute unknown column", Spec{Compute: map[string]string{"x": "lieks * 2"}}, []string{"compute.x"},
			`compute.x: no column "lieks" (did you mean "likes"?)`},
		{"compute run-time failure", Spec{Where: "type == '分行'", Compute: map[string]string{"n": "int(type)"}}, []string{"compute.n"},
			`compute.n: cannot evaluate "int(type)" at data/accounts.csv:4: invalid operation: int(分行) (1:1)`},
		{"type known only from the data", Spec{Compute: map[string]string{"m": "active ? likes : bank", "k": "m * 2"}}, []string{"compute.k"},
			`compute.k: cannot compile "m * 2": invalid operation: * (mismatched types string and int) (1:3)`},
		{"aggregate a column typed by the data", Spec{Compute: map[string]string{"m": "active ? likes : bank"}, Aggregate: map[string]string{"m": "sum"}}, []string{"aggregate.m"},
			`aggregate.m: sum needs a number column; "m" is string (count it, or group by it)`},
		{"cycle", Spec{Compute: map[string]string{"a": "b + 1", "b": "a + 1", "c": "b"}}, []string{"compute.a"},
			`compute.a: circular definition a -> b -> a (a computed column cannot depend on itself)`},
		{"self", Spec{Compute: map[string]string{"x": "x + 1"}}, []string{"compute.x"},
			`compute.x: circular definition x -> x (a computed column cannot depend on itself)`},
		{"cycle and a mistake inside it", Spec{Compute: map[string]string{"p": "q + likes", "q": "p + lieks"}}, []string{"compute.p", "compute.q"},
			"compute.p: circular definition p -> q -> p (a computed column cannot depend on itself)\n" +
				`compute.q: no column "lieks" (did you mean "likes"?)`},
		{"group", Spec{Group: []string{"typ", "type", "type", ""}}, []string{"group", "group", "group"},
			"group: no column \"typ\" (did you mean \"type\"?)\n" +
				"group: \"type\" is listed twice\n" +
				"group: empty column name"},
		{"aggregate", Spec{Group: []string{"type"}, Aggregate: map[string]string{
			"likes": "average", "bank": "sum", "nope": "sum", "type": "count", "day": "median", "followers": "max"}},
			[]string{"aggregate.bank", "aggregate.type", "aggregate.likes", "aggregate.day", "aggregate.nope"},
			"aggregate.bank: sum needs a number column; \"bank\" is string (count it, or group by it)\n" +
				"aggregate.type: \"type\" is a group column (count another column to count the rows of each group)\n" +
				"aggregate.likes: unknown function \"average\" (use one of sum, avg, count, min, max, median)\n" +
				"aggregate.day: median needs a number column; \"day\" is date (min and max work on dates)\n" +
				"aggregate.nope: no column \"nope\" (did you mean \"type\"?)"},
		{"sort", Spec{Sort: []string{"-folowers", "", "bank"}}, []string{"sort", "sort"},
			"sort: no column \"folowers\" (did you mean \"followers\"?)\n" +
				`sort: empty key "" (write a column name, with "-" in front for descending)`},
		{"sort after group", Spec{Group: []string{"type"}, Aggregate: map[string]string{"followers": "sum"}, Sort: []string{"bank"}}, []string{"sort"},
			`sort: no column "bank"`},
		{"limit", Spec{Limit: -1}, []string{"limit"}, `limit: must not be negative, got -1 (use 0 for no limit)`},
		{"series", Spec{Series: "typ"}, []string{"series"}, `series: no column "typ" (did you mean "type"?)`},
		{"series after group", Spec{Group: []string{"type"}, Series: "active"}, []string{"series"}, `series: no column "active"`},
		{"everything at once", Spec{
			Where:     "type = 1",
			Compute:   map[string]string{"x": "likes +"},
			Group:     []string{"typ"},
			Aggregate: map[string]string{"likes": "sums"},
			Sort:      []string{"-x"},
			Limit:     -5,
			Series:    "zz",
		}, []string{"where", "compute.x", "group", "aggregate.likes", "sort", "limit", "series"},
			"where: cannot compile \"type = 1\": unexpected token Operator(\"=\") (1:6) (compare with == , combine with && and ||)\n" +
				"compute.x: cannot compile \"likes +\": unexpected token EOF (1:7)\n" +
				"group: no column \"typ\" (did you mean \"type\"?)\n" +
				"aggregate.likes: unknown function \"sums\" (use one of sum, avg, count, min, max, median)\n" +
				"sort: no column \"x\"\n" +
				"limit: must not be negative, got -5 (use 0 for no limit)\n" +
				"series: no column \"zz\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := accounts()
			if tt.name == "name with a space" {
				tab.Columns[0].Name = "bank name"
				tt.want = `where: cannot compile "bank name == 'x'": unexpected token Identifier("name") (1:6) (write the column as $env["bank name"])`
			}
			out, err := Run(tab, tt.spec)
			if err == nil {
				t.Fatalf("no error; result:\n%s", dump(out))
			}
			if out != nil {
				t.Errorf("a table came back with the error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not Errors", err)
			}
			var keys []string
			for _, e := range errs {
				keys = append(keys, e.Key)
			}
			if !slices.Equal(keys, tt.keys) {
				t.Errorf("keys %q, want %q", keys, tt.keys)
			}
		})
	}
}

func TestRunTimeErrorWithoutLines(t *testing.T) {
	tab := accounts()
	tab.Line = nil
	_, err := Run(tab, Spec{Where: "int(bank) > 1"})
	want := `where: cannot evaluate "int(bank) > 1" at row 1: invalid operation: int(招商银行) (1:1)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestErrorAt(t *testing.T) {
	e := &Error{Key: "sort", Msg: `sort: no column "folowers"`, Hint: `did you mean "followers"?`}
	got := e.At(diag.Pos{File: "content/index.md", Line: 42}).Error()
	want := `content/index.md:42: sort: no column "folowers" (did you mean "followers"?)`
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	var target *Error
	if err := error(Errors{e}); !errors.As(err, &target) || target != e {
		t.Errorf("errors.As does not find the *Error in Errors")
	}
}

// TestInputUnchanged runs every step over a table and checks that the table
// is as it was, including columns appended to spare capacity.
func TestInputUnchanged(t *testing.T) {
	tab := accounts()
	tab.Columns = slices.Grow(tab.Columns, 10)
	before := dump(tab)
	lines := slices.Clone(tab.Line)
	specs := []Spec{
		{Compute: map[string]string{"x": "likes * 2", "followers": "followers / 2"}},
		{Where: "true", Compute: map[string]string{"x": "likes * 2"}, Sort: []string{"-x"}},
		{Where: "posts > 0", Compute: map[string]string{"x": "likes * 2"}, Group: []string{"type"}, Aggregate: map[string]string{"x": "median"}, Sort: []string{"-x"}, Limit: 1},
		{Sort: []string{"bank"}},
	}
	for _, s := range specs {
		out, err := Run(tab, s)
		if err != nil {
			t.Fatal(err)
		}
		if got := dump(tab); got != before {
			t.Fatalf("input changed by %+v:\n%s", s, got)
		}
		if len(tab.Columns) != 8 || !slices.Equal(tab.Line, lines) {
			t.Fatalf("input columns or lines changed by %+v", s)
		}
		if cap(tab.Columns) > 8 && tab.Columns[:9][8] != nil {
			t.Fatalf("spare capacity of the input written by %+v", s)
		}
		if out == tab {
			t.Fatalf("Run returned its input")
		}
	}
}

// TestConcurrentRuns runs specs over one shared table from several
// goroutines; run with -race it checks that Run shares no mutable state.
func TestConcurrentRuns(t *testing.T) {
	tab := accounts()
	want, err := Run(tab, Spec{Where: "likes > 50", Compute: map[string]string{"a": "likes / posts"}, Sort: []string{"-a"}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	for range 4 {
		go func() {
			out, err := Run(tab, Spec{Where: "likes > 50", Compute: map[string]string{"a": "likes / posts"}, Sort: []string{"-a"}})
			if err != nil {
				done <- err.Error()
				return
			}
			done <- dump(out)
		}()
	}
	for range 4 {
		if got := <-done; got != dump(want) {
			t.Errorf("concurrent run gave\n%s", got)
		}
	}
}

func TestAfterGroup(t *testing.T) {
	src := &dataset.Table{Name: "sales", Columns: []*dataset.Column{
		col("region", dataset.String, "N", "N", "S"),
		col("gross", dataset.Int, 2, 4, 3),
		col("revenue", dataset.Int, 10, 10, 30),
	}}
	got, err := Run(src, Spec{
		Group:      []string{"region"},
		Aggregate:  map[string]string{"gross": "sum", "revenue": "sum"},
		AfterGroup: map[string]string{"margin": "gross / revenue", "share": "revenue / total(revenue)"},
		Sort:       []string{"-share"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// N: 6 / 20 = 0.3 of margin, 20 / 50 = 0.4 of revenue; S: 3 / 30 = 0.1, 30 / 50 = 0.6.
	if names := strings.Join(got.Names(), ","); names != "region,gross,revenue,margin,share" {
		t.Errorf("columns %s", names)
	}
	want := [][]string{{"S", "0.1", "0.6"}, {"N", "0.3", "0.4"}}
	for i, w := range want {
		if g := []string{got.Column("region").Text(i), got.Column("margin").Text(i), got.Column("share").Text(i)}; strings.Join(g, " ") != strings.Join(w, " ") {
			t.Errorf("row %d: %v, want %v", i, g, w)
		}
	}
	_, err = Run(src, Spec{Group: []string{"region"}, Aggregate: map[string]string{"revenue": "sum"},
		AfterGroup: map[string]string{"share": "revenue / total(gross)", "bad": "revenue / nope"}})
	if err == nil || !strings.Contains(err.Error(), "after_group.share: total(gross) names no number column") {
		t.Errorf("err = %v", err)
	}
}
