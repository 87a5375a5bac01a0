package chart

import "time"

// categoryAxis returns a category axis named by x_name: with more than six
// categories along the bottom, every label shows, tilted so that many fit
// side by side.
func (b *builder) categoryAxis(n int) map[string]any {
	axis := map[string]any{"type": "category"}
	if n > 6 && !b.s.Horizontal {
		axis["axisLabel"] = map[string]any{"interval": 0, "rotate": 30}
	}
	if b.s.XName != "" {
		axis["name"] = b.s.XName
	}
	return axis
}

// valueAxis returns a value axis labelled in a format (compact when none),
// named by y_name or the single y column's name.
func (b *builder) valueAxis(format string) map[string]any {
	axis := map[string]any{"type": "value", "axisLabel": map[string]any{"formatter": "bs:" + axisFormat(format)}}
	if n := b.valueAxisName(); n != "" {
		axis["name"] = n
	}
	return axis
}

// monthAxis makes a time axis of monthly dates read as months: ticks at
// least a month apart, labelled by the "bs:month" formatter (2024-04, or
// 2024年4月 in Chinese), the first and the last month always labelled and
// a label that would overlap another left out.
func monthAxis(axis map[string]any) {
	axis["minInterval"] = 28 * 24 * time.Hour.Milliseconds()
	axis["axisLabel"] = map[string]any{"formatter": "bs:month", "showMinLabel": true, "showMaxLabel": true, "hideOverlap": true}
}
