package dataset

import "testing"

func TestReadJSON(t *testing.T) {
	cases := []readCase{
		{name: "array of objects",
			data: `[
  {"bank": "微众银行", "followers": 2150000, "rate": 0.125, "month": "2022-03", "ok": true},
  {"bank": "招商银行", "followers": 1980000, "rate": 1, "ok": false, "note": "new key"},
  {"followers": null, "bank": " 网商银行 ", "month": "2022-04-01", "rate": "12.5%"}
]`,
			want: `bank:string "微众银行" "招商银行" "网商银行"
followers:int 2150000 1980000 ∅
rate:float 0.125 1 0.125
month:date 2022-03-01 ∅ 2022-04-01
ok:bool true false ∅
note:string ∅ "new key" ∅
lines [2 3 4]`},
		{name: "one line", data: `[{"a":1},{"a":2}]`, want: "a:int 1 2\nlines [1 1]"},
		{name: "BOM", data: "\ufeff[{\"a\":1}]", want: "a:int 1\nlines [1]"},
		{name: "GB18030", data: gb18030(t, `[{"银行":"招商"}]`), want: "银行:string \"招商\"\nlines [1]"},
		{name: "1.0 is a float", data: `[{"a":1.0},{"a":2}]`, want: "a:float 1 2\nlines [1 1]"},
		{name: "strings read like CSV cells", data: `[{"a":"1,234"},{"a":"5"}]`, want: "a:int 1234 5\nlines [1 1]"},
		{name: "large integers are identifiers", data: `[{"id":6222021234567890123}]`, want: "id:string \"6222021234567890123\"\nlines [1]"},
		{name: "empty array", data: `[]`, want: "lines []"},
		{name: "empty object", data: `[{}, {"a": 1}]`, want: "a:int 1\nlines [1]"},
		{name: "an object of nulls names columns, adds no row", data: `[{"a": null, "b": null}]`, want: "a:string\nb:string\nlines []"},
		{name: "declared", data: `[{"a":"2022-03-01","b":"12万"}]`,
			decl: Decl{Columns: map[string]string{"a": "string", "b": "int"}},
			err:  `content/data/t.json:1: row 1, column "b": "12万" is not an int (write a plain number such as 120000)`},
		{name: "not an array", data: `{"rows": [{"a": 1}]}`,
			err: `content/data/t.json:1: a JSON dataset must be an array of objects (write the rows as [{"bank": "招商银行", "followers": 1234}, ...])`},
		{name: "not objects", data: "[\n{\"a\": 1},\n2,\n[3],\n{\"a\": 4}\n]",
			err: "content/data/t.json:3: row 2 is not an object (each element of the array must be an object: {\"column\": value, ...})\n" +
				"content/data/t.json:4: row 3 is not an object (each element of the array must be an object: {\"column\": value, ...})"},
		{name: "nested values", data: "[\n{\"a\": 1,\n \"b\": {\"c\": [1, 2]}},\n{\"a\": [1]}\n]",
			err: "content/data/t.json:3: row 1, column \"b\": nested arrays and objects are not supported (give each value its own column)\n" +
				"content/data/t.json:4: row 2, column \"a\": nested arrays and objects are not supported (give each value its own column)"},
		{name: "duplicate and empty keys", data: "[\n{\"a\": 1, \"a\": 2, \"\": 3}\n]",
			err: "content/data/t.json:2: row 1 has the key \"a\" twice (remove one of them)\n" +
				"content/data/t.json:2: row 1 has an empty key (every value needs a column name)"},
		{name: "syntax error", data: "[\n{\"a\": 1},\n{\"a\": 2,}\n]",
			err: "content/data/t.json:3: invalid JSON: invalid character '}' looking for beginning of object key string"},
		{name: "truncated", data: "[\n{\"a\": 1},\n",
			err: "content/data/t.json:3: invalid JSON: unexpected end of the file"},
		{name: "text after the array", data: "[{\"a\": 1}]\n[]",
			err: "content/data/t.json:2: unexpected text after the end of the array (a dataset file holds one array of objects)"},
		{name: "empty file", data: " \n",
			err: `content/data/t.json: the file is empty (write the rows as [{"bank": "招商银行", "followers": 1234}, ...])`},
		{name: "declared column missing", data: `[{"bank": "x"}]`, decl: Decl{Columns: map[string]string{"bnak": "string"}},
			err: `content/data/t.json: declared column "bnak" is not in the file (did you mean "bank"?)`},
	}
	runReadCases(t, "content/data/t.json", cases)
}
