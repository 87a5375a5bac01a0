package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// The program links no testing package: test helpers such as
// testing/fstest stay in tests.
func TestProgramLinksNoTestingPackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/broadsheet/broadsheet/cmd/broadsheet").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for pkg := range strings.FieldsSeq(string(out)) {
		if pkg == "testing" || strings.HasPrefix(pkg, "testing/") || strings.HasSuffix(pkg, "/pgtest") {
			t.Errorf("the program links %s", pkg)
		}
	}
}
