package dataset

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestEncodingGuessIsSafe(t *testing.T) {
	utf8File := "date,bank,note\n2022-03-01,微众银行,互联网银行\n2022-03-01,招商\xe9银行,股份制\n2022-03-02,\"网商,银行\",x\n"
	const hint = `fix the character, or declare the file's encoding in its [datasets.NAME] table, such as encoding = "gb18030"`
	cases := []readCase{
		{name: "UTF-8 with one Latin-1 byte", data: utf8File,
			err: `t.csv:3: row 2, column "bank": byte 0xE9 is not UTF-8, though the rest of the file is (` + hint + `)`},
		{name: "in a quoted field after a quoted comma", file: "q.csv",
			data: "a,b,c\n\"1,5\",\"x\ny\",银行\xff\n",
			err:  `q.csv:3: row 1, column "c": byte 0xFF is not UTF-8, though the rest of the file is (` + hint + `)`},
		{name: "JSON gets the line", file: "t.json",
			data: "[{\"bank\": \"微众银行\"},\n{\"bank\": \"招商\xe9银行\"}]\n",
			err:  `t.json:2: byte 0xE9 is not UTF-8, though the rest of the file is (` + hint + `)`},
		{name: "GBK is still detected", data: gbk(t, "bank\n微众银行\n招商银行\n网商银行\n"),
			want: "bank:string \"微众银行\" \"招商银行\" \"网商银行\"\nlines [2 3 4]"},
		{name: "double byte order mark", data: "\ufeff\ufeffbank,n\n微众银行,1\n",
			want: "bank:string \"微众银行\"\nn:int 1\nlines [2]"},
	}
	runReadCases(t, "t.csv", cases)
	// A short GBK file with few Chinese characters is still GBK.
	tb, err := Read(mapFS("g.csv", gbk(t, "name,n\n银行,1\n")), "g.csv", Decl{})
	if err != nil || !strings.Contains(dump(tb), "银行") {
		t.Errorf("err %v, table %s", err, dump(tb))
	}
}

func mapFS(name, data string) fstest.MapFS { return fstest.MapFS{name: {Data: []byte(data)}} }
