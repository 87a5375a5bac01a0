package build

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestDemoProseMatchesTheData builds the demo report and checks figures its
// March commentary quotes through bound values against figures worked out
// here from the CSV files, with arithmetic and formatting of this test's
// own (not the build's number formats or comparison).
func TestDemoProseMatchesTheData(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	res, err := Run(Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	page, ok := res.Tree.Get("editions/2022-03/index.html")
	if !ok {
		t.Fatal("editions/2022-03/index.html was not written")
	}
	cur := readAccounts(t, filepath.Join(root, "content/editions/2022-03/accounts.csv"))
	prev := readAccounts(t, filepath.Join(root, "content/editions/2022-02/accounts.csv"))

	change := func(name string) string {
		c, p := cur.num(name, "followers"), prev.num(name, "followers")
		return fmt.Sprintf("%.1f%%", math.Abs(c-p)/p*100)
	}
	word := func(name string) string {
		if cur.num(name, "followers") >= prev.num(name, "followers") {
			return "增长"
		}
		return "下降"
	}
	manyLikes := 0
	for _, r := range cur.rows {
		if v, _ := strconv.ParseFloat(r["likes"], 64); v > 1e6 {
			manyLikes++
		}
	}
	want := []string{
		fmt.Sprintf("我们的样本是其中粉丝量在 5 万以上的 %d 个账号", len(cur.rows)),
		fmt.Sprintf("前三名没有变化：微众银行约%s，招商银行约%s，网商银行约%s。",
			wan(cur.num("微众银行", "followers")), wan(cur.num("招商银行", "followers")), wan(cur.num("网商银行", "followers"))),
		fmt.Sprintf("第%s名平安银行约%s", chineseOrdinal(cur.rank("平安银行")), wan(cur.num("平安银行", "followers"))),
		fmt.Sprintf("百信银行延续上月的势头，环比%s%s，超过农业银行升至第%s；北京银行%s%s，以约%s粉丝升至第%s，",
			word("百信银行"), change("百信银行"), chineseOrdinal(cur.rank("百信银行")),
			word("北京银行"), change("北京银行"), wan(cur.num("北京银行", "followers")), chineseOrdinal(cur.rank("北京银行"))),
		fmt.Sprintf("累计获赞超过 100 万的账号本月增至 %d 个", manyLikes),
		fmt.Sprintf("网商银行平均每条约%s", wan(cur.num("网商银行", "likes")/cur.num("网商银行", "posts"))),
		fmt.Sprintf("共 %d 条", int(cur.num("微众银行", "posts"))),
	}
	for _, w := range want {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("the March edition does not say %q", w)
		}
	}
}

type accounts struct {
	rows []map[string]string
}

func readAccounts(t *testing.T, file string) accounts {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var a accounts
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		a.rows = append(a.rows, row)
	}
	return a
}

func (a accounts) num(account, col string) float64 {
	for _, r := range a.rows {
		if r["account"] == account {
			v, err := strconv.ParseFloat(r[col], 64)
			if err != nil {
				panic(err)
			}
			return v
		}
	}
	panic("no account " + account)
}

// rank is the place of an account by followers, most first.
func (a accounts) rank(account string) int {
	names := make([]string, len(a.rows))
	for i, r := range a.rows {
		names[i] = r["account"]
	}
	sort.SliceStable(names, func(i, j int) bool { return a.num(names[i], "followers") > a.num(names[j], "followers") })
	for i, n := range names {
		if n == account {
			return i + 1
		}
	}
	return 0
}

// wan writes a number of ten thousands with three significant digits: 313万.
func wan(v float64) string {
	return strconv.FormatFloat(v/1e4, 'g', 3, 64) + "万"
}

func chineseOrdinal(n int) string {
	return strings.Split("一 二 三 四 五 六 七 八 九 十 十一 十二", " ")[n-1]
}
