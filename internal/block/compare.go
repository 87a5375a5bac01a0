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

// compareRun joins the selection's rows with its baseline's: the previous
// edition's, the year-ago edition's or the plan's. It returns nil and no
// error after reporting a problem of its own.
func (d *doc) compareRun(s *selection, src *dataset.Table) (*dataset.Table, error) {
	if s.against != againstPlan && d.env.Previous == nil {
		d.errorf(s.at("compare"), "move the block into an edition, or remove compare", `compare = %q works on edition pages only`, s.against)
		return nil, nil
	}
	prev, missing, ok := d.baseline(s)
	if !ok {
		return nil, nil
	}
	s.missing = missing
	if prev != nil && s.other != nil && s.against != againstPlan {
		j, err := query.Join(prev, s.other, s.on)
		if err != nil {
			d.errorf(s.at("join"), "", "the earlier edition's %s: %v", prev.File, err)
			return nil, nil
		}
		prev = j
	}
	return d.compareWith(s, src, prev)
}

// compareWith runs the comparison of src with its baseline prev.
func (d *doc) compareWith(s *selection, src, prev *dataset.Table) (*dataset.Table, error) {
	key := d.keyOf(s)
	res, err := compare.With(s.names, src, prev, s.q, key)
	if err != nil {
		var qe query.Errors
		if errors.As(err, &qe) {
			return nil, err // the query's own problems, reported at their keys
		}
		var ce *compare.Error
		if errors.As(err, &ce) {
			path := s.at("compare")
			if len(s.key) > 0 {
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

// resolveEarlier resolves the selection's dataset in an earlier edition
// with resolve (the env's Previous or YearAgo): nil when there is none, and
// nil with missing set (and a warning) when that edition lacks the
// dataset. ok is false once an error is reported.
func (d *doc) resolveEarlier(s *selection, resolve func(string) (*dataset.Table, error)) (prev *dataset.Table, missing, ok bool) {
	if resolve == nil {
		d.errorf(s.at("compare"), "move the block into an edition, or remove compare", `compare = %q works on edition pages only`, s.against)
		return nil, false, false
	}
	prev, err := resolve(s.data)
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
func movement(t *dataset.Table, names compare.Names, row int, lang string) (text, class string) {
	if isNew := t.Column(names.IsNew); isNew != nil && isNew.Valid[row] && isNew.Num[row] != 0 {
		if numfmt.IsChinese(lang) {
			return "新", "bs-move bs-new"
		}
		return "NEW", "bs-move bs-new"
	}
	c := t.Column(names.RankDelta)
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

// keyOf returns the key columns the selection compares on: the block's key
// (one column or several), else the group columns of grouped rows, else the
// dataset's declared key.
func (d *doc) keyOf(s *selection) []string {
	switch {
	case len(s.key) > 0:
		return s.key
	case len(s.q.Group) > 0:
		return s.q.Group
	case d.env.Key != nil && len(d.env.Key(s.data)) > 0:
		return d.env.Key(s.data)
	}
	return nil
}

// markChanges writes rank movement and coloured, signed changes into a
// compared table's cells.
func (d *doc) markChanges(v *tableBlockView, s *selection, t *dataset.Table, cols []string, pts map[string]bool) {
	for i, name := range cols {
		col := t.Column(name)
		switch {
		case s.names.RankDelta != "" && name == s.names.RankDelta:
			v.Table.Columns[i].Class = "bs-move"
			for r := range v.Table.Rows {
				v.Table.Rows[r][i].Text, v.Table.Rows[r][i].Class = movement(t, s.names, r, d.env.Lang)
			}
		case s.names.Ratio && strings.HasSuffix(name, s.names.Change):
			// Attainment is a share of the plan, not a move: no sign.
		case col != nil && col.Type.Numeric() && s.isChange(name):
			for r := range v.Table.Rows {
				if val, ok := col.Float(r); ok {
					cell := &v.Table.Rows[r][i]
					if pts[name] {
						cell.Text = points(val, d.env.Lang)
					}
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
// edition, each by its label columns (as the table shows the row), with its
// previous rank (and its rank now, if it has one).
func droppedList(t *dataset.Table, names compare.Names, label []string, lang string) (string, []string) {
	zh := numfmt.IsChinese(lang)
	head, before, was := "Dropped out since the previous edition:", "上期", "previously"
	if names == compare.YearAgo {
		head, before, was = "Dropped out since a year earlier:", "上年同期", "a year earlier"
	}
	if zh {
		head = before + "在列、本期未入列："
	}
	var labelCols []*dataset.Column
	for _, k := range label {
		if c := t.Column(k); c != nil {
			labelCols = append(labelCols, c)
		}
	}
	prev, now := t.Column(names.RankPrev), t.Column(compare.Rank)
	var items []string
	for i := range t.Len() {
		cells := make([]string, len(labelCols))
		for j, c := range labelCols {
			cells[j] = c.Text(i)
		}
		name := strings.Join(cells, " · ")
		var parts []string
		if prev != nil && prev.Valid[i] {
			if zh {
				parts = append(parts, fmt.Sprintf("%s第 %d 名", before, int(prev.Num[i])))
			} else {
				parts = append(parts, fmt.Sprintf("%s #%d", was, int(prev.Num[i])))
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
	prev, missing, ok := d.baseline(s)
	if !ok {
		return
	}
	if prev == nil {
		cv.Change, cv.ChangeClass = noBaselineShort(s.against, d.env.Lang, missing), "bs-same"
		return
	}
	t, err := query.Run(prev, s.q)
	if err != nil {
		d.errorf(s.at("compare"), "", "the baseline's %s: %v", s.source(), err)
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
	text := versus(s.against, d.env.Lang) + " " + signed(delta, format, d.env.Lang)
	if isPercent(format) && !s.names.Ratio {
		text = versus(s.against, d.env.Lang) + " " + points(delta, d.env.Lang)
	} else if before != 0 {
		pct := numfmt.Format(delta/abs(before), "signed-percent", d.env.Lang)
		if s.names.Ratio {
			pct = ofPlan(cur/before, d.env.Lang)
		}
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
	base := name
	for _, n := range []compare.Names{compare.YearAgo, compare.Plan, compare.Previous} {
		if b, ok := strings.CutSuffix(name, n.Delta); ok {
			base = b
			break
		}
		if b, ok := strings.CutSuffix(name, n.Change); ok {
			base = b
			break
		}
	}
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
