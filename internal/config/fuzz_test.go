package config

import "testing"

// FuzzParse checks that decoding site.toml never panics and that every
// error it returns says something.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`title = "R"`,
		"title = \"R\"\nbaseURL = \"https://example.com/r\"\n[charts]\nheight = 300\n",
		"[datasets.accounts]\nkey = \"account\"\ncolumns = { followers = \"int\" }\n",
		"[[menu]]\nname = \"About\"\nurl = \"about/\"\n",
		"language = zh\n",
		"[editions]\nsection = \"../x\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := Parse(src)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if cfg == nil {
			t.Fatal("no config and no error")
		}
	})
}
