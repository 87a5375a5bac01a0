package block

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/numfmt"
	"github.com/broadsheet/broadsheet/internal/query"
)

// kpiFields are the keys of a kpi block.
type kpiFields struct {
	ID   *toml.Primitive `toml:"id"`
	Data *toml.Primitive `toml:"data"` // the cards' dataset unless a card names its own
	Card *toml.Primitive `toml:"card"` // [[card]] tables, read as []cardFields
}

// cardFields are the keys of one [[card]].
type cardFields struct {
	Label     *toml.Primitive `toml:"label"`
	Data      *toml.Primitive `toml:"data"`
	Where     *toml.Primitive `toml:"where"`
	Compute   *toml.Primitive `toml:"compute"`
	Sort      *toml.Primitive `toml:"sort"`
	Value     *toml.Primitive `toml:"value"`
	Aggregate *toml.Primitive `toml:"aggregate"`
	Number    *toml.Primitive `toml:"number"`
	Unit      *toml.Primitive `toml:"unit"`
	Format    *toml.Primitive `toml:"format"`
	Note      *toml.Primitive `toml:"note"`
	Compare   *toml.Primitive `toml:"compare"`
	SQL       *toml.Primitive `toml:"sql"`
	Plan      *toml.Primitive `toml:"plan"`
	// LowerIsBetter colours the card's change the other way: a rise is a loss.
	LowerIsBetter *toml.Primitive `toml:"lower_is_better"`
}

// kpiView is what the kpi template shows.
type kpiView struct {
	ID    string
	Cards []cardView
}

type cardView struct {
	Value, Unit, Label, Note string
	Empty                    bool
	// Change is the move since the previous edition, signed, and
	// ChangeClass its direction (bs-up, bs-down, bs-same).
	Change, ChangeClass string
}

// kpiCard is one card's decoded keys.
type kpiCard struct {
	path      []string
	sel       *selection
	label     string
	value     string
	aggregate string
	number    float64
	literal   bool
	unit      string
	format    string
	note      string
	bad       bool // the keys that choose the card's data are wrong: skip it
	badAgg    bool // the aggregate is unknown: check the data, compute nothing
	compare   bool // show the change since the previous edition
	lower     bool // lower is better: the change colours the other way
}

func (d *doc) kpi(src, id string) Output {
	var f kpiFields
	if !d.decode(src, &f) {
		return Output{}
	}
	id = d.blockID(f.ID, id)
	cards := d.kpiCards(&f)
	d.unknownKeys(kpiKeys)

	view := kpiView{ID: id}
	for i := range cards {
		if cards[i].bad {
			continue
		}
		if cv, ok := d.cardView(&cards[i]); ok {
			view.Cards = append(view.Cards, cv)
		}
	}
	if len(d.errs) > 0 {
		return Output{}
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "kpi", view); err != nil {
		d.errorf(nil, "", "%v", err)
		return Output{}
	}
	return Output{ID: id, HTML: template.HTML(b.String())}
}

// kpiCards decodes the block's data and cards, reporting every key's error.
func (d *doc) kpiCards(f *kpiFields) []kpiCard {
	data := d.str(f.Data, "data")
	var cardList []cardFields
	if f.Card != nil {
		raw := d.value(f.Card)
		if _, ok := raw.([]map[string]any); ok {
			d.mark(f.Card, &cardList)
		} else {
			d.wrongType([]string{"card"}, "[[card]] tables", raw, `start each card with a [[card]] line`)
		}
	}
	if f.Card == nil {
		d.errorf(nil, `add a card: [[card]] with label = "…", data = "…" and value = "column"`, "no cards")
	}
	cards := make([]kpiCard, len(cardList))
	for i := range cardList {
		cf := &cardList[i]
		c := &cards[i]
		c.path = []string{fmt.Sprintf("card#%d", i)}
		before, failed := len(d.errs), len(d.failed)
		at := func(key string) []string { return append(append([]string(nil), c.path...), key) }
		c.label = d.str(cf.Label, at("label")...)
		d.literalAlone(cf, at)
		c.sel = d.selection(&selectFields{Data: cf.Data, Where: cf.Where, Compute: cf.Compute, Sort: cf.Sort, Compare: cf.Compare, SQL: cf.SQL, Plan: cf.Plan}, c.path, data)
		// A card compares its value with the same value of the previous
		// edition; its rows need no join, so no key.
		c.compare, c.sel.compare = c.sel.compare, false
		if c.compare && c.sel.against != againstPlan && d.env.Previous == nil {
			d.errorf(at("compare"), "move the block into an edition, or remove compare", `compare = %q works on edition pages only`, c.sel.against)
		}
		c.value = d.str(cf.Value, at("value")...)
		c.aggregate = d.str(cf.Aggregate, at("aggregate")...)
		if c.aggregate != "" {
			if e := query.AggregateError("aggregate", c.aggregate); e != nil {
				d.errorf(at("aggregate"), e.Hint, "%s", e.Msg)
				c.badAgg = true
			}
		}
		c.number, c.literal = d.number(cf.Number, at("number")...)
		c.unit = d.str(cf.Unit, at("unit")...)
		c.format = d.str(cf.Format, at("format")...)
		if cf.Format != nil {
			d.checkFormat(c.format, at("format"))
		}
		c.note = d.str(cf.Note, at("note")...)
		c.lower, _ = d.boolean(cf.LowerIsBetter, at("lower_is_better")...)
		if cf.Label == nil {
			d.errorf(c.path, `add label = "…"`, "card %d needs a label", i+1)
		}
		switch {
		case cf.Number != nil && (cf.Data != nil || cf.Value != nil || cf.Aggregate != nil || cf.Where != nil):
			d.errorf(at("number"), "a card shows either a literal number or a value from a dataset", "number cannot be combined with data, value, where or aggregate")
		case cf.Value != nil && c.value == "" && !d.underFailed(toml.Key{"card", "value"}):
			d.errorf(at("value"), `write value = "column"`, "value names an empty column")
		case cf.Number == nil && cf.Value == nil:
			d.errorf(c.path, `add value = "column" (with data = "dataset"), or number = 123 for a figure from outside the data`, "card %d needs a value", i+1)
		}
		c.bad = d.cardBad(cf, c, before, failed)
	}
	return cards
}

// cardBad reports whether a card's data cannot be checked: its value is
// missing or mixed with a literal number (errors since before), or a key
// that chooses its rows had a value of the wrong type (failed since
// failed). A missing label or a wrong unit leaves its data to be checked.
func (d *doc) cardBad(cf *cardFields, c *kpiCard, before, failed int) bool {
	if len(d.errs) == before {
		return false
	}
	if cf.Number != nil || cf.Value == nil || c.value == "" {
		return true
	}
	for _, k := range d.failed[failed:] {
		if slices.Contains(shaping, strings.TrimPrefix(k, "card.")) || k == "card.where" {
			return true
		}
	}
	return false
}

// cardView computes what card c shows; false when its data has an error.
func (d *doc) cardView(c *kpiCard) (cardView, bool) {
	cv := cardView{Label: c.label, Note: c.note, Unit: c.unit}
	if c.literal {
		cv.Value = numfmt.Format(c.number, c.format, d.env.Lang)
		return cv, true
	}
	t := d.load(c.sel, []ref{{c.value, append(append([]string(nil), c.path...), "value")}})
	if t == nil {
		return cardView{}, false
	}
	col := t.Column(c.value)
	if c.badAgg {
		return cardView{}, false
	}
	format := cmp.Or(c.format, ownFormat(col, c.aggregate))
	if c.aggregate != "" {
		v, ok, err := query.Aggregate(col, c.aggregate)
		if err != nil {
			var qe *query.Error
			if errors.As(err, &qe) {
				d.errorf(c.sel.at("aggregate"), qe.Hint, "%s", qe.Msg)
			} else {
				d.errorf(c.sel.at("aggregate"), "", "%v", err)
			}
			return cardView{}, false
		}
		switch {
		case !ok:
			cv.Value, cv.Empty = "—", true
		case col.Type == dataset.Date && c.aggregate != "count":
			cv.Value = time.UnixMilli(int64(v)).UTC().Format("2006-01-02")
		default:
			cv.Value = numfmt.Format(v, format, d.env.Lang)
			if c.compare {
				d.cardChange(&cv, c.sel, c.value, c.aggregate, format, v)
				cv.ChangeClass += invertIf(c.lower)
			}
		}
	} else {
		if t.Len() == 0 {
			path := c.sel.at("data")
			if c.sel.q.Where != "" {
				path = c.sel.at("where")
			}
			d.errorf(path, "check the where filter and the dataset", "no rows to take %q from", c.value)
			return cardView{}, false
		}
		switch {
		case col.IsNull(0):
			cv.Value, cv.Empty = "—", true
		case col.Type.Numeric():
			cv.Value = numfmt.Format(col.Num[0], format, d.env.Lang)
			if c.compare {
				d.cardChange(&cv, c.sel, c.value, "", format, col.Num[0])
				cv.ChangeClass += invertIf(c.lower)
			}
		default:
			cv.Value = col.Text(0)
		}
	}
	return cv, true
}

// invertIf returns " bs-invert" when lower is better: the change is coloured
// the other way.
func invertIf(lower bool) string {
	if lower {
		return " bs-invert"
	}
	return ""
}

// literalAlone reports the comparison keys of a card that shows a literal
// number, which has no earlier value or plan to be compared with, and
// drops them so that they are reported once.
func (d *doc) literalAlone(cf *cardFields, at func(string) []string) {
	if cf.Number == nil {
		return
	}
	for _, k := range []struct {
		name string
		p    **toml.Primitive
	}{{"compare", &cf.Compare}, {"plan", &cf.Plan}} {
		if *k.p != nil {
			d.errorf(at(k.name), "remove "+k.name+", or take the value from a dataset with data and value", "%s does nothing on a literal number", k.name)
			*k.p = nil
		}
	}
}
