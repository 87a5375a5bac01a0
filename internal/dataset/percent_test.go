package dataset

import (
	"testing"
	"testing/fstest"
)

// A column whose numbers were all written as percentages keeps the format
// they were written in, so blocks can show 0.215 as 21.5% by default.
func TestPercentColumnsKeepTheirFormat(t *testing.T) {
	csv := "name,whole,one,two,three,mixed,plain,blank\n" +
		"a,21%,21.5%,1.25%,1.255 %,21%,0.21,\n" +
		"b,3%,3%,4%,4%,0.03,0.5,\n" +
		"c,,,,,,,\n"
	fsys := fstest.MapFS{"d.csv": &fstest.MapFile{Data: []byte(csv)}}
	tab, err := Read(fsys, "d.csv", Decl{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"name": "", "whole": "0%", "one": "0.0%", "two": "0.00%", "three": "0.00%", "mixed": "", "plain": "", "blank": ""}
	for name, f := range want {
		if got := tab.Column(name).Format; got != f {
			t.Errorf("%s: format %q, want %q", name, got, f)
		}
	}
	if v := tab.Column("one").Num[0]; v != 0.215 {
		t.Errorf("21.5%% read as %v", v)
	}
	declared, err := Read(fsys, "d.csv", Decl{Columns: map[string]string{"whole": "float", "plain": "float"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := declared.Column("whole").Format; got != "0%" {
		t.Errorf("declared float of percentages: format %q", got)
	}
	if got := declared.Column("plain").Format; got != "" {
		t.Errorf("declared float of fractions: format %q", got)
	}
}
