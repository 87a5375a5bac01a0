package block

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// optionHas reports whether a contains line of JSON, read as the members of
// an object ("k":v,…) or as items of a list ({…},{…}), is in the chart
// option of html whatever the order of the option's keys: the option's key
// order is go-echarts' field order, not part of its meaning.
func optionHas(html, line string) bool {
	const open = `<script type="application/json" class="bs-chart-option">`
	_, rest, ok := strings.Cut(html, open)
	if !ok {
		return false
	}
	text, _, _ := strings.Cut(rest, "</script>")
	var option any
	if json.Unmarshal([]byte(text), &option) != nil {
		return false
	}
	var members map[string]any
	if json.Unmarshal([]byte("{"+line+"}"), &members) == nil {
		return walkJSON(option, func(v any) bool { return hasMembers(v, members) })
	}
	var items []any
	if json.Unmarshal([]byte("["+line+"]"), &items) == nil {
		return walkJSON(option, func(v any) bool { return hasRun(v, items) })
	}
	return false
}

// walkJSON reports whether f holds for v or any value inside it.
func walkJSON(v any, f func(any) bool) bool {
	if f(v) {
		return true
	}
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if walkJSON(e, f) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if walkJSON(e, f) {
				return true
			}
		}
	}
	return false
}

// hasMembers reports whether v is an object holding every member.
func hasMembers(v any, members map[string]any) bool {
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for k, want := range members {
		if got, ok := obj[k]; !ok || !reflect.DeepEqual(got, want) {
			return false
		}
	}
	return true
}

// hasRun reports whether v is a list holding items one after another.
func hasRun(v any, items []any) bool {
	list, ok := v.([]any)
	if !ok || len(items) == 0 {
		return false
	}
	for i := 0; i+len(items) <= len(list); i++ {
		if reflect.DeepEqual(list[i:i+len(items)], items) {
			return true
		}
	}
	return false
}

func TestOptionHas(t *testing.T) {
	html := `<script type="application/json" class="bs-chart-option">{"series":[{"type":"bar","data":[{"value":1},{"value":2},{"value":3}]}]}</script>`
	for line, want := range map[string]bool{
		`"data":[{"value":1},{"value":2},{"value":3}],"type":"bar"`: true,
		`{"value":2},{"value":3}`:                                   true,
		`"type":"line"`:                                             false,
		`{"value":3},{"value":2}`:                                   false,
		`"data":[{"value":1}]`:                                      false,
		`not json`:                                                  false,
	} {
		if got := optionHas(html, line); got != want {
			t.Errorf("optionHas(%s) = %v, want %v", line, got, want)
		}
	}
}
