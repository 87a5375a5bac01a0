package block

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/broadsheet/broadsheet/internal/chart"
)

// chartFormFields are the chart keys of the newer chart forms: a second
// value axis, references, heatmap values, waterfall ends, small multiples.
type chartFormFields struct {
	Y2      *toml.Primitive `toml:"y2"`
	Y2Name  *toml.Primitive `toml:"y2_name"`
	Value   *toml.Primitive `toml:"value"`
	Start   *toml.Primitive `toml:"start"`
	StartAs *toml.Primitive `toml:"start_name"`
	EndAs   *toml.Primitive `toml:"end_name"`
	Facet   *toml.Primitive `toml:"facet"`
	Ref     *toml.Primitive `toml:"ref"` // [[ref]] tables, read as []refFields
	// LowerIsBetter colours a waterfall's falls as gains.
	LowerIsBetter *toml.Primitive `toml:"lower_is_better"`
}

// refFields are the keys of one [[ref]].
type refFields struct {
	Value  *toml.Primitive `toml:"value"`
	Stat   *toml.Primitive `toml:"stat"`
	Column *toml.Primitive `toml:"column"`
	From   *toml.Primitive `toml:"from"`
	To     *toml.Primitive `toml:"to"`
	Label  *toml.Primitive `toml:"label"`
}

// chartForms reads the newer forms' keys into the spec and returns the
// columns they name, for the dataset check.
func (d *doc) chartForms(f *chartFormFields, spec *chart.Spec) []ref {
	spec.Y2 = d.strs(f.Y2, "y2")
	spec.Y2Name = d.str(f.Y2Name, "y2_name")
	spec.Value = d.str(f.Value, "value")
	spec.StartName = d.str(f.StartAs, "start_name")
	spec.EndName = d.str(f.EndAs, "end_name")
	spec.Facet = d.str(f.Facet, "facet")
	if f.Start != nil {
		switch v := d.value(f.Start).(type) {
		case string:
			spec.StartColumn = d.str(f.Start, "start")
		case int64, float64:
			n, _ := d.number(f.Start, "start")
			spec.Start = &n
		default:
			d.wrongType([]string{"start"}, "a number or a column name", v, `write start = 1000000, or start = "followers_prev" to start from a column's sum`)
		}
	}
	if lower, _ := d.boolean(f.LowerIsBetter, "lower_is_better"); lower {
		up, down := spec.Colors.UpDown(spec.Lang)
		spec.Colors.Up, spec.Colors.Down = down, up
	}
	spec.Refs = d.refs(f.Ref)
	refs := []ref{{spec.Value, []string{"value"}}, {spec.StartColumn, []string{"start"}}, {spec.Facet, []string{"facet"}}}
	for _, y := range spec.Y2 {
		refs = append(refs, ref{y, []string{"y2"}})
	}
	for _, r := range spec.Refs {
		refs = append(refs, ref{r.Column, []string{r.Key, "column"}})
	}
	return refs
}

// refs reads the [[ref]] tables.
func (d *doc) refs(p *toml.Primitive) []chart.Ref {
	if p == nil {
		return nil
	}
	raw := d.value(p)
	if _, ok := raw.([]map[string]any); !ok {
		d.wrongType([]string{"ref"}, "[[ref]] tables", raw, `start each reference with a [[ref]] line`)
		return nil
	}
	var list []refFields
	d.mark(p, &list)
	out := make([]chart.Ref, len(list))
	for i, rf := range list {
		key := fmt.Sprintf("ref#%d", i)
		at := func(k string) []string { return []string{key, k} }
		r := chart.Ref{Key: key, Label: d.str(rf.Label, at("label")...), Stat: d.str(rf.Stat, at("stat")...), Column: d.str(rf.Column, at("column")...)}
		r.Value = d.optNumber(rf.Value, at("value"))
		r.From = d.optNumber(rf.From, at("from"))
		r.To = d.optNumber(rf.To, at("to"))
		for _, e := range r.Check() {
			d.errorf(strings.Split(e.Key, "."), e.Hint, "%s", e.Msg)
		}
		out[i] = r
	}
	return out
}

// optNumber reads a number that may be absent.
func (d *doc) optNumber(p *toml.Primitive, path []string) *float64 {
	if n, ok := d.number(p, path...); ok {
		return &n
	}
	return nil
}
