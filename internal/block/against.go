package block

import (
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/internal/compare"
	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/locale"
	"github.com/broadsheet/broadsheet/internal/numfmt"
)

// The values of the compare key.
const (
	againstPrevious = "previous"
	againstYear     = "year"
	againstPlan     = "plan"
)

// against sets what a selection compares with.
func (d *doc) against(s *selection, v string) {
	switch v {
	case againstPrevious:
		s.names = compare.Previous
	case againstYear:
		s.names = compare.YearAgo
	case againstPlan:
		s.names = compare.Plan
	case "":
		return
	default:
		d.errorf(s.at("compare"), `write compare = "previous" (环比), "year" (同比) or "plan" (with plan = "dataset")`, "compare %q is not supported", v)
		return
	}
	s.compare, s.against = true, v
}

// checkPlan reports a plan key without compare = "plan", and the reverse.
func (d *doc) checkPlan(f *selectFields, s *selection) {
	switch {
	case f.Plan != nil && s.against != againstPlan:
		d.errorf(s.at("plan"), `add compare = "plan"`, "plan names the dataset to compare with, so it needs compare = \"plan\"")
	case s.against == againstPlan && f.Plan == nil:
		d.errorf(s.at("compare"), `name the plan dataset: plan = "targets"`, `compare = "plan" needs plan, the dataset of targets`)
	}
}

// isCompareColumn reports whether a column is one the selection's
// comparison adds.
func (s *selection) isCompareColumn(name string) bool {
	n := s.names
	return slices.Contains(n.Columns(nil), name) || strings.HasSuffix(name, n.Prev) ||
		strings.HasSuffix(name, n.Delta) || strings.HasSuffix(name, n.Change)
}

// isChange reports whether a column is the comparison's change or delta.
func (s *selection) isChange(name string) bool {
	return strings.HasSuffix(name, s.names.Change) || strings.HasSuffix(name, s.names.Delta)
}

// baselineFor resolves the dataset a selection is compared with: nil when
// there is none (the first edition, no edition a year earlier), and nil with
// missing set (and a warning) when that edition lacks the dataset. ok is
// false once an error is reported.
func (d *doc) baseline(s *selection) (base *dataset.Table, missing, ok bool) {
	switch s.against {
	case againstPlan:
		if d.env.Lookup == nil {
			d.errorf(s.at("plan"), "", "unknown dataset %q", s.plan)
			return nil, false, false
		}
		base, err := d.env.Lookup(s.plan)
		if err != nil {
			d.lookupErrorAt(s.at("plan"), err)
			return nil, false, false
		}
		return base, false, true
	case againstYear:
		if s.sql != "" {
			base, ok = d.runSQL(s, PeriodYear)
			return base, false, ok
		}
		return d.resolveEarlier(s, d.env.YearAgo)
	}
	if s.sql != "" {
		base, ok = d.runSQL(s, PeriodPrevious)
		return base, false, ok
	}
	return d.resolveEarlier(s, d.env.Previous)
}

// noBaselineNote says that there is nothing to compare with: the first
// edition, no edition a year earlier, or (missing) such an edition without
// the dataset.
func noBaselineNote(against, lang string, missing bool) string {
	if against != againstYear {
		return firstEditionNote(lang, missing)
	}
	if missing {
		return word(lang, locale.NoYearData)
	}
	return word(lang, locale.NoYear)
}

// noBaselineShort is noBaselineNote for a KPI card.
func noBaselineShort(against, lang string, missing bool) string {
	if against != againstYear {
		return firstEditionShort(lang, missing)
	}
	if missing {
		return word(lang, locale.NoYearDataShort)
	}
	return word(lang, locale.NoYearShort)
}

// versus is the words before a KPI card's change.
func versus(against, lang string) string {
	switch against {
	case againstYear:
		return word(lang, locale.VsYear)
	case againstPlan:
		return word(lang, locale.VsPlan)
	}
	return word(lang, locale.VsPrevious)
}

// baselineSuffix names the baseline after a series' name: " (previous)",
// "（上年同期）".
var baselineSuffix = map[string]locale.Key{againstPrevious: locale.PreviousSuffix, againstYear: locale.YearSuffix, againstPlan: locale.PlanSuffix}

// ofPlan writes a card's attainment: "150.0% of plan" / "完成 150.0%".
func ofPlan(ratio float64, lang string) string {
	return locale.Of(lang).Format(locale.OfPlan, numfmt.Format(ratio, "percent", lang))
}

// isPercent reports whether a number format shows a share (×100, "%").
func isPercent(format string) bool {
	switch format {
	case "percent", "0%", "0.0%", "0.00%", "signed-percent":
		return true
	}
	return false
}

// percentPoints finds the columns shown as percentages whose comparison
// columns are differences in percentage points: the delta, and the change,
// which for a share is the same difference (a relative change of a rate
// reads as a misprint). It returns the table with those change columns
// replaced and the set of delta and change columns to write in points.
func percentPoints(s *selection, t *dataset.Table, formats map[string]string) (*dataset.Table, map[string]bool) {
	if s.names.Ratio {
		return t, nil
	}
	pts := map[string]bool{}
	out := t
	for _, c := range t.Columns {
		delta := t.Column(c.Name + s.names.Delta)
		if !isPercent(formats[c.Name]) || delta == nil {
			continue
		}
		pts[delta.Name] = true
		if out == t {
			out = &dataset.Table{Name: t.Name, File: t.File, Line: t.Line, Columns: slices.Clone(t.Columns)}
		}
		for i, oc := range out.Columns {
			if oc.Name == c.Name+s.names.Change {
				change := *delta
				change.Name = oc.Name
				change.Type = dataset.Float
				out.Columns[i] = &change
				pts[oc.Name] = true
			}
		}
	}
	return out, pts
}

// points writes a difference of two shares in percentage points, with its
// sign, in the number format "pp": +1.2pp / +1.2个百分点.
func points(v float64, lang string) string {
	return numfmt.Format(v, "pp", lang)
}

// countNames heads each counted column as a reader says it ("account
// (count)", "账号数"), where the block gives it no name of its own: after
// aggregate = { account = "count" } the column holds a number of accounts,
// not accounts.
func countNames(s *selection, names map[string]string, lang string) map[string]string {
	for col, fn := range s.q.Aggregate {
		if fn != "count" || names[col] != "" {
			continue
		}
		if names == nil {
			names = map[string]string{}
		}
		names[col] = locale.Of(lang).Format(locale.CountOf, col)
	}
	return names
}
