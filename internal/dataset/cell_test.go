package dataset

import (
	"testing"
	"time"
)

func ms(y int, m time.Month, d, h, min, s int) float64 {
	return float64(time.Date(y, m, d, h, min, s, 0, time.UTC).UnixMilli())
}

func TestKind(t *testing.T) {
	tests := []struct {
		in   string
		typ  Type
		want float64
	}{
		{"0", Int, 0},
		{"-12", Int, -12},
		{"+7", Int, 7},
		{"1,234", Int, 1234},
		{"1,234,567", Int, 1234567},
		{"-1,000", Int, -1000},
		{"9007199254740992", Int, 9007199254740992},
		{"12.5", Float, 12.5},
		{"1,234.5", Float, 1234.5},
		{"12.5%", Float, 0.125},
		{"12.34%", Float, 0.1234},
		{"-3%", Float, -0.03},
		{"50 %", Float, 0.5},
		{"1,000%", Float, 10},
		{"1e5", Float, 100000},
		{"1E-3", Float, 0.001},
		{"2.5e+2%", Float, 2.5},
		{".5", Float, 0.5},
		{"5.", Float, 5},
		{"0.5", Float, 0.5},
		{"1.0", Float, 1},
		// Codes, identifiers and words stay strings.
		{"007", String, 0},
		{"00.5", String, 0},
		{"-01", String, 0},
		{"9007199254740993", String, 0},
		{"6222021234567890123", String, 0},
		{"12,34", String, 0},
		{"1,2345", String, 0},
		{"1234,567", String, 0},
		{",123", String, 0},
		{"1,,234", String, 0},
		{"1,234,", String, 0},
		{"inf", String, 0},
		{"NaN", String, 0},
		{"Infinity", String, 0},
		{"0x10", String, 0},
		{"1_000", String, 0},
		{"1e", String, 0},
		{"1e+", String, 0},
		{"1e400", String, 0},
		{"+", String, 0},
		{"-", String, 0},
		{"%", String, 0},
		{".", String, 0},
		{"12万", String, 0},
		{"¥12", Int, 12}, {"(1,200)", Int, -1200}, {"$1.234", String, 0},
		{"yes", String, 0},
		{"招商银行", String, 0},
		// Dates.
		{"2022-03-01", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022/3/1", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022/03/31", Date, ms(2022, 3, 31, 0, 0, 0)},
		{"2022.3.1", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022-03", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022/3", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022年3月1日", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022年3月1号", Date, ms(2022, 3, 1, 0, 0, 0)},
		{"2022年12月", Date, ms(2022, 12, 1, 0, 0, 0)},
		{"2024-02-29", Date, ms(2024, 2, 29, 0, 0, 0)},
		{"2022-03-01T08:30:00Z", Date, ms(2022, 3, 1, 8, 30, 0)},
		{"2022-03-01T08:30:00+08:00", Date, ms(2022, 3, 1, 0, 30, 0)},
		{"2022-03-01T08:30:00-0130", Date, ms(2022, 3, 1, 10, 0, 0)},
		{"2022-03-01T08:30:00.250Z", Date, ms(2022, 3, 1, 8, 30, 0) + 250},
		{"2022-03-01 9:05", Date, ms(2022, 3, 1, 9, 5, 0)},
		{"2022/3/1 23:59:59", Date, ms(2022, 3, 1, 23, 59, 59)},
		{"2022-02-29", String, 0},
		{"2022-02-30", String, 0},
		{"2022-13", String, 0},
		{"2022-00-10", String, 0},
		{"2022-3-", String, 0},
		{"2022-03/01", String, 0},
		{"2022.3", Float, 2022.3},
		{"2022年3", String, 0},
		{"2022-03-01T", String, 0},
		{"2022-03-01T25:00", String, 0},
		{"2022-03-01T10:00+8", String, 0},
		{"22-03-01", String, 0},
		// Booleans.
		{"true", Bool, 1},
		{"FALSE", Bool, 0},
		{"True", Bool, 1},
		{"t", String, 0},
	}
	for _, tt := range tests {
		typ, v, _ := kind(tt.in)
		if typ != tt.typ || (typ != String && v != tt.want) {
			t.Errorf("kind(%q) = %v %v, want %v %v", tt.in, typ, v, tt.typ, tt.want)
		}
	}
}

// TestParseDateCalendar checks every day from 1899 to 2101 against the time
// package, in two spellings.
func TestParseDateCalendar(t *testing.T) {
	for d := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2102; d = d.AddDate(0, 0, 1) {
		for _, layout := range []string{"2006-01-02", "2006/1/2"} {
			got, ok := parseDate(d.Format(layout))
			if !ok || got != d.UnixMilli() {
				t.Fatalf("parseDate(%q) = %d, %v; want %d", d.Format(layout), got, ok, d.UnixMilli())
			}
		}
	}
}

func TestJoin(t *testing.T) {
	tests := []struct{ a, b, want Type }{
		{Int, Int, Int},
		{Int, Float, Float},
		{Float, Int, Float},
		{Int, Date, String},
		{Date, Date, Date},
		{Bool, Int, String},
		{Bool, Bool, Bool},
	}
	for _, tt := range tests {
		if got := join(tt.a, tt.b); got != tt.want {
			t.Errorf("join(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestConvert(t *testing.T) {
	tests := []struct {
		in        string
		typ       Type
		want      float64
		msg, hint string
	}{
		{"120000", Int, 120000, "", ""},
		{"1,234", Int, 1234, "", ""},
		{"007", Int, 7, "", ""},
		{"-5", Int, -5, "", ""},
		{"12万", Int, 0, `"12万" is not an int`, "write a plain number such as 120000"},
		{"1.5亿", Int, 0, `"1.5亿" is not an int`, "write a plain number such as 150000000"},
		{"2,000 万", Int, 0, `"2,000 万" is not an int`, "write a plain number such as 20000000"},
		{"abc", Int, 0, `"abc" is not an int`, "write a plain number such as 120000"},
		{"n/a", Int, 0, `"n/a" is not an int`, missingHint},
		{"N/A", Float, 0, `"N/A" is not a float`, missingHint},
		{"#N/A", Float, 0, `"#N/A" is not a float`, missingHint},
		{"-", Int, 0, `"-" is not an int`, missingHint},
		{"暂无", Date, 0, `"暂无" is not a date`, missingHint},
		{"null", Bool, 0, `"null" is not a bool`, missingHint},
		{"12.5", Int, 0, `"12.5" is not an int`, `write a whole number, or declare the column as "float"`},
		{"12%", Int, 0, `"12%" is not an int`, `declare the column as "float" to read percentages`},
		{"12345678901234567890", Int, 0, `"12345678901234567890" is too large for an int`, `declare the column as "string" if it is a code or an account number`},
		{"12.5%", Float, 0.125, "", ""},
		{"12345678901234567890", Float, 12345678901234567890, "", ""},
		{"3", Float, 3, "", ""},
		{"n/a", Float, 0, `"n/a" is not a float`, missingHint},
		{"3.5万", Float, 0, `"3.5万" is not a float`, "write a plain number such as 35000 or a percentage such as 12.5%"},
		{"2022-03-31", Date, ms(2022, 3, 31, 0, 0, 0), "", ""},
		{"2022-02-30", Date, 0, `"2022-02-30" is not a date`, "write a date such as 2022-03-31"},
		{"20220331", Date, 0, `"20220331" is not a date`, "write a date such as 2022-03-31"},
		{"TRUE", Bool, 1, "", ""},
		{"false", Bool, 0, "", ""},
		{"是", Bool, 0, `"是" is not a bool`, "write true or false"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", Int, 0,
			`"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"… is not an int`, "write a plain number such as 120000"},
	}
	for _, tt := range tests {
		v, _, msg, hint := convert(tt.in, tt.typ)
		if v != tt.want || msg != tt.msg || hint != tt.hint {
			t.Errorf("convert(%q, %v) = %v, %q, %q; want %v, %q, %q", tt.in, tt.typ, v, msg, hint, tt.want, tt.msg, tt.hint)
		}
	}
}

func TestTrim(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{" abc\t", "abc"},
		{"\u3000招商银行\u3000", "招商银行"},
		{"招商银行\u00a0", "招商银行"},
		{"\u2003x", "x"},
		{"银行", "银行"},
		{"、", "、"}, // U+3001 shares the lead byte of U+3000
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := trim(tt.in); got != tt.want {
			t.Errorf("trim(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
