package locale

import "encoding/json"

// Script returns the words the page scripts need, as the JSON the theme
// writes into <script type="application/json" id="bs-words">: charts.js
// reads the number units, the word for percentage points, the month layout
// and the ECharts locale; sort.js the words it announces. The scripts keep
// no words of their own. The chart drawing at build time (internal/ssr)
// hands charts.js the same JSON.
func (l Lang) Script() []byte {
	t := tables[l]
	units := make([][2]any, len(t.units))
	for i, u := range t.units {
		units[i] = [2]any{u.Size, u.Word}
	}
	out, _ := json.Marshal(struct {
		Units    [][2]any `json:"units"`
		PP       string   `json:"pp"`
		Month    string   `json:"month"`
		ECharts  string   `json:"echarts"`
		Asc      string   `json:"sortAscending"`
		Desc     string   `json:"sortDescending"`
		SortedBy string   `json:"sortedBy"`
		SortBy   string   `json:"sortBy"`
	}{units, t.words[PercentPoints], t.words[MonthLayout], t.echarts,
		t.words[SortAscending], t.words[SortDescending], t.words[SortedBy], t.words[SortBy]})
	return out
}
