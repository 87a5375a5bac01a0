package config

import (
	"os"
	"testing"
)

// BenchmarkParse decodes the demo's site.toml.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../site.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseErrors decodes the demo's site.toml with a misspelt key
// and a bad value added at its end, so that positions are looked up.
func BenchmarkParseErrors(b *testing.B) {
	src, err := os.ReadFile("../../site.toml")
	if err != nil {
		b.Fatal(err)
	}
	src = append(src, "\n[datasets.extra]\nencodng = \"gbk\"\ncolumns = { a = \"integer\" }\n\n[[menu]]\nname = \"关于\"\nurl = \"//x\"\n"...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err == nil {
			b.Fatal("no error")
		}
	}
}
