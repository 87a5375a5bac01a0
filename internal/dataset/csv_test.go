package dataset

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestParserMatchesEncodingCSV(t *testing.T) {
	inputs := []string{
		"",
		"a",
		"a,b\n1,2\n",
		"a,b\r\n1,2\r\n",
		"a,b\n1,2",
		"a,b\r\n1,2\r",
		"\n\na,b\n\n\n1,2\n\n",
		"\r\n\r\na\r\n",
		"a,\n,\n,,\n",
		`"a","b"` + "\n",
		`"a,b","c""d"` + "\n",
		"\"multi\nline\",x\ny,z\n",
		"\"multi\r\nline\r\n\",x\r\ny,z\r\n",
		"\"a\rb\",c\n",
		"a\rb,c\n",
		"a,b\r\r\n",
		"\r\r\n",
		`"",""` + "\n",
		`""""` + "\n",
		`"a"` + "\r",
		`"a",` + "\n",
		`"a",`,
		"\"a\"\n\"b\"",
		"a b , c \n",
		" \"a\"\n",
		"中文,银行\n招商,\"微众,银行\"\n",
		"x\n\"\"\"\n",
		// Errors.
		`a"b` + "\n",
		`"a"b` + "\n",
		`"a` + "\n",
		`"a""` + "\n",
		"\"a\"\rb\n",
		"a,\"b\nc\n",
		"ok\n\"unterminated\nline\n",
	}
	for _, s := range inputs {
		compareWithEncodingCSV(t, s)
	}
}

func TestParserErrors(t *testing.T) {
	tests := []struct {
		in   string
		line int
		msg  string
		next []string // the record after the bad one
	}{
		{"a\"b,c\nd,e\n", 1, "a quote appears inside a field that does not start with one", []string{"d", "e"}},
		{"\"a\"b,c\nd,e\n", 1, "text follows the closing quote of a quoted field", []string{"d", "e"}},
		{"x,\"a\nb\"c\nd,e\n", 2, "text follows the closing quote of a quoted field", []string{"d", "e"}},
		{"x,y\n\"abc\nd,e\n", 2, "a quoted field is never closed", nil},
	}
	for _, tt := range tests {
		p := &csvParser{s: tt.in, line: 1}
		var cerr *csvError
		var after []string
		for {
			f, _, e, ok := p.next(nil)
			if !ok {
				break
			}
			if cerr != nil && after == nil {
				after = f
			}
			if e != nil {
				cerr = e
			}
		}
		if cerr == nil || cerr.line != tt.line || cerr.msg != tt.msg {
			t.Errorf("%q: error %+v, want line %d %q", tt.in, cerr, tt.line, tt.msg)
			continue
		}
		if fmt.Sprint(after) != fmt.Sprint(tt.next) {
			t.Errorf("%q: next record %q, want %q", tt.in, after, tt.next)
		}
	}
}

func gb18030(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadCSV(t *testing.T) {
	const accounts = "date,bank,type,followers,likes,rate,verified\n" +
		"2022-03-01,微众银行,互联网银行,\"2,150,000\",12000,12.5%,true\n" +
		"2022-03-01,招商银行,股份制银行,1980000,,3%,FALSE\n" +
		"2022/3/2,\"网商银行\",互联网银行,2010000,8000.5,0.5,true\n"
	const accountsWant = `date:date 2022-03-01 2022-03-01 2022-03-02
bank:string "微众银行" "招商银行" "网商银行"
type:string "互联网银行" "股份制银行" "互联网银行"
followers:int 2150000 1980000 2010000
likes:float 12000 ∅ 8000.5
rate:float 0.125 0.03 0.5
verified:bool true false true
lines [2 3 4]`
	// "专业" in GBK is D7 A8 D2 B5, which is also valid UTF-8 ("רҵ"): only
	// a declared encoding reads such a file right.
	ambiguous := gbk(t, "name\n专业\n")
	if !utf8.ValidString(ambiguous) {
		t.Fatal("test data: GBK text should be valid UTF-8 too")
	}
	cases := []readCase{
		{name: "inference", data: accounts, want: accountsWant},
		{name: "BOM and CRLF", data: "\ufeff" + strings.ReplaceAll(accounts, "\n", "\r\n"), want: accountsWant},
		{name: "GB18030 detected", data: gb18030(t, accounts), want: accountsWant},
		{name: "GBK detected", data: gbk(t, strings.ReplaceAll(accounts, "\n", "\r\n")), want: accountsWant},
		{name: "GB18030 declared", data: gb18030(t, accounts), decl: Decl{Encoding: "gb18030"}, want: accountsWant},
		{name: "GB18030 four-byte characters", data: gb18030(t, "name\n𠀀银行\n€\n"),
			want: "name:string \"𠀀银行\" \"€\"\nlines [2 3]"},
		{name: "GBK declared on text that is also UTF-8", data: ambiguous, decl: Decl{Encoding: "gbk"},
			want: "name:string \"专业\"\nlines [2]"},
		{name: "GBK text taken as UTF-8 without a declaration", data: ambiguous,
			want: "name:string \"רҵ\"\nlines [2]"},
		{name: "UTF-8 declared", data: accounts, decl: Decl{Encoding: "UTF-8"}, want: accountsWant},
		{name: "quoted commas quotes and newlines",
			data: "id,note,n\r\n1,\"a, b\",1\r\n2,\"say \"\"hi\"\"\",2\r\n3,\"two\r\nlines\",3\r\n4,plain,4\r\n",
			want: "id:int 1 2 3 4\nnote:string \"a, b\" \"say \\\"hi\\\"\" \"two\\nlines\" \"plain\"\nn:int 1 2 3 4\nlines [2 3 4 6]"},
		{name: "an empty record must still have the right width",
			data: "a,b\n\n1,x\n,\n  ,\t\n2,y\n,,\n",
			err:  "content/data/t.csv:7: row 5 has 3 fields, but the header has 2 (a value that holds a comma must be in quotes, such as \"1,234\")"},
		{name: "empty records",
			data: "a,b\n\n1,x\n,\n  ,\t\n2,y\n",
			want: "a:int 1 2\nb:string \"x\" \"y\"\nlines [3 6]"},
		{name: "trimming and nulls",
			data: "a,b,c\n 1 , x ,\n2,\u3000y\u3000,  \n",
			want: "a:int 1 2\nb:string \"x\" \"y\"\nc:string ∅ ∅\nlines [2 3]"},
		{name: "header only", data: "a,b\r\n",
			want: "a:string\nb:string\nlines []"},
		{name: "trailing unnamed empty columns are dropped", data: "a,b,,\n1,2,,\n3,4,,\n",
			want: "a:int 1 3\nb:int 2 4\nlines [2 3]"},
		{name: "header names are trimmed", data: " a ,\"b \"\n1,2\n",
			want: "a:int 1\nb:int 2\nlines [2]"},
		{name: "promotion int to float", data: "x\n1\n2\n2.5\n3\n",
			want: "x:float 1 2 2.5 3\nlines [2 3 4 5]"},
		{name: "promotion to string keeps every value", data: "x\n1\n2\nn/a\n3\n",
			want: "x:string \"1\" \"2\" \"n/a\" \"3\"\nlines [2 3 4 5]"},
		{name: "percent makes a float column", data: "x\n1\n50%\n",
			want: "x:float 1 0.5\nlines [2 3]"},
		{name: "codes with leading zeros stay strings", data: "code,n\n001,1\n002,2\n",
			want: "code:string \"001\" \"002\"\nn:int 1 2\nlines [2 3]"},
		{name: "dates and numbers do not mix", data: "x\n2022-03\n2022\n",
			want: "x:string \"2022-03\" \"2022\"\nlines [2 3]"},
		{name: "declared types", data: "code,followers,rate,month,ok,note\n001,\"1,234\",12%,2022-03,TRUE,1\n002,5,7,2022/4/1,false,\n",
			decl: Decl{Key: []string{"code"}, Columns: map[string]string{"code": "string", "followers": "int", "rate": "float", "month": "date", "ok": "bool", "note": "string"}},
			want: "code:string \"001\" \"002\"\nfollowers:int 1234 5\nrate:float 0.12 7\nmonth:date 2022-03-01 2022-04-01\nok:bool true false\nnote:string \"1\" ∅\nlines [2 3]"},
		{name: "declared int with bad cells",
			file: "content/data/accounts.csv",
			data: "bank,followers\n" + strings.Repeat("某银行,1\n", 5) + "某银行,12万\n某银行,abc\n",
			decl: Decl{Columns: map[string]string{"followers": "int"}},
			err: "content/data/accounts.csv:7: row 6, column \"followers\": \"12万\" is not an int (write a plain number such as 120000)\n" +
				"content/data/accounts.csv:8: row 7, column \"followers\": \"abc\" is not an int (write a plain number such as 120000)"},
		{name: "every bad cell of every column, in line order",
			data: "d,b,f\n2022-02-30,yes,x\n2022-03-01,true,1\n2022-13-01,1,2\n",
			decl: Decl{Columns: map[string]string{"d": "date", "b": "bool", "f": "float"}},
			err: "content/data/t.csv:2: row 1, column \"d\": \"2022-02-30\" is not a date (write a date such as 2022-03-31)\n" +
				"content/data/t.csv:2: row 1, column \"b\": \"yes\" is not a bool (write true or false)\n" +
				"content/data/t.csv:2: row 1, column \"f\": \"x\" is not a float (write a plain number such as 1234.5 or a percentage such as 12.5%)\n" +
				"content/data/t.csv:4: row 3, column \"d\": \"2022-13-01\" is not a date (write a date such as 2022-03-31)\n" +
				"content/data/t.csv:4: row 3, column \"b\": \"1\" is not a bool (write true or false)"},
		{name: "row with too few and too many fields",
			data: "a,b,c\n1,2,3\n1,2\n\"x\ny\",1,2,3\n4,5,6\n",
			err: "content/data/t.csv:3: row 2 has 2 fields, but the header has 3 (add the missing values, or leave them empty between commas)\n" +
				"content/data/t.csv:4: row 3 has 4 fields, but the header has 3 (a value that holds a comma must be in quotes, such as \"1,234\")"},
		{name: "quote errors",
			data: "a,b\n1,他说\"你好\"\n\"x\"y,2\n3,4\n5,\"open\n",
			err: "content/data/t.csv:2: row 1: a quote appears inside a field that does not start with one (put the whole field in quotes and write the quote as two quotes: \"say \"\"hi\"\"\")\n" +
				"content/data/t.csv:3: row 2: text follows the closing quote of a quoted field (inside a quoted field write a quote as two quotes: \"say \"\"hi\"\"\")\n" +
				"content/data/t.csv:5: row 4: a quoted field is never closed (add the closing quote, and write a quote inside the field as two quotes: \"say \"\"hi\"\"\")"},
		{name: "quote error in the header",
			data: "a,\"b\n1,2\n",
			err:  "content/data/t.csv:1: header row: a quoted field is never closed (add the closing quote, and write a quote inside the field as two quotes: \"say \"\"hi\"\"\")"},
		{name: "unnamed column with values",
			data: "a,,c\n1,2,3\n",
			err:  "content/data/t.csv:1: column 2 has values but no name in the header row (name it in the header row, or delete the column)"},
		{name: "duplicate column",
			data: "bank,n,bank\nx,1,y\n",
			err:  "content/data/t.csv:1: column \"bank\" appears twice in the header row (column 1 and column 3) (rename one of them)"},
		{name: "declared column not in the file",
			data: "bank,followers\nx,1\n",
			decl: Decl{Key: []string{"acount"}, Columns: map[string]string{"folowers": "int", "zzz": "int"}},
			err: "content/data/t.csv:1: declared column \"folowers\" is not in the file (did you mean \"followers\"?)\n" +
				"content/data/t.csv:1: declared column \"zzz\" is not in the file (the file's columns are \"bank\", \"followers\")\n" +
				"content/data/t.csv:1: key column \"acount\" is not in the file (the file's columns are \"bank\", \"followers\")"},
		{name: "empty file", data: "",
			err: "content/data/t.csv: the file is empty (a CSV dataset starts with a header row of column names)"},
		{name: "blank file", data: "\r\n\n",
			err: "content/data/t.csv: the file is empty (a CSV dataset starts with a header row of column names)"},
		{name: "BOM on bytes that are not UTF-8", data: "\ufeffbank,n\nok,1\n\x94,2\n",
			err: "content/data/t.csv:3: the file starts with a UTF-8 byte order mark but holds bytes that are not UTF-8 (save it again as \"CSV UTF-8\")"},
		{name: "UTF-16", data: "\xff\xfea\x00,\x00b\x00",
			err: "content/data/t.csv: the file is UTF-16 text (save it as \"CSV UTF-8\" or as plain CSV)"},
		{name: "UTF-8 declared on GBK bytes", data: "a\nok\n" + gbk(t, "银行") + "\n", decl: Decl{Encoding: "utf-8"},
			err: "content/data/t.csv:3: the file is not valid UTF-8, but its encoding is declared as \"utf-8\" (set encoding = \"gb18030\", or remove encoding to detect it)"},
	}
	runReadCases(t, "content/data/t.csv", cases)
}

func TestReadCSVErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("n\n")
	for i := range 30 {
		fmt.Fprintf(&b, "x%d\n", i)
	}
	fsys := fstest.MapFS{"big.csv": {Data: []byte(b.String())}}
	_, err := Read(fsys, "big.csv", Decl{Columns: map[string]string{"n": "int"}})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 21 {
		t.Fatalf("%d lines, want 21:\n%s", len(lines), err)
	}
	if lines[0] != `big.csv:2: row 1, column "n": "x0" is not an int (write a plain number such as 120000)` {
		t.Errorf("first: %s", lines[0])
	}
	if lines[19] != `big.csv:21: row 20, column "n": "x19" is not an int (write a plain number such as 120000)` {
		t.Errorf("last shown: %s", lines[19])
	}
	if lines[20] != "big.csv:22: and 10 more errors in this file" {
		t.Errorf("summary: %s", lines[20])
	}
}
