package e2e

import (
	"encoding/csv"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	bssearch "github.com/broadsheet/broadsheet/internal/search"
)

// The reader's tools: search over every page, entity pages and sortable
// tables, checked in the demo and in a site the code was not written
// against (testdata/reader, in English, with dates and empty cells). They
// run one after the other, before the parallel tests: each starts a
// browser, and the machine has two cores.

var (
	readerOnce sync.Once
	readerOut  *output
	readerErr  error
)

func readerSite(t *testing.T) *output {
	t.Helper()
	readerOnce.Do(func() { readerOut, readerErr = buildSite("testdata/reader") })
	if readerErr != nil {
		t.Fatalf("building testdata/reader: %v", readerErr)
	}
	return readerOut
}

// demoFacts skips a test that checks facts of the demo report when the
// suite checks another site (BROADSHEET_E2E_SITE).
func demoFacts(t *testing.T) {
	if os.Getenv("BROADSHEET_E2E_SITE") != "" {
		t.Skip("checks facts of the demo report; BROADSHEET_E2E_SITE names another site")
	}
}

// searchResult is one result the search box shows.
type searchResult struct {
	Href, Title, Label, Snippet string
	Marks                       []string
}

// searchState is what the search box shows after a query.
type searchState struct {
	Query   string
	Count   string
	Status  string
	Results []searchResult
	Visible bool
}

const jsSearchState = `(() => {
  const box = document.querySelector(".bs-search-results");
  const out = {Query: box ? box.getAttribute("data-query") || "" : "", Count: "", Status: document.querySelector(".bs-search-status").textContent, Results: [], Visible: !!box && !box.hidden};
  if (!box) return out;
  const c = box.querySelector(".bs-search-count");
  if (c) out.Count = c.textContent;
  for (const li of box.querySelectorAll("li")) {
    const a = li.querySelector("a"), label = li.querySelector(".bs-search-label"), sn = li.querySelector(".bs-search-snippet");
    out.Results.push({Href: decodeURI(a.href), Title: li.querySelector(".bs-search-title").textContent, Label: label ? label.textContent : "",
      Snippet: sn ? sn.textContent : "", Marks: sn ? [...sn.querySelectorAll("mark")].map(m => m.textContent) : []});
  }
  return out;
})()`

// search types query into the box of the open page and waits for the
// results to answer it.
func search(tb *tab, query string) (searchState, error) {
	var st searchState
	err := chromedp.Do(tb.ctx, chromedp.WaitVisible("#bs-search-input"))
	if err == nil {
		_, err = eval[bool](tb, `(document.getElementById("bs-search-input").value = "") === ""`)
	}
	if err != nil {
		return st, err
	}
	err = chromedp.Do(tb.ctx,
		chromedp.Focus("#bs-search-input"),
		chromedp.SendKeys("#bs-search-input", query),
	)
	if err != nil {
		return st, err
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := chromedp.Do(tb.ctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
			return st, err
		}
		var err error
		if st, err = eval[searchState](tb, jsSearchState); err != nil {
			return st, err
		}
		if st.Query == query && st.Visible {
			return st, nil
		}
	}
	return st, fmt.Errorf("no results shown for %q: %+v", query, st)
}

// eval runs a script in the open page and returns its value.
func eval[T any](tb *tab, js string) (T, error) {
	return chromedp.Run(tb.ctx, chromedp.Evaluate[T](js))
}

// openTab opens rel under base in a new tab of b.
func openTab(t *testing.T, b *browser, base, rel string) *tab {
	t.Helper()
	tb, closeTab, err := b.newTab(base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeTab)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(pageURL(base, rel))); err != nil {
		t.Fatalf("opening %s: %v", pageURL(base, rel), err)
	}
	return tb
}

// hrefs lists the site paths of the results, made relative to base.
func hrefs(rs []searchResult, base string) []string {
	var out []string
	for _, r := range rs {
		h := strings.TrimPrefix(r.Href, base)
		h = strings.TrimSuffix(h, "index.html")
		out = append(out, h)
	}
	return out
}

func hasAll(got []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TestSearchDemo searches the demo report from file:// and over HTTP, from
// the home page and from a page two folders deep.
func TestSearchDemo(t *testing.T) {
	demoFacts(t)
	o := demo(t)
	b := newBrowser(t)
	for _, mode := range []struct{ name, base string }{{"file", o.fileURL()}, {"http", serve(t, o.Dir)}} {
		t.Run(mode.name, func(t *testing.T) {
			for _, from := range []string{"index.html", "editions/2022-03/index.html"} {
				tb := openTab(t, b, mode.base, from)
				for _, tc := range []struct {
					query string
					want  []string // site paths that must be among the results
					mark  string   // a highlighted match
					none  bool
				}{
					{query: "网商", want: []string{"editions/2022-01/", "editions/2022-02/", "editions/2022-03/", "accounts/网商银行/"}, mark: "网商"},
					{query: "信用卡中心", want: []string{"editions/2022-02/", "editions/2022-03/", "about/"}, mark: "信用卡中心"},
					{query: "北京银行 前十", want: []string{"editions/2022-03/"}, mark: "北京银行"},
					{query: "苏州银行", want: []string{"editions/2022-03/"}, mark: "苏州银行"},
					{query: "313", want: []string{"editions/2022-03/"}, mark: "313"},
					{query: "不存在的词语组合", none: true},
				} {
					st, err := search(tb, tc.query)
					if err != nil {
						t.Errorf("from %s: %v", from, err)
						continue
					}
					got := hrefs(st.Results, mode.base)
					if tc.none {
						if len(got) != 0 || st.Count != "没有找到" {
							t.Errorf("from %s: %q finds %q (%q), want nothing", from, tc.query, got, st.Count)
						}
						continue
					}
					if !hasAll(got, tc.want...) {
						t.Errorf("from %s: %q finds %q, want among them %q", from, tc.query, got, tc.want)
					}
					marked := false
					for _, r := range st.Results {
						if r.Snippet == "" {
							t.Errorf("from %s: %q: result %s has no text in context", from, tc.query, r.Href)
						}
						for _, m := range r.Marks {
							marked = marked || m == tc.mark
						}
					}
					if !marked {
						t.Errorf("from %s: %q: no result marks %q", from, tc.query, tc.mark)
					}
					if !strings.Contains(st.Status, strconv.Itoa(len(st.Results))) {
						t.Errorf("from %s: %q: the announcement %q does not say %d results", from, tc.query, st.Status, len(st.Results))
					}
				}
			}
		})
	}
	summary.add("search queries checked in the demo", 2*2*6)
}

// TestSearchTokensAgree checks that the browser cuts text into the tokens
// the build indexed: search.js and internal/search follow the same rules.
func TestSearchTokensAgree(t *testing.T) {
	o := demo(t)
	b := newBrowser(t)
	tb := openTab(t, b, o.fileURL(), "index.html")
	for _, text := range []string{
		"网商银行", "信用卡中心（上期）", "北京银行 enters the Top 10", "粉丝1,234.5万", "a,b 1, 2 3.x 4.", "13.4%、-5,000",
		"ＡＢＣ１２３ ｘｙｚ", "Ünïcode ÉTÉ İstanbul ΣΑΣ", "カタカナ ひらがな 한국어", "𠀀𠀁 U+20000 block", "emoji 😀 here",
		strings.Repeat("long", 15) + " 银行", "行", "", "  ", "9,9,9.9.9", "v2.0.1-rc1", "C++ & C#",
	} {
		got, err := eval[[]string](tb, fmt.Sprintf("broadsheetSearch.tokens(%q)", text))
		if err != nil {
			t.Fatal(err)
		}
		if want := bssearch.Tokens(text); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("tokens of %q: the browser gives %q, the build %q", text, got, want)
		}
	}
}

// TestSearchFindsPages searches, in whichever site the suite checks (the
// demo, or BROADSHEET_E2E_SITE), for a few words taken from each of its
// pages, and expects the page among the results.
func TestSearchFindsPages(t *testing.T) {
	o := demo(t)
	b := newBrowser(t)
	tb := openTab(t, b, o.fileURL(), "index.html")
	han := regexp.MustCompile(`\p{Han}{6,}`)
	word := regexp.MustCompile(`[A-Za-z]{7,}`)
	title := regexp.MustCompile(`<h1>([^<]+)</h1>`)
	checked := 0
	for _, p := range o.Pages {
		if p == "404.html" || strings.HasPrefix(p, "latest/") {
			continue
		}
		src, err := o.read(p)
		if err != nil {
			t.Fatal(err)
		}
		// The page's own text: its prose, without what the theme adds
		// around it (menus, lists of other pages, the footer).
		body := string(src)
		i := strings.Index(body, `<div class="bs-prose">`)
		if i < 0 {
			continue
		}
		body = body[i:]
		for _, end := range []string{`<h2 id="bs-entity-editions"`, `<nav class="bs-edition-nav"`, `<section class="bs-listing"`, `</article>`} {
			if j := strings.Index(body, end); j >= 0 {
				body = body[:j]
			}
		}
		text := bssearch.TextOf(body)
		query := ""
		if m := han.FindAllString(text, -1); len(m) > 0 {
			query = string([]rune(m[len(m)/2])[:6])
		} else if m := word.FindAllString(text, -1); len(m) > 0 {
			query = m[len(m)/2] + " "
		} else if m := title.FindStringSubmatch(string(src)); m != nil {
			query = html.UnescapeString(m[1])
		} else {
			continue
		}
		st, err := search(tb, query)
		if err != nil {
			t.Error(err)
			continue
		}
		got := hrefs(st.Results, o.fileURL())
		if !hasAll(got, strings.TrimSuffix(p, "index.html")) && len(got) < 20 {
			t.Errorf("%q, taken from %s, finds %q", query, p, got)
		}
		checked++
	}
	if checked < 3 {
		t.Errorf("only %d pages had words to search for", checked)
	}
	summary.add("pages found by their own words", checked)
}

// TestSearchReaderSite searches a site in English: words, numbers with and
// without separators, a word being typed, and Chinese in a mostly English
// site.
func TestSearchReaderSite(t *testing.T) {
	o := readerSite(t)
	b := newBrowser(t)
	for _, mode := range []struct{ name, base string }{{"file", o.fileURL()}, {"http", serve(t, o.Dir)}} {
		t.Run(mode.name, func(t *testing.T) {
			tb := openTab(t, b, mode.base, "notes/method/index.html")
			for _, tc := range []struct {
				query string
				want  []string
				not   []string
			}{
				{"kiosks", []string{"notes/method/"}, []string{"editions/2024-01/"}},
				{"Quayside", []string{"editions/2024-02/", "banks/Quayside-Mutual-bdcd4bea/"}, []string{"editions/2024-01/"}},
				{"1234", []string{"editions/2024-01/"}, []string{"editions/2024-02/"}},
				{"2,048", []string{"editions/2024-01/"}, nil},
				{"harb", []string{"editions/2024-01/", "editions/2024-02/"}, nil},
				{"自助银行", []string{"notes/method/"}, nil},
				{"northwind reports", []string{"editions/2024-02/"}, []string{"editions/2024-01/"}},
			} {
				st, err := search(tb, tc.query)
				if err != nil {
					t.Error(err)
					continue
				}
				got := hrefs(st.Results, mode.base)
				if !hasAll(got, tc.want...) {
					t.Errorf("%q finds %q, want among them %q", tc.query, got, tc.want)
				}
				for _, n := range tc.not {
					if hasAll(got, n) {
						t.Errorf("%q finds %s, which does not hold it", tc.query, n)
					}
				}
			}
			// The keyboard reaches the results and Escape closes them.
			err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.ArrowDown))
			active, _ := eval[string](tb, `document.activeElement.closest(".bs-search-list") ? document.activeElement.textContent : ""`)
			if err != nil || active == "" {
				t.Errorf("ArrowDown from the box does not focus the first result (%v)", err)
			}
			err = chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Escape))
			hidden, _ := eval[bool](tb, `document.querySelector(".bs-search-results").hidden && document.activeElement.id === "bs-search-input"`)
			if err != nil || !hidden {
				t.Errorf("Escape does not close the results and return to the box (%v)", err)
			}
			// With results open, axe finds nothing wrong with the box.
			if _, err := search(tb, "bank"); err != nil {
				t.Fatal(err)
			}
			vs, err := runAxe(tb, axeScript(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.blocking() {
					t.Errorf("with search results open: %s", v)
				}
			}
		})
	}
}

// jsFirstBar finds the middle of the first bar of the first chart whose
// data table links its names, in page coordinates, and the name it stands
// for.
const jsFirstBar = `(() => {
  const fig = [...document.querySelectorAll("figure.bs-chart")].find(f => f.querySelector("details.bs-chart-data td a"));
  if (!fig) return null;
  const el = fig.querySelector(".bs-chart-canvas");
  el.scrollIntoView({block: "center"});
  const inst = echarts.getInstanceByDom(el);
  const opt = inst.getOption();
  const s = opt.series[0], first = s.data[0], v = first.value !== undefined ? first.value : first;
  const horizontal = opt.yAxis[0].type === "category";
  const cat = (horizontal ? opt.yAxis[0] : opt.xAxis[0]).data[0];
  const px = inst.convertToPixel({seriesIndex: 0}, horizontal ? [v / 2, 0] : [0, v / 2]);
  const r = el.getBoundingClientRect();
  return {X: r.left + px[0], Y: r.top + px[1], Name: typeof cat === "object" ? cat.value : cat};
})()`

// TestChartLinks clicks the first bar of the demo's top-ten chart: it leads
// to the page of the account it stands for.
func TestChartLinks(t *testing.T) {
	demoFacts(t)
	o := demo(t)
	b := newBrowser(t)
	tb := openTab(t, b, o.fileURL(), "editions/2022-03/index.html")
	if _, err := waitCharts(tb.ctx, chartsTimeout); err != nil {
		t.Fatal(err)
	}
	type bar struct {
		X, Y float64
		Name string
	}
	// The bars grow in for a second; click again until one lands.
	var got, want string
	for try := 0; try < 10 && (got == "" || got != want); try++ {
		_ = chromedp.Do(tb.ctx, chromedp.Sleep(500*time.Millisecond))
		at, err := eval[*bar](tb, jsFirstBar)
		if err != nil || at == nil {
			t.Fatalf("no chart with linked names (%v)", err)
		}
		want = o.fileURL() + "accounts/" + at.Name + "/index.html"
		if err := chromedp.Do(tb.ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
			t.Fatal(err)
		}
		for range 10 {
			if got, _ = eval[string](tb, `decodeURI(location.href)`); got == want {
				break
			}
			_ = chromedp.Do(tb.ctx, chromedp.Sleep(100*time.Millisecond))
		}
	}
	if got != want {
		t.Errorf("clicking the first bar leads to %s, want %s", got, want)
	}
}

// historyRow is one row of an entity page's table, as the browser shows it.
type historyRow struct {
	Edition, Rank string
	Values        []string
}

const jsHistory = `[...document.querySelectorAll("figure.bs-table-figure tbody tr")].map(tr => {
  const c = [...tr.cells];
  return {Edition: c[0].textContent, Rank: c[1].textContent, Values: c.slice(2).map(td => td.hasAttribute("data-value") ? td.getAttribute("data-value") : td.textContent)};
})`

// csvRanks reads an edition's CSV and ranks its rows by a numeric column,
// largest first, ties sharing a rank, empty cells last: for each key, its
// rank and its row.
func csvRanks(t *testing.T, file, key, by string) map[string]struct {
	Rank int
	Row  map[string]string
} {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range head {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
	num := func(s string) (float64, bool) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		return v, err == nil
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, aok := num(rows[i][by])
		b, bok := num(rows[j][by])
		if aok != bok {
			return aok
		}
		return a > b
	})
	out := map[string]struct {
		Rank int
		Row  map[string]string
	}{}
	rank := 0
	for i, r := range rows {
		if i == 0 || r[by] != rows[i-1][by] {
			rank = i + 1
		}
		out[r[key]] = struct {
			Rank int
			Row  map[string]string
		}{rank, r}
	}
	return out
}

// TestEntityPages compares the ranks and figures on entity pages with
// ranks computed here from the editions' CSV files.
func TestEntityPages(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	for _, tc := range []struct {
		name    string
		o       *output
		src     string
		key, by string
		cols    []string
		pages   map[string]string // key -> page
		linked  []string          // keys in the newest edition's table
	}{
		{"demo", demo(t), root, "account", "followers", []string{"followers", "likes", "posts"}, map[string]string{
			"北京银行": "accounts/北京银行/index.html", "微众银行": "accounts/微众银行/index.html", "苏州银行": "accounts/苏州银行/index.html"}, []string{"北京银行", "微众银行"}},
		{"reader", readerSite(t), "testdata/reader", "bank", "branches", []string{"branches", "staff"}, map[string]string{
			"Northwind Bank": "banks/Northwind-Bank-8c03f7fa/index.html", "Zephyr Trust": "banks/Zephyr-Trust-84df28e0/index.html", "Ålesund Credit": "banks/Ålesund-Credit-ec93b651/index.html"}, []string{"Northwind Bank", "Ålesund Credit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "demo" {
				demoFacts(t)
			}
			editions, _ := filepath.Glob(filepath.Join(tc.src, "content", "editions", "*", "*.csv"))
			want := map[string][]historyRow{}
			for _, f := range editions {
				if filepath.Base(f) != "accounts.csv" && filepath.Base(f) != "branches.csv" {
					continue
				}
				ed := filepath.Base(filepath.Dir(f))
				for k, r := range csvRanks(t, f, tc.key, tc.by) {
					row := historyRow{Edition: ed, Rank: strconv.Itoa(r.Rank)}
					for _, c := range tc.cols {
						row.Values = append(row.Values, r.Row[c])
					}
					want[k] = append(want[k], row)
				}
			}
			for key, page := range tc.pages {
				if len(want[key]) == 0 {
					t.Fatalf("%s is in no CSV", key)
				}
				tb := openTab(t, b, tc.o.fileURL(), page)
				got, err := eval[[]historyRow](tb, jsHistory)
				if err != nil {
					t.Fatal(err)
				}
				w := want[key]
				sort.Slice(w, func(i, j int) bool { return w[i].Edition < w[j].Edition })
				if fmt.Sprint(got) != fmt.Sprint(w) {
					t.Errorf("%s: the page shows %v, the CSV files give %v", key, got, w)
				}
			}
			// An edition's table links each name to its page.
			eds, _ := filepath.Glob(filepath.Join(tc.o.Dir, "editions", "*", "index.html"))
			rel, _ := filepath.Rel(tc.o.Dir, eds[len(eds)-1])
			tb := openTab(t, b, tc.o.fileURL(), filepath.ToSlash(rel))
			links, err := eval[[]string](tb, `[...document.querySelectorAll("figure.bs-table-figure td a")].map(a => decodeURI(a.href))`)
			if err != nil {
				t.Fatal(err)
			}
			for _, key := range tc.linked {
				page := tc.pages[key]
				if !hasAll(links, tc.o.fileURL()+page) {
					t.Errorf("%s: no link to %s in %q", rel, page, links)
				}
			}
			for _, l := range links {
				if _, isDir, ok := tc.o.target(strings.TrimPrefix(l, tc.o.fileURL())); !ok || isDir {
					t.Errorf("%s links to %s, which is not a page of the output", rel, l)
				}
			}
		})
	}
}

// TestSortTables clicks the headers of the reader site's table: numbers,
// dates, text with accents and empty cells.
func TestSortTables(t *testing.T) {
	o := readerSite(t)
	b := newBrowser(t)
	tb := openTab(t, b, o.fileURL(), "editions/2024-01/index.html")
	column := func(i int) []string {
		out, err := eval[[]string](tb, fmt.Sprintf(`[...document.querySelector("figure.bs-table-figure tbody").rows].map(tr => tr.cells[%d].textContent)`, i))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	click := func(i int) (sortState string, announced string) {
		if err := chromedp.Do(tb.ctx, chromedp.Click(fmt.Sprintf(`figure.bs-table-figure thead th:nth-child(%d) button`, i+1))); err != nil {
			t.Fatal(err)
		}
		sortState, _ = eval[string](tb, fmt.Sprintf(`document.querySelector("figure.bs-table-figure thead th:nth-child(%d)").getAttribute("aria-sort")`, i+1))
		announced, _ = eval[string](tb, `[...document.querySelectorAll("[role=status]")].map(e => e.textContent).join("|")`)
		return sortState, announced
	}
	printed := []string{"Bank of Camden", "Harbour Savings", "Northwind Bank", "Ålesund Credit", "Zephyr Trust"}
	if got := column(1); strings.Join(got, "|") != strings.Join(printed, "|") {
		t.Fatalf("printed order %q, want %q", got, printed)
	}
	for _, tc := range []struct {
		col       int
		state     string
		want      []string
		announced string
	}{
		{1, "ascending", []string{"Ålesund Credit", "Bank of Camden", "Harbour Savings", "Northwind Bank", "Zephyr Trust"}, "Sorted by bank, ascending"},
		{1, "descending", []string{"Zephyr Trust", "Northwind Bank", "Harbour Savings", "Bank of Camden", "Ålesund Credit"}, "Sorted by bank, descending"},
		{3, "ascending", []string{"95", "860", "860", "1,234", "2,048"}, "ascending"},
		{3, "descending", []string{"2,048", "1,234", "860", "860", "95"}, "descending"},
		{4, "ascending", []string{"400", "2,200", "5,100", "9,800", ""}, "ascending"},
		{4, "descending", []string{"9,800", "5,100", "2,200", "400", ""}, "descending"},
		{2, "ascending", []string{"1987-02-01", "1998-04-01", "2003-11-15", "2011-06-30", ""}, "ascending"},
		{2, "descending", []string{"2011-06-30", "2003-11-15", "1998-04-01", "1987-02-01", ""}, "descending"},
	} {
		state, announced := click(tc.col)
		if got := column(tc.col); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("column %d %s: %q, want %q", tc.col, tc.state, got, tc.want)
		}
		if state != tc.state || !strings.Contains(announced, tc.announced) {
			t.Errorf("column %d: aria-sort %q and announcement %q, want %q and %q", tc.col, state, announced, tc.state, tc.announced)
		}
	}
	// A heading is announced as written, even with the characters a
	// replacement pattern would read ($&, $') or a placeholder ({dir}).
	if _, err := eval[bool](tb, `(() => { document.querySelector("figure.bs-table-figure thead th:nth-child(2) button").firstChild.textContent = "bank $& $' {dir}"; return true })()`); err != nil {
		t.Fatal(err)
	}
	if _, announced := click(1); !strings.Contains(announced, "Sorted by bank $& $' {dir}, ") {
		t.Errorf("a heading with $& and {dir} is announced as %q", announced)
	}
	// Chinese text sorts in the page language's order: by pinyin in zh.
	demoFacts(t)
	d := demo(t)
	tb = openTab(t, b, d.fileURL(), "editions/2022-03/index.html")
	names, err := eval[[]string](tb, `(() => {
  const fig = [...document.querySelectorAll("figure.bs-table-figure")].find(f => f.querySelector("td a"));
  const i = [...fig.querySelectorAll("tbody tr:first-child td")].findIndex(td => td.querySelector("a"));
  fig.querySelectorAll("thead th button")[i].click();
  return [...fig.querySelector("tbody").rows].map(tr => tr.cells[i].textContent);
})()`)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, n := range names {
		pos[n] = i
	}
	if !(pos["百信银行"] < pos["北京银行"] && pos["北京银行"] < pos["微众银行"] && pos["微众银行"] < pos["招商银行"]) {
		t.Errorf("Chinese names sorted as %q, want pinyin order (百信 bai, 北京 bei, 微众 wei, 招商 zhao)", names)
	}
}
