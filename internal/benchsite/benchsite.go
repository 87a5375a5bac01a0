// Package benchsite writes synthetic sites and datasets for measuring build
// speed and memory. The output is deterministic: the same arguments give the
// same bytes, so figures taken on different days compare like with like.
//
// A generated site is shaped like a real report: pages of mixed Chinese and
// English prose (headings, lists, a GFM table, links, emphasis), each with a
// bar chart, a line chart and a ranked table over a 20-row dataset. Half the
// pages are bundles with their own CSV; the other half use one of a few
// site-wide datasets in content/data/.
package benchsite

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/broadsheet/broadsheet/internal/parallel"
)

// Sections is the number of sections pages are spread over.
const Sections = 10

// SharedDatasets is the number of site-wide datasets in content/data/.
const SharedDatasets = 4

// DatasetRows is the number of rows of every page dataset.
const DatasetRows = 20

// CSVHeader is the header line of every generated CSV.
const CSVHeader = "date,bank,type,followers,likes,posts"

// Generate writes a site of the given number of pages into dir, which is
// created if needed: site.toml (language zh-CN), content/_index.md, one
// _index.md per section, SharedDatasets site-wide CSVs, and the pages. Page
// i is a bundle (content/sec-NN/page-NNNNN/index.md with its own
// metrics.csv) when i is even, and a plain page using a site-wide dataset
// when i is odd. seed chooses the text and the numbers.
func Generate(dir string, pages int, seed int64) error {
	if pages < 0 {
		return fmt.Errorf("benchsite: pages is %d; it must be zero or more", pages)
	}
	files := map[string][]byte{
		"site.toml":         siteTOML(),
		"content/_index.md": homePage(seed),
	}
	for s := range Sections {
		files[fmt.Sprintf("content/%s/_index.md", sectionDir(s))] = sectionPage(s)
	}
	for k := range SharedDatasets {
		r := rand.New(rand.NewPCG(uint64(seed), uint64(1_000_000+k)))
		files[fmt.Sprintf("content/data/%s.csv", sharedName(k))] = datasetCSV(r, DatasetRows)
	}
	for name, data := range files {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), data); err != nil {
			return err
		}
	}
	// Pages are independent: each draws from its own generator, seeded by
	// the site's seed and the page's number, so writing them on all cores
	// gives the same bytes as writing them in order.
	return parallel.Each(pages, func(i int) error { return writePage(dir, i, seed) })
}

// PagePath returns the site-relative markdown file of page i.
func PagePath(i int) string {
	if i%2 == 0 {
		return fmt.Sprintf("content/%s/%s/index.md", sectionDir(i%Sections), pageName(i))
	}
	return fmt.Sprintf("content/%s/%s.md", sectionDir(i%Sections), pageName(i))
}

func writePage(dir string, i int, seed int64) error {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
	data := "metrics"
	if i%2 == 1 {
		data = sharedName(i / 2 % SharedDatasets)
	} else {
		csv := datasetCSV(r, DatasetRows)
		name := filepath.Join(dir, filepath.FromSlash(fmt.Sprintf("content/%s/%s/metrics.csv", sectionDir(i%Sections), pageName(i))))
		if err := writeFile(name, csv); err != nil {
			return err
		}
	}
	return writeFile(filepath.Join(dir, filepath.FromSlash(PagePath(i))), page(r, i, data))
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

func sectionDir(s int) string { return fmt.Sprintf("sec-%02d", s) }
func pageName(i int) string   { return fmt.Sprintf("page-%05d", i) }
func sharedName(k int) string { return fmt.Sprintf("region_%d", k+1) }

func siteTOML() []byte {
	return []byte(`# A synthetic site for build benchmarks.
title       = "合成基准站点 Benchmark Site"
description = "用于测量构建速度与内存的合成站点。"
language    = "zh-CN"
baseURL     = ""

[markdown]
unsafe = false

[charts]
renderer = "canvas"
height   = 360
`)
}

func homePage(seed int64) []byte {
	r := rand.New(rand.NewPCG(uint64(seed), 1<<40))
	var b bytes.Buffer
	b.WriteString("+++\ntitle = \"合成基准站点\"\n+++\n\n")
	paragraph(&b, r, 4)
	return b.Bytes()
}

var sectionTitles = [Sections]string{
	"零售银行 Retail", "信用卡 Cards", "财富管理 Wealth", "普惠金融 Inclusive", "数字渠道 Digital",
	"风险管理 Risk", "公司金融 Corporate", "运营分析 Operations", "品牌传播 Brand", "行业观察 Industry",
}

func sectionPage(s int) []byte {
	return fmt.Appendf(nil, "+++\ntitle = %q\nweight = %d\n+++\n\n本栏目收录%s方向的分析文章。This section collects notes on %s.\n",
		sectionTitles[s], s+1, sectionTitles[s], sectionTitles[s])
}

// Text pieces. Chinese phrases and English words are mixed the way analysts
// write: Chinese sentences with English terms and figures in them.
var (
	zhPhrases = []string{
		"银行短视频运营", "零售业务数字化转型", "客户经营", "粉丝增长", "内容策略", "获客成本",
		"手机银行月活", "财富管理", "信用卡分期", "普惠金融", "私域流量", "直播带货", "品牌认知",
		"用户画像", "线上线下融合", "场景金融", "开放银行", "数据治理", "风险偏好", "网点转型",
		"存款利率下行", "净息差收窄", "中间业务收入", "理财子公司", "年轻客群", "县域市场",
	}
	zhVerbs = []string{
		"明显提升", "持续分化", "稳步增长", "有所回落", "仍待观察", "成为重点", "逐步成熟",
		"加速推进", "表现突出", "略有放缓",
	}
	zhLinks = []string{"，", "；", "，同时", "，而", "，其中", "。此外，", "。总体来看，"}
	enWords = []string{
		"engagement", "retention", "conversion", "the funnel", "cohort analysis", "KPI", "DAU",
		"MAU", "short video", "live streaming", "open banking", "wealth management", "NIM",
		"digital channels", "customer lifetime value", "A/B testing", "fintech", "the app",
	}
	banks = []string{
		"微众银行", "招商银行", "网商银行", "平安银行", "工商银行", "建设银行", "农业银行", "中国银行",
		"交通银行", "邮储银行", "中信银行", "光大银行", "民生银行", "兴业银行", "浦发银行", "华夏银行",
		"广发银行", "百信银行", "北京银行", "上海银行", "江苏银行", "宁波银行", "南京银行", "杭州银行",
		"苏州银行", "长沙银行", "成都银行", "重庆银行", "青岛银行", "厦门银行",
	}
	bankTypes = []string{"国有银行", "股份制银行", "城商行", "互联网银行", "农商行"}
)

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// sentence writes one sentence of mixed Chinese and English, with inline
// markup now and then.
func sentence(b *bytes.Buffer, r *rand.Rand) {
	n := 2 + r.IntN(3)
	for j := range n {
		if j > 0 {
			b.WriteString(pick(r, zhLinks))
		}
		phrase := pick(r, zhPhrases)
		switch r.IntN(9) {
		case 0:
			fmt.Fprintf(b, "**%s**", phrase)
		case 1:
			fmt.Fprintf(b, "*%s*", phrase)
		case 2:
			fmt.Fprintf(b, "`%s`", pick(r, enWords))
		default:
			b.WriteString(phrase)
		}
		switch r.IntN(4) {
		case 0:
			fmt.Fprintf(b, "（%s）", pick(r, enWords))
		case 1:
			fmt.Fprintf(b, "环比增长 %d.%d%%", r.IntN(40), r.IntN(10))
		}
		b.WriteString(pick(r, zhVerbs))
	}
	b.WriteString("。")
	if r.IntN(3) == 0 {
		fmt.Fprintf(b, " In English terms, %s and %s moved by %d%% this month.", pick(r, enWords), pick(r, enWords), 1+r.IntN(30))
	}
}

func paragraph(b *bytes.Buffer, r *rand.Rand, sentences int) {
	for range sentences {
		sentence(b, r)
	}
	b.WriteString("\n\n")
}

// page writes page i's markdown; data is the dataset its blocks use.
func page(r *rand.Rand, i int, data string) []byte {
	var b bytes.Buffer
	b.Grow(8 << 10)
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1500)
	fmt.Fprintf(&b, "+++\ntitle   = \"%s观察 %d：%s\"\ndate    = %s\nsummary = \"%s%s，%s%s。\"\nweight  = %d\n+++\n\n",
		pick(r, zhPhrases), i, pick(r, enWords), date.Format("2006-01-02"),
		pick(r, zhPhrases), pick(r, zhVerbs), pick(r, zhPhrases), pick(r, zhVerbs), 1+i/Sections)
	paragraph(&b, r, 5)

	fmt.Fprintf(&b, "## %s与%s\n\n", pick(r, zhPhrases), pick(r, zhPhrases))
	paragraph(&b, r, 4)
	for range 4 {
		b.WriteString("- ")
		sentence(&b, r)
		b.WriteString("\n")
	}
	b.WriteString("\n")
	order := "-followers"
	if r.IntN(2) == 0 {
		order = "-likes"
	}
	fmt.Fprintf(&b, "```chart\ntype       = \"bar\"\ndata       = %q\nx          = \"bank\"\ny          = \"%s\"\nsort       = %q\nlimit      = %d\nhorizontal = true\nlabels     = true\nformat     = \"compact\"\ntitle      = \"%s排名前列的银行\"\ncaption    = \"数据来源：合成数据 Synthetic data\"\n```\n\n",
		data, order[1:], order, 8+r.IntN(5), pick(r, zhPhrases))
	paragraph(&b, r, 4)

	fmt.Fprintf(&b, "### %s（%s）\n\n", pick(r, zhPhrases), pick(r, enWords))
	b.WriteString("| 指标 Metric | 本月 | 上月 | 变化 |\n|---|---:|---:|---:|\n")
	for range 5 {
		cur, prev := r.IntN(900_000)+10_000, r.IntN(900_000)+10_000
		fmt.Fprintf(&b, "| %s | %d | %d | %+.1f%% |\n", pick(r, zhPhrases), cur, prev, 100*float64(cur-prev)/float64(prev))
	}
	b.WriteString("\n")
	paragraph(&b, r, 3)
	fmt.Fprintf(&b, "```chart\ntype    = \"line\"\ndata    = %q\nx       = \"date\"\ny       = \"likes\"\nformat  = \"compact\"\ntitle   = \"%s的逐日走势\"\ncaption = \"按日期排列 by date\"\n```\n\n",
		data, pick(r, zhPhrases))

	fmt.Fprintf(&b, "## %s\n\n", pick(r, enWords))
	for k := range 3 {
		fmt.Fprintf(&b, "%d. ", k+1)
		sentence(&b, r)
		b.WriteString("\n")
	}
	b.WriteString("\n")
	paragraph(&b, r, 4)
	fmt.Fprintf(&b, "```table\ndata    = %q\nsort    = %q\nlimit   = %d\ncolumns = [\"rank\", \"bank\", \"type\", \"followers\", \"likes\", \"posts\"]\nlabels  = { rank = \"排名\", bank = \"银行\", type = \"类型\", followers = \"粉丝量\", likes = \"获赞\", posts = \"作品数\" }\nformat  = { followers = \"compact\", likes = \"compact\", posts = \"int\" }\ntitle   = \"%s排行\"\n```\n\n",
		data, order, 10+r.IntN(11), pick(r, zhPhrases))

	fmt.Fprintf(&b, "## 延伸阅读 Further reading\n\n")
	paragraph(&b, r, 3)
	fmt.Fprintf(&b, "参见[本栏目](../)、[上一篇](%s)与[外部报告](https://example.com/reports/%d)。See also <https://example.org/notes/%d>.\n",
		relLink(i, max(i-Sections, i%Sections)), r.IntN(1000), i)
	return b.Bytes()
}

// relLink returns the link, as an author writes it, from page i's markdown
// file to page j's, in the same section.
func relLink(i, j int) string {
	target := pageName(j) + ".md"
	if j%2 == 0 {
		target = pageName(j) + "/index.md"
	}
	if i%2 == 0 {
		return "../" + target // from inside page i's bundle folder
	}
	return target
}

// datasetCSV returns a CSV of rows rows with CSVHeader's columns: one row
// per day from a random start, banks without repeats (while they last).
func datasetCSV(r *rand.Rand, rows int) []byte {
	var b bytes.Buffer
	b.WriteString(CSVHeader + "\n")
	perm := r.Perm(len(banks))
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(700))
	var line []byte
	for k := range rows {
		line = appendRow(line[:0], r, start.AddDate(0, 0, k), banks[perm[k%len(perm)]])
		b.Write(line)
	}
	return b.Bytes()
}

func appendRow(buf []byte, r *rand.Rand, date time.Time, bank string) []byte {
	buf = date.AppendFormat(buf, "2006-01-02")
	buf = append(buf, ',')
	buf = append(buf, bank...)
	buf = append(buf, ',')
	buf = append(buf, bankTypes[r.IntN(len(bankTypes))]...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, 1_000+r.Int64N(3_000_000), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, r.Int64N(50_000_000), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, 1+r.Int64N(600), 10)
	return append(buf, '\n')
}

// GenerateCSV writes a CSV of rows data rows (plus the header CSVHeader) to
// path: dates over 1,000 days, 30 banks, 5 bank types, and random
// followers, likes and posts. A million rows make about 55 MB.
func GenerateCSV(path string, rows int) error {
	if rows < 0 {
		return fmt.Errorf("benchsite: rows is %d; it must be zero or more", rows)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(CSVHeader + "\n")
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var line []byte
	for k := range rows {
		line = appendRow(line[:0], r, start.AddDate(0, 0, k%1000), banks[r.IntN(len(banks))])
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// AggregatePage is the markdown of GenerateAggregate's one page: a bar
// chart of the sum of followers per bank type over the big dataset.
const AggregatePage = `+++
title = "百万行聚合 Aggregating a million rows"
+++

每种类型账号的粉丝合计。Followers summed by account type.

` + "```chart" + `
type      = "bar"
data      = "events"
x         = "type"
y         = "followers"
group     = "type"
aggregate = { followers = "sum" }
sort      = "-followers"
format    = "compact"
title     = "各类型粉丝合计"
` + "```\n"

// GenerateAggregate writes a site with one page (the home page,
// AggregatePage) whose chart aggregates content/data/events.csv, a
// site-wide dataset of rows rows written by GenerateCSV. It returns the
// CSV's path.
func GenerateAggregate(dir string, rows int) (string, error) {
	return generateAggregate(dir, rows, AggregatePage)
}

// AggregateSQLPage is AggregatePage with the same chart written as sql,
// run by the embedded engine.
const AggregateSQLPage = `+++
title = "百万行聚合 Aggregating a million rows (SQL)"
+++

每种类型账号的粉丝合计。Followers summed by account type.

` + "```chart" + `
type   = "bar"
sql    = "SELECT type, sum(followers) AS followers FROM events GROUP BY type ORDER BY followers DESC"
x      = "type"
y      = "followers"
format = "compact"
title  = "各类型粉丝合计"
` + "```\n"

// GenerateAggregateSQL writes the site of GenerateAggregate with
// AggregateSQLPage as its page.
func GenerateAggregateSQL(dir string, rows int) (string, error) {
	return generateAggregate(dir, rows, AggregateSQLPage)
}

func generateAggregate(dir string, rows int, page string) (string, error) {
	if err := writeFile(filepath.Join(dir, "site.toml"), siteTOML()); err != nil {
		return "", err
	}
	if err := writeFile(filepath.Join(dir, "content", "_index.md"), []byte(page)); err != nil {
		return "", err
	}
	csv := filepath.Join(dir, "content", "data", "events.csv")
	return csv, GenerateCSV(csv, rows)
}
