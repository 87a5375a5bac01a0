package dataset

import "testing"

func TestReadTOML(t *testing.T) {
	cases := []readCase{
		{name: "array of tables",
			data: `# accounts
[[rows]]
bank = "微众银行"
followers = 2150000
rate = 0.125
month = 2022-03-01
ok = true

[[rows]]
bank = "招商银行"
followers = 1980000
rate = 1.0
note = """
[[rows]]
is not a header here"""

[[ rows ]]
followers = 2010000
bank = "网商银行"
rate = "12.5%"
month = "2022-04"
`,
			want: `bank:string "微众银行" "招商银行" "网商银行"
followers:int 2150000 1980000 2010000
rate:float 0.125 1 0.125
month:date 2022-03-01 ∅ 2022-04-01
ok:bool true ∅ ∅
note:string ∅ "[[rows]]\nis not a header here" ∅
lines [2 9 17]`},
		{name: "any key name, quoted", data: "[[\"数据\"]]\na = 1\n[['数据']]\na = 2\n", want: "a:int 1 2\nlines [1 3]"},
		{name: "inline array of tables", data: "rows = [\n  {b = 1, a = 2},\n  {a = 3},\n]\n",
			want: "b:int 1 ∅\na:int 2 3\nlines [2 3]"},
		{name: "date-times", data: "[[r]]\nt = 2022-03-01T08:30:00+08:00\nl = 2022-03-01T08:30:00\n",
			want: "t:date 2022-03-01T00:30:00\nl:date 2022-03-01T08:30:00\nlines [1]"},
		{name: "a table of empty strings names columns, adds no row", data: "[[r]]\nname = \"\"\ntarget = \"\"\n",
			want: "name:string\ntarget:string\nlines []"},
		{name: "large integers are identifiers", data: "[[r]]\nid = 6222021234567890123\n",
			want: "id:string \"6222021234567890123\"\nlines [1]"},
		{name: "GB18030", data: gb18030(t, "[[r]]\n\"银行\" = \"招商\"\n"), want: "银行:string \"招商\"\nlines [1]"},
		{name: "declared", data: "[[r]]\na = 1.5\n", decl: Decl{Columns: map[string]string{"a": "int"}},
			err: `content/data/t.toml:1: row 1, column "a": "1.5" is not an int (write a whole number, or declare the column as "float")`},
		{name: "bad values", data: "[[r]]\na = [1, 2]\n[[r]]\nb = nan\nc = 07:32:00\nd = {x = 1}\n",
			err: "content/data/t.toml:1: row 1, column \"a\": nested arrays and tables are not supported (give each value its own column)\n" +
				"content/data/t.toml:3: row 2, column \"b\": NaN is not a number a dataset can hold (leave the key out for a missing value)\n" +
				"content/data/t.toml:3: row 2, column \"c\": 07:32:00 is a time without a date (write a date such as 2022-03-31 or 2022-03-31T15:04:05)\n" +
				"content/data/t.toml:3: row 2, column \"d\": nested arrays and tables are not supported (give each value its own column)"},
		{name: "two keys", data: "title = \"x\"\n[[rows]]\na = 1\n",
			err: `content/data/t.toml: a TOML dataset holds one array of tables, but the file has 2 top-level keys: "rows", "title" (write each row as a [[rows]] table)`},
		{name: "no tables", data: "# nothing\n",
			err: "content/data/t.toml: a TOML dataset holds one array of tables, but the file has none (write each row as a [[rows]] table)"},
		{name: "array of numbers", data: "rows = [1, 2]\n",
			err: `content/data/t.toml: "rows" is not an array of tables (write each row as a [[rows]] table)`},
		{name: "not an array of tables", data: "[rows]\na = 1\n",
			err: `content/data/t.toml: "rows" is not an array of tables (write each row as a [[rows]] table)`},
		{name: "syntax error", data: "[[rows]]\na = 1\nb = \n",
			err: "content/data/t.toml:3:5: invalid TOML: expected value but found the end of the line instead"},
	}
	runReadCases(t, "content/data/t.toml", cases)
}
