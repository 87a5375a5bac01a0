package block

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/chart"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/query"
)

// tableFields are the keys of a table block.
type tableFields struct {
	selectFields
	ID      *toml.Primitive `toml:"id"`
	Columns *toml.Primitive `toml:"columns"`
	Labels  *toml.Primitive `toml:"labels"`
	Format  *toml.Primitive `toml:"format"`
	Title   *toml.Primitive `toml:"title"`
	Caption *toml.Primitive `toml:"caption"`
	Dropped *toml.Primitive `toml:"dropped"`
	// LowerIsBetter names the columns whose rises are losses (costs,
	// complaints): their changes are coloured the other way.
	LowerIsBetter *toml.Primitive `toml:"lower_is_better"`
}

// rankColumn is the column name that asks for ranks over the block's sort,
// unless the data has a column of that name.
const rankColumn = "rank"

// tableBlockView is what the table block template shows.
type tableBlockView struct {
	ID             string
	Title, Caption string
	Table          tableView
	// Note says the first edition has nothing to compare with.
	Note string
	// Dropped lists the rows the previous edition showed and this one does
	// not, under its heading.
	DroppedHead string
	Dropped     []string
}

func (d *doc) table(src, id string) Output {
	var f tableFields
	if !d.decode(src, &f) {
		return Output{}
	}
	id = d.blockID(f.ID, id)
	sel := d.selection(&f.selectFields, nil, "")
	cols := d.strs(f.Columns, "columns")
	labels := d.strMap(f.Labels, `labels = { followers = "粉丝量" }`, "labels")
	all, per := d.formats(f.Format, "format")
	title := d.str(f.Title, "title")
	caption := d.str(f.Caption, "caption")
	showDropped, _ := d.boolean(f.Dropped, "dropped")
	d.lowerBetter = d.strs(f.LowerIsBetter, "lower_is_better")
	if f.Dropped != nil && !sel.compare {
		d.errorf([]string{"dropped"}, `add compare = "previous"`, "dropped lists rows that left since the previous edition, so it needs compare")
	}
	d.unknownKeys(map[string][]string{"": keysOf(f)})
	if d.shapeFailed("") {
		return Output{} // a value of the wrong type that shapes the rows: their checks would mislead
	}

	refs, wantRank, ok := d.tableRefs(cols, labels, per)
	if !ok {
		return Output{}
	}
	t := d.load(sel, refs)
	if t == nil || len(d.errs) > 0 {
		return Output{} // the data's problems are reported beside the keys'
	}
	labels = countNames(sel, labels, d.env.Lang)
	if len(cols) == 0 {
		cols = t.Names()
	}
	rankClass := ""
	if wantRank {
		rankClass = rankColumn
	}
	if wantRank && t.Column(rankColumn) == nil {
		ranks, err := query.Rank(t, sel.q.Sort)
		if err != nil {
			d.errorf([]string{"columns"}, `add sort = "-followers" to rank by followers`, "the rank column needs sort (the order to rank by)")
			return Output{}
		}
		rc := dataset.NewColumn(rankColumn, dataset.Int, len(ranks))
		for _, r := range ranks {
			rc.Append(r)
		}
		t = &dataset.Table{Name: t.Name, File: t.File, Columns: append(slices.Clone(t.Columns), rc)}
	}
	if wantRank && labels[rankColumn] == "" {
		if labels == nil {
			labels = map[string]string{}
		}
		labels[rankColumn] = word(d.env.Lang, locale.RankHeader)
	}
	formats := tableFormats(t, sel, all, per, rankClass)
	if sel.compare {
		if labels == nil {
			labels = map[string]string{}
		}
		if sel.names.RankDelta != "" && labels[sel.names.RankDelta] == "" {
			labels[sel.names.RankDelta] = word(d.env.Lang, locale.MoveHeader)
		}
	}
	var pts map[string]bool
	if sel.compare {
		t, pts = percentPoints(sel, t, formats)
	}
	data := chart.TableOf(t, cols, labels, formats, d.env.Lang)
	view := tableBlockView{ID: id, Title: title, Caption: caption, Table: viewOf(data, rankClass)}
	d.linkCells(&view.Table, data, sel.data)
	if sel.compare {
		d.markChanges(&view, sel, t, cols, pts)
		if sel.cmp != nil && sel.cmp.First {
			view.Note = noBaselineNote(sel.against, d.env.Lang, sel.missing)
		}
		if showDropped && sel.cmp != nil && sel.cmp.Dropped != nil && sel.cmp.Dropped.Len() > 0 {
			view.DroppedHead, view.Dropped = droppedList(sel.cmp.Dropped, sel.names, rowLabel(t, cols, d.keyOf(sel)), d.env.Lang)
		}
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "table-block", view); err != nil {
		d.errorf(nil, "", "%v", err)
		return Output{}
	}
	return Output{ID: id, HTML: template.HTML(b.String())}
}

// rowLabel names the columns a reader knows a row of the table by: the key
// when the table shows it, else the text columns it shows (a bank's name
// rather than an account id it hides), else the key.
func rowLabel(t *dataset.Table, cols, key []string) []string {
	if !slices.ContainsFunc(key, func(k string) bool { return !slices.Contains(cols, k) }) {
		return key
	}
	var label []string
	for _, c := range cols {
		if col := t.Column(c); col != nil && col.Type == dataset.String {
			label = append(label, c)
		}
	}
	if len(label) == 0 {
		return key
	}
	return label
}

// tableRefs lists the columns a table names, each at its key, and whether
// it asks for the rank column; false when a column name is empty.
func (d *doc) tableRefs(cols []string, labels, per map[string]string) (refs []ref, wantRank, ok bool) {
	for _, c := range cols {
		if c == "" {
			d.errorf([]string{"columns"}, "", "columns names an empty column")
			return nil, false, false
		}
		if c == rankColumn {
			wantRank = true
			continue
		}
		refs = append(refs, ref{c, []string{"columns"}})
	}
	for _, c := range slices.Sorted(maps.Keys(labels)) {
		if c != rankColumn {
			refs = append(refs, ref{c, []string{"labels", c}})
		}
	}
	for _, c := range slices.Sorted(maps.Keys(per)) {
		if c != rankColumn {
			refs = append(refs, ref{c, []string{"format", c}})
		}
	}
	for _, c := range d.lowerBetter {
		refs = append(refs, ref{c, []string{"lower_is_better"}})
	}
	return refs, wantRank, true
}

// tableFormats gives each column its number format: the block's format for
// every number column but the rank, the comparison's own for its columns,
// a share's percent format, then the formats named per column.
func tableFormats(t *dataset.Table, sel *selection, all string, per map[string]string, rankClass string) map[string]string {
	formats := map[string]string{}
	if all != "" {
		for _, c := range t.Columns {
			if c.Type.Numeric() && c.Name != rankClass {
				formats[c.Name] = all
			}
		}
	}
	if sel.compare {
		for _, c := range t.Columns {
			switch {
			case strings.HasSuffix(c.Name, sel.names.Change) && sel.names.Ratio:
				formats[c.Name] = "percent"
			case strings.HasSuffix(c.Name, sel.names.Change):
				formats[c.Name] = "signed-percent"
			case strings.HasSuffix(c.Name, sel.names.Delta):
				formats[c.Name] = "signed"
			}
		}
	}
	ownFormats(formats, t, all, per)
	maps.Copy(formats, per)
	return formats
}
