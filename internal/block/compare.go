package block

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/compare"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// compareColumns lists the columns a comparison may add to known columns.
func compareColumns(known []string) []string {
	out := []string{compare.Rank, compare.RankPrev, compare.RankDelta, compare.IsNew}
	for _, k := range known {
		out = append(out, k+compare.SuffixPrev, k+compare.SuffixDelta, k+compare.SuffixChange)
	}
	return out
}

// compareRun joins the selection's rows with the previous edition's. It
// returns nil and no error after reporting a problem of its own.
func (d *doc) compareRun(s *selection, src *dataset.Table) (*dataset.Table, error) {
	if d.env.Previous == nil {
		d.errorf(s.at("compare"), "move the block into an edition, or remove compare", `compare = "previous" works on edition pages only`)
		return nil, nil
	}
	prev, missing, ok := d.previous(s)
	if !ok {
		return nil, nil
	}
	s.missing = missing
	key := d.keyOf(s)
	res, err := compare.Run(src, prev, s.q, key)
	if err != nil {
		var qe query.Errors
		if errors.As(err, &qe) {
			return nil, err // the query's own problems, reported at their keys
		}
		var ce *compare.Error
		if errors.As(err, &ce) {
			path := s.at("compare")
			if s.key != "" {
				path = s.at("key")
			}
			d.errorf(path, ce.Hint, "%s", ce.Msg)
			return nil, nil
		}
		return nil, err
	}
	s.cmp = res
	return res.Table, nil
}

// previous resolves the selection's dataset in the previous edition: nil for
// the first edition, and nil with missing set (and a warning) when the
// previous edition lacks the dataset. ok is false once an error is reported.
func (d *doc) previous(s *selection) (prev *dataset.Table, missing, ok bool) {
	prev, err := d.env.Previous(s.data)
	var w *diag.Error
	if errors.As(err, &w) && w.Warning {
		c := *w
		c.Pos = d.pos(s.at("compare")...)
		c.Msg = d.kind + ": " + c.Msg
		d.warns = append(d.warns, &c)
		return nil, true, true
	}
	if err != nil {
		d.lookupErrorAt(s.at("compare"), err)
		return nil, false, false
	}
	return prev, false, true
}

// lookupErrorAt reports a resolver's error at a key; a problem inside a
// dataset file is reported where it is.
func (d *doc) lookupErrorAt(path []string, err error) {
	var e *diag.Error
	if errors.As(err, &e) && e.Pos.File == "" {
		d.errorf(path, e.Hint, "%s", e.Msg)
		return
	}
	var list diag.List
	if errors.As(err, &list) || errors.As(err, &e) {
		d.errs.Add(err)
		return
	}
	d.errorf(path, "", "%v", err)
}

// movement writes a rank change for a reader: ▲2, ▼1, – for none, and 新
// (NEW) for a row that is new this edition. The sign is in the text, so it
// reads without colour.
func movement(t *dataset.Table, row int, lang string) (text, class string) {
	if isNew := t.Column(compare.IsNew); isNew != nil && isNew.Valid[row] && isNew.Num[row] != 0 {
		if numfmt.IsChinese(lang) {
			return "新", "bs-move bs-new"
		}
		return "NEW", "bs-move bs-new"
	}
	c := t.Column(compare.RankDelta)
	if c == nil || c.IsNull(row) {
		return "", "bs-move"
	}
	switch v := int(c.Num[row]); {
	case v > 0:
		return fmt.Sprintf("▲%d", v), "bs-move bs-up"
	case v < 0:
		return fmt.Sprintf("▼%d", -v), "bs-move bs-down"
	}
	return "–", "bs-move bs-same"
}

// trend returns the class of a signed change.
func trend(v float64) string {
	switch {
	case v > 0:
		return "bs-up"
	case v < 0:
		return "bs-down"
	}
	return "bs-same"
}

// isCompareColumn reports whether a column is one a comparison adds.
func isCompareColumn(name string) bool {
	return slices.Contains(compareColumns(nil), name) || isChangeColumn(name) || strings.HasSuffix(name, compare.SuffixPrev)
}

// isChangeColumn reports whether a column is a comparison's change or delta.
func isChangeColumn(name string) bool {
	return strings.HasSuffix(name, compare.SuffixChange) || strings.HasSuffix(name, compare.SuffixDelta)
}

// firstEditionNote says that there is nothing to compare with: the first
// edition, or (missing) a previous edition without the dataset.
func firstEditionNote(lang string, missing bool) string {
	zh := numfmt.IsChinese(lang)
	switch {
	case missing && zh:
		return "上期没有这份数据，暂无比较。"
	case missing:
		return "The previous edition has no such data: there is nothing to compare with."
	case zh:
		return "本期为首期，暂无上期数据可供比较。"
	}
	return "This is the first edition: there is no earlier one to compare with."
}

// keyOf returns the key column the selection compares on: the block's key,
// else the one group column of grouped rows, else the dataset's declared key.
func (d *doc) keyOf(s *selection) string {
	switch {
	case s.key != "":
		return s.key
	case len(s.q.Group) == 1:
		return s.q.Group[0]
	case d.env.Key != nil:
		return d.env.Key(s.data)
	}
	return ""
}

// markChanges writes rank movement and coloured, signed changes into a
// compared table's cells.
func (d *doc) markChanges(v *tableBlockView, t *dataset.Table, cols []string) {
	for i, name := range cols {
		col := t.Column(name)
		switch {
		case name == compare.RankDelta:
			v.Table.Columns[i].Class = "bs-move"
			for r := range v.Table.Rows {
				v.Table.Rows[r][i].Text, v.Table.Rows[r][i].Class = movement(t, r, d.env.Lang)
			}
		case col != nil && col.Type.Numeric() && isChangeColumn(name):
			for r := range v.Table.Rows {
				if val, ok := col.Float(r); ok {
					cell := &v.Table.Rows[r][i]
					// The sign is always in the text, whatever the format,
					// but a change that rounds to zero has none: never "+0".
					if !shownNonZero(cell.Text) {
						val = 0
					}
					cell.Class = "bs-num " + trend(val) + d.invert(name)
					if val > 0 && !strings.HasPrefix(cell.Text, "+") {
						cell.Text = "+" + cell.Text
					}
				}
			}
		}
	}
}

// droppedList describes the rows that left the table since the previous
// edition, each with its previous rank (and its rank now, if it has one).
func droppedList(t *dataset.Table, key, lang string) (string, []string) {
	zh := numfmt.IsChinese(lang)
	head := "Dropped out since the previous edition:"
	if zh {
		head = "上期在列、本期未入列："
	}
	keyCol := t.Column(key)
	prev, now := t.Column(compare.RankPrev), t.Column(compare.Rank)
	var items []string
	for i := range t.Len() {
		name := ""
		if keyCol != nil {
			name = keyCol.Text(i)
		}
		var parts []string
		if prev != nil && prev.Valid[i] {
			if zh {
				parts = append(parts, fmt.Sprintf("上期第 %d 名", int(prev.Num[i])))
			} else {
				parts = append(parts, fmt.Sprintf("previously #%d", int(prev.Num[i])))
			}
		}
		if now != nil && now.Valid[i] {
			if zh {
				parts = append(parts, fmt.Sprintf("本期第 %d 名", int(now.Num[i])))
			} else {
				parts = append(parts, fmt.Sprintf("now #%d", int(now.Num[i])))
			}
		} else if prev != nil {
			if zh {
				parts = append(parts, "本期无数据")
			} else {
				parts = append(parts, "not in this edition's data")
			}
		}
		if len(parts) > 0 {
			sep := ", "
			open, closing := " (", ")"
			if zh {
				sep, open, closing = "，", "（", "）"
			}
			name += open + strings.Join(parts, sep) + closing
		}
		items = append(items, name)
	}
	return head, items
}

// cardChange adds the change since the previous edition to a KPI card: the
// signed difference in the card's format and, when the previous value is not
// zero, the signed percentage. The previous value is computed as the card's
// own: the same query over the previous edition's dataset.
func (d *doc) cardChange(cv *cardView, s *selection, value, aggregate, format string, cur float64) {
	prev, missing, ok := d.previous(s)
	if !ok {
		return
	}
	if prev == nil {
		cv.Change, cv.ChangeClass = firstEditionShort(d.env.Lang, missing), "bs-same"
		return
	}
	t, err := query.Run(prev, s.q)
	if err != nil {
		d.errorf(s.at("compare"), "", "the previous edition's %s: %v", s.data, err)
		return
	}
	var before float64
	found := false
	if col := t.Column(value); col != nil {
		if aggregate != "" {
			before, found, _ = query.Aggregate(col, aggregate)
		} else if t.Len() > 0 {
			before, found = col.Float(0)
		}
	}
	if !found {
		return
	}
	delta := cur - before
	text := ui(d.env.Lang, "vs_prev") + " " + signed(delta, format, d.env.Lang)
	if before != 0 {
		pct := numfmt.Format(delta/abs(before), "signed-percent", d.env.Lang)
		if numfmt.IsChinese(d.env.Lang) {
			text += "（" + pct + "）"
		} else {
			text += " (" + pct + ")"
		}
	}
	if !shownNonZero(numfmt.Format(delta, format, d.env.Lang)) {
		delta = 0
	}
	cv.Change, cv.ChangeClass = text, trend(delta)
}

// invert returns " bs-invert" for the change of a column where lower is
// better, whose rises are coloured as losses.
func (d *doc) invert(name string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(name, compare.SuffixDelta), compare.SuffixChange)
	if slices.Contains(d.lowerBetter, base) {
		return " bs-invert"
	}
	return ""
}

// shownNonZero reports whether a formatted number shows a digit other than
// zero: a change written as 0 or 0.0% is no change to a reader.
func shownNonZero(text string) bool {
	return strings.ContainsAny(text, "123456789")
}

// signed formats a difference with its sign: +1,234 / −56 / 0 (a change
// that rounds to zero has no sign).
func signed(v float64, format, lang string) string {
	return numfmt.Signed(v, format, lang)
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func firstEditionShort(lang string, missing bool) string {
	zh := numfmt.IsChinese(lang)
	switch {
	case missing && zh:
		return "上期无此数据"
	case missing:
		return "No previous data"
	case zh:
		return "首期，暂无比较"
	}
	return "First edition: nothing to compare"
}
