package block

import "github.com/broadsheet/broadsheet/internal/dataset"

// ownFormats gives each number column of t that is known to read in a
// format of its own (a share: percentages in the file, a share of a
// total) that format, where the block names none for the column. A
// block-wide format that is not a percentage is meant for the counts and
// amounts; it does not turn a share into 0.
func ownFormats(formats map[string]string, t *dataset.Table, all string, per map[string]string) {
	if isPercent(all) {
		return
	}
	for _, c := range t.Columns {
		if _, named := per[c.Name]; !named && c.Format != "" && c.Type.Numeric() {
			formats[c.Name] = c.Format
		}
	}
}

// ownFormat is the format a value of column col is shown in when the
// author names none: the column's own, unless it is counted.
func ownFormat(col *dataset.Column, aggregate string) string {
	if col == nil || aggregate == "count" || !col.Type.Numeric() {
		return ""
	}
	return col.Format
}
