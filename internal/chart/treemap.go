package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// treeNode is a treemap tile. go-echarts' TreeMapNode holds whole numbers
// only; this holds any value.
type treeNode struct {
	Name     string     `json:"name"`
	Value    float64    `json:"value"`
	Children []treeNode `json:"children,omitempty"`
}

// treemap builds a treemap: a tile per row sized by its value, grouped into
// one tile per value of the series column when there is one.
func (b *builder) treemap() (map[string]any, string, error) {
	items, err := b.namedValues()
	if err != nil {
		return nil, "", err
	}
	nodes := b.treeNodes(items)
	y := b.s.Y[0]
	format := b.format(y)
	t := charts.NewTreeMap()
	t.AddSeries(b.label(y), nil, charts.WithTreeMapOpts(opts.TreeMapChart{Roam: opts.Bool(false)}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "bs:named:" + format}))
	t.SetGlobalOptions(b.common(false, "item")...)
	t.Validate()
	option, err := normalize(t.JSON())
	if err != nil {
		return nil, "", err
	}
	sr := option["series"].([]any)[0].(map[string]any)
	sr["data"] = plain(nodes)
	sr["nodeClick"], sr["breadcrumb"] = false, map[string]any{"show": false}
	sr["top"], sr["left"], sr["right"], sr["bottom"] = 8, 8, 8, 8
	sr["tooltip"] = map[string]any{"formatter": "bs:named:" + format}
	if b.s.Series != "" {
		// Level 0 is the whole, level 1 the groups (named above their
		// tiles), level 2 the tiles.
		sr["levels"] = []any{
			map[string]any{"itemStyle": map[string]any{"borderWidth": 0, "gapWidth": 3}, "upperLabel": map[string]any{"show": false}},
			map[string]any{"itemStyle": map[string]any{"gapWidth": 1}, "upperLabel": map[string]any{"show": true, "height": 22}},
		}
	}
	desc := b.describeTree(nodes)
	setAria(option, desc)
	return option, desc, nil
}

// treeNodes makes the tiles: one per item, under its series value when
// there is a series column (groups in the order they first come).
func (b *builder) treeNodes(items []item) []treeNode {
	if b.s.Series == "" {
		out := make([]treeNode, len(items))
		for i, it := range items {
			out[i] = treeNode{Name: it.name, Value: it.v}
		}
		return out
	}
	sc := b.t.Column(b.s.Series)
	layout := dateLayoutOf(sc)
	var out []treeNode
	index := map[string]int{}
	n := 0
	for i := 0; i < b.t.Len(); i++ {
		if _, ok := b.ys[0].Float(i); !ok {
			continue
		}
		g := categoryText(sc, i, layout)
		k, ok := index[g]
		if !ok {
			k = len(out)
			index[g] = k
			out = append(out, treeNode{Name: g})
		}
		it := items[n]
		n++
		out[k].Value += it.v
		out[k].Children = append(out[k].Children, treeNode{Name: it.name, Value: it.v})
	}
	return out
}

// describeTree names the tiles (or groups, with their tiles) with their
// values and shares of the whole.
func (b *builder) describeTree(nodes []treeNode) string {
	w := b.words()
	format := b.format(b.s.Y[0])
	total := 0.0
	for _, n := range nodes {
		total += n.Value
	}
	say := func(n treeNode) string {
		text := n.Name + " " + numfmt.Format(n.Value, format, b.s.Lang)
		if total > 0 {
			text += w.open + numfmt.Format(n.Value/total, "percent", b.s.Lang) + w.close
		}
		return text
	}
	return b.head() + w.colon + b.list(len(nodes), func(i int) string {
		n := nodes[i]
		if len(n.Children) == 0 {
			return say(n)
		}
		kids := make([]string, 0, len(n.Children))
		for j, k := range n.Children {
			if j == describeMax {
				break
			}
			kids = append(kids, k.Name+" "+numfmt.Format(k.Value, format, b.s.Lang))
		}
		return say(n) + w.open + joinWith(kids, w.itemJoin) + w.close
	}) + w.end
}
