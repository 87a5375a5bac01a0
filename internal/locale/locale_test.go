package locale

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEveryWord checks every table: a word for every key, the same
// placeholders as the English word, a compact scale, and traditional
// tables free of simplified-only characters (simplified tables free of
// traditional-only ones).
func TestEveryWord(t *testing.T) {
	for _, l := range Langs() {
		tab := tables[l]
		if tab == nil || tab.tag == "" || tab.echarts == "" {
			t.Fatalf("table %d is incomplete", l)
		}
		for k := range keyCount {
			w := tab.words[k]
			if strings.TrimSpace(w) == "" {
				t.Errorf("%s: key %d has no word", tab.tag, k)
				continue
			}
			if got, want := placeholders(w), placeholders(en.words[k]); !slices.Equal(got, want) {
				t.Errorf("%s: %q has placeholders %v, en %q has %v", tab.tag, w, got, en.words[k], want)
			}
		}
		if len(tab.units) == 0 || tab.units[len(tab.units)-1].Size != 1e12 {
			t.Errorf("%s: compact scale %v", tab.tag, tab.units)
		}
		for i := 1; i < len(tab.units); i++ {
			if tab.units[i].Size <= tab.units[i-1].Size {
				t.Errorf("%s: units out of order: %v", tab.tag, tab.units)
			}
		}
	}
	for _, p := range scriptPairs {
		if p[0] == p[1] {
			t.Fatalf("%c is the same in both scripts", p[0])
		}
	}
	for _, l := range []Lang{ZhTW, ZhHK} {
		for _, w := range allWords(l) {
			for _, p := range scriptPairs {
				if strings.ContainsRune(w, p[0]) {
					t.Errorf("%s: %q has the simplified %c (traditional %c)", l.Tag(), w, p[0], p[1])
				}
			}
		}
	}
	for _, w := range allWords(ZhCN) {
		for _, p := range scriptPairs {
			if strings.ContainsRune(w, p[1]) {
				t.Errorf("zh-CN: %q has the traditional %c (simplified %c)", w, p[1], p[0])
			}
		}
	}
}

func allWords(l Lang) []string {
	out := slices.Clone(tables[l].words[:])
	for _, u := range tables[l].units {
		out = append(out, u.Word)
	}
	return out
}

var placeholderRe = regexp.MustCompile(`%[sdv]|\{[a-z]+\}`)

func placeholders(s string) []string {
	p := placeholderRe.FindAllString(s, -1)
	slices.Sort(p)
	return p
}

// scriptPairs are characters written differently in simplified and
// traditional Chinese: {simplified, traditional}.
var scriptPairs = [][2]rune{
	{'万', '萬'}, {'亿', '億'}, {'个', '個'}, {'点', '點'}, {'数', '數'}, {'据', '據'}, {'录', '錄'},
	{'页', '頁'}, {'链', '鏈'}, {'导', '導'}, {'载', '載'}, {'发', '發'}, {'现', '現'}, {'还', '還'},
	{'没', '沒'}, {'览', '覽'}, {'阅', '閱'}, {'读', '讀'}, {'无', '無'}, {'为', '為'}, {'较', '較'},
	{'计', '計'}, {'变', '變'}, {'动', '動'}, {'条', '條'}, {'图', '圖'}, {'线', '線'}, {'积', '積'},
	{'环', '環'}, {'气', '氣'}, {'热', '熱'}, {'树', '樹'}, {'达', '達'}, {'组', '組'}, {'项', '項'},
	{'纵', '縱'}, {'层', '層'}, {'参', '參'}, {'标', '標'}, {'时', '時'}, {'间', '間'}, {'开', '開'},
	{'关', '關'}, {'饼', '餅'}, {'务', '務'}, {'输', '輸'}, {'缩', '縮'}, {'围', '圍'}, {'词', '詞'},
	{'这', '這'}, {'们', '們'}, {'办', '辦'}, {'写', '寫'}, {'节', '節'}, {'内', '內'}, {'产', '產'},
	{'于', '於'}, {'历', '歷'}, {'对', '對'}, {'实', '實'}, {'类', '類'}, {'别', '別'}, {'单', '單'},
	{'总', '總'}, {'额', '額'}, {'与', '與'}, {'从', '從'}, {'览', '覽'}, {'暂', '暫'},
	{'连', '連'}, {'结', '結'}, {'获', '獲'}, {'显', '顯'}, {'来', '來'}, {'说', '說'},
	{'题', '題'}, {'览', '覽'}, {'种', '種'}, {'处', '處'}, {'场', '場'}, {'级', '級'}, {'划', '劃'},
	{'递', '遞'}, {'减', '減'}, {'状', '狀'}, {'办', '辦'},
	{'视', '視'}, {'频', '頻'}, {'认', '認'}, {'设', '設'}, {'资', '資'}, {'讯', '訊'}, {'档', '檔'},
}

func TestMatch(t *testing.T) {
	for tag, want := range map[string]Lang{
		"en": En, "EN": En, "en-GB": En, "en-gb": En, "en-AU": En, "en-US": EnUS, "en-us": EnUS, "EN-US": EnUS,
		"zh": ZhCN, "zh-CN": ZhCN, "zh-cn": ZhCN, "zh-SG": ZhCN, "zh-Hans": ZhCN, "zh-Hans-HK": ZhCN, "zh-MY": ZhCN,
		"zh-TW": ZhTW, "zh-tw": ZhTW, "zh-Hant": ZhTW, "zh-hant": ZhTW, "zh-Hant-TW": ZhTW,
		"zh-HK": ZhHK, "zh-hk": ZhHK, "zh-MO": ZhHK, "zh-Hant-HK": ZhHK,
	} {
		if got, ok := Match(tag); !ok || got != want {
			t.Errorf("Match(%q) = %s, %v; want %s", tag, got.Tag(), ok, want.Tag())
		}
	}
	for _, tag := range []string{"", "fr", "de-DE", "english", "zh-", "en--US", "en-US!", "-en", "zh_TW", "en-123456789"} {
		if _, ok := Match(tag); ok {
			t.Errorf("Match(%q) accepted", tag)
		}
	}
	// Every table's own tag matches it.
	for _, l := range Langs() {
		if got, ok := Match(l.Tag()); !ok || got != l {
			t.Errorf("Match(%q) = %s", l.Tag(), got.Tag())
		}
	}
}

func TestNamed(t *testing.T) {
	for _, name := range ThemeNames() {
		if k, ok := Named(name); !ok || k >= keyCount {
			t.Errorf("Named(%q) = %d, %v", name, k, ok)
		}
	}
	if _, ok := Named("nonsense"); ok {
		t.Error("Named accepted an unknown name")
	}
}

func TestDatesAndOrdinals(t *testing.T) {
	d := time.Date(2024, 4, 8, 0, 0, 0, 0, time.UTC)
	for l, want := range map[Lang][3]string{
		En:   {"8 April 2024", "2024-04", "3rd"},
		EnUS: {"April 8, 2024", "2024-04", "3rd"},
		ZhCN: {"2024年4月8日", "2024年4月", "第三"},
		ZhTW: {"2024年4月8日", "2024年4月", "第三"},
		ZhHK: {"2024年4月8日", "2024年4月", "第三"},
	} {
		if got := [3]string{l.Date(d), l.Month(d), l.Ordinal(3)}; got != want {
			t.Errorf("%s: %q, want %q", l.Tag(), got, want)
		}
	}
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := En.Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "第一", 10: "第十", 11: "第十一", 20: "第二十", 23: "第二十三", 99: "第九十九", 100: "第100"} {
		if got := ZhTW.Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestRegionalWords checks the traditional tables against words readers in
// Taiwan or Hong Kong would not expect: mainland vocabulary written in
// traditional characters (the character check above cannot see it, as
// 視頻 and 默認 hold no simplified character), and the one region's word
// where the other writes its own.
func TestRegionalWords(t *testing.T) {
	for _, l := range []Lang{ZhTW, ZhHK} {
		for _, n := range notUsed {
			if !slices.Contains(n.in, l) {
				continue
			}
			for _, w := range allWords(l) {
				if strings.Contains(w, n.word) {
					t.Errorf("%s: %q has %s (write %s)", l.Tag(), w, n.word, n.instead)
				}
			}
		}
	}
	for k, w := range hkWords {
		if w == zhTW.words[k] {
			t.Errorf("zh-HK: %q is zh-TW's word already", w)
		}
	}
}

var (
	both   = []Lang{ZhTW, ZhHK}
	taiwan = []Lang{ZhTW}
	hk     = []Lang{ZhHK}
)

// notUsed lists words the traditional tables must not hold, the word to
// write instead, and the tables it applies to.
var notUsed = []struct {
	word, instead string
	in            []Lang
}{
	{"視頻", "影片", both},
	{"默認", "預設", both},
	{"信息", "資訊, 訊息", both},
	{"鏈接", "連結", both},
	{"搜索", "搜尋", both},
	{"加載", "載入", both},
	{"查找", "尋找", both},
	{"菜單", "選單", both},
	{"設置", "設定", both},
	{"文件", "檔案 (a file)", both},
	{"上年同期", "去年同期", both},
	{"同比", "較去年同期 (Taiwan), 按年 (Hong Kong)", both},
	{"月刊", "月號 (an issue's title)", both},
	{"柱狀圖", "直條圖 (Taiwan), 棒形圖 (Hong Kong)", both},
	{"面積圖", "區域圖", both},
	{"環形圖", "環圈圖", both},
	{"數據", "資料", taiwan},
	{"計劃", "計畫", taiwan},
	{"導航", "導覽", taiwan},
	{"按年", "較去年同期", taiwan},
	{"散點圖", "散佈圖", taiwan},
	{"升序", "遞增", taiwan},
	{"降序", "遞減", taiwan},
	{"計畫", "計劃", hk},
}
