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
	spec, ok := d.tableSpec(src, id)
	if !ok {
		return Output{}
	}
	refs, wantRank, ok := d.tableRefs(spec.cols, spec.labels, spec.per)
	if !ok {
		return Output{}
	}
	t := d.load(spec.sel, refs)
	if t == nil || len(d.errs) > 0 {
		return Output{} // the data's problems are reported beside the keys'
	}
	if len(spec.cols) == 0 {
		spec.cols = t.Names()
	}
	rankClass := ""
	if wantRank {
		rankClass = rankColumn
		if t, ok = d.withRank(t, spec.sel); !ok {
			return Output{}
		}
	}
	view := d.tableView(spec, t, rankClass)
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "table-block", view); err != nil {
		d.errorf(nil, "", "%v", err)
		return Output{}
	}
	return Output{ID: spec.id, HTML: template.HTML(b.String())}
}

// tableSpec is a table block's keys, read and checked.
type tableSpec struct {
	id, title, caption string
	sel                *selection
	cols               []string
	labels             map[string]string
	all                string            // the format of every column
	per                map[string]string // and of each
	showDropped        bool
}

// tableSpec reads a table block's keys. It reports false when a key's
// problem leaves nothing to check the data against.
func (d *doc) tableSpec(src, id string) (tableSpec, bool) {
	var f tableFields
	if !d.decode(src, &f) {
		return tableSpec{}, false
	}
	spec := tableSpec{id: d.blockID(f.ID, id), sel: d.selection(&f.selectFields, nil, "")}
	spec.cols = d.strs(f.Columns, "columns")
	spec.labels = d.strMap(f.Labels, `labels = { followers = "粉丝量" }`, "labels")
	spec.all, spec.per = d.formats(f.Format, "format")
	spec.title = d.str(f.Title, "title")
	spec.caption = d.str(f.Caption, "caption")
	spec.showDropped, _ = d.boolean(f.Dropped, "dropped")
	d.lowerBetter = d.strs(f.LowerIsBetter, "lower_is_better")
	if f.Dropped != nil && !spec.sel.compare {
		d.errorf([]string{"dropped"}, `add compare = "previous"`, "dropped lists rows that left since the previous edition, so it needs compare")
	}
	d.unknownKeys(tableKeys)
	// A value of the wrong type that shapes the rows: their checks would mislead.
	return spec, !d.shapeFailed("")
}

// withRank adds the rank column, by the block's sort, to a table that has
// none.
func (d *doc) withRank(t *dataset.Table, sel *selection) (*dataset.Table, bool) {
	if t.Column(rankColumn) != nil {
		return t, true
	}
	ranks, err := query.Rank(t, sel.q.Sort)
	if err != nil {
		d.errorf([]string{"columns"}, `add sort = "-followers" to rank by followers`, "the rank column needs sort (the order to rank by)")
		return nil, false
	}
	rc := dataset.NewColumn(rankColumn, dataset.Int, len(ranks))
	for _, r := range ranks {
		rc.Append(r)
	}
	return &dataset.Table{Name: t.Name, File: t.File, Columns: append(slices.Clone(t.Columns), rc)}, true
}

// tableLabels are the column headings: the author's, the count columns',
// and the rank's and the move's in the page language.
func (d *doc) tableLabels(spec tableSpec, rankClass string) map[string]string {
	labels := countNames(spec.sel, spec.labels, d.env.Lang)
	if labels == nil {
		labels = map[string]string{}
	}
	if rankClass != "" && labels[rankColumn] == "" {
		labels[rankColumn] = word(d.env.Lang, locale.RankHeader)
	}
	if rd := spec.sel.names.RankDelta; spec.sel.compare && rd != "" && labels[rd] == "" {
		labels[rd] = word(d.env.Lang, locale.MoveHeader)
	}
	return labels
}

// tableView lays the table out for its template: cells formatted and
// linked, and with compare, the changes marked, the note of a missing
// baseline and the rows that dropped out.
func (d *doc) tableView(spec tableSpec, t *dataset.Table, rankClass string) tableBlockView {
	sel := spec.sel
	labels := d.tableLabels(spec, rankClass)
	formats := tableFormats(t, sel, spec.all, spec.per, rankClass)
	var pts map[string]bool
	if sel.compare {
		t, pts = percentPoints(sel, t, formats)
	}
	data := chart.TableOf(t, spec.cols, labels, formats, d.env.Lang)
	view := tableBlockView{ID: spec.id, Title: spec.title, Caption: spec.caption, Table: viewOf(data, rankClass)}
	d.linkCells(&view.Table, data, sel.data)
	if !sel.compare {
		return view
	}
	d.markChanges(&view, sel, t, spec.cols, pts)
	if sel.cmp != nil && sel.cmp.First {
		view.Note = noBaselineNote(sel.against, d.env.Lang, sel.missing)
	}
	if spec.showDropped && sel.cmp != nil && sel.cmp.Dropped != nil && sel.cmp.Dropped.Len() > 0 {
		view.DroppedHead, view.Dropped = droppedList(sel.cmp.Dropped, sel.names, rowLabel(t, spec.cols, d.keyOf(sel)), d.env.Lang)
	}
	return view
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
