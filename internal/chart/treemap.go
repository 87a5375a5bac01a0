package chart

import (
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// treemap builds a treemap: a tile per row sized by its value, grouped into
// one tile per value of the series column when there is one.
func (b *builder) treemap() (*option, string, error) {
	items, err := b.namedValues()
	if err != nil {
		return nil, "", err
	}
	nodes := b.treeNodes(items)
	y := b.s.Y[0]
	format := "bs:named:" + b.format(y)
	o := b.base(false, "item")
	sr := newSeries("treemap", b.label(y), b.colorTiles(nodes, true))
	sr.Roam = opts.Bool(false)
	sr.NodeClick = opts.Bool(false)
	sr.Breadcrumb = &opts.Label{Show: opts.Bool(false)} // no path above the tiles
	sr.Label = &opts.Label{Show: opts.Bool(true), Formatter: format}
	sr.Tooltip = &seriesTooltip{SeriesTooltip: opts.SeriesTooltip{Formatter: fnStr(format)}}
	sr.Top, sr.Left, sr.Right, sr.Bottom = 8, 8, 8, 8
	if b.s.Series != "" {
		// Level 0 is the whole, level 1 the groups (named above their
		// tiles), level 2 the tiles.
		none := 0.0
		sr.Levels = []treeLevel{
			{ItemStyle: treeLevelStyle{BorderWidth: &none, GapWidth: 3}},
			{ItemStyle: treeLevelStyle{GapWidth: 1}, UpperLabel: treeLevelLabel{Show: true, Height: 22}},
		}
	}
	o.Series = []*seriesOption{sr}
	return o, b.describeTree(nodes), nil
}

// colorTiles gives tiles the colours their names keep; the tiles inside a
// group keep their group's colour unless they have a fixed colour of their
// own.
func (b *builder) colorTiles(nodes []treeNode, top bool) []treeNode {
	for i := range nodes {
		nodes[i].ItemStyle = b.itemStyle(nodes[i].Name, top)
		b.colorTiles(nodes[i].Children, false)
	}
	return nodes
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
	for i := range b.t.Len() {
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
