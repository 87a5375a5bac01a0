package build

import (
	"os/exec"
	"strings"
	"testing"
)

// The build never connects to a database: no database driver, and not the
// pull stage, is among its dependencies.
func TestBuildLinksNoDatabase(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range []string{"jackc/pgx", "duckdb", "internal/source", "internal/pull", "database/sql"} {
			if strings.Contains(dep, bad) {
				t.Errorf("the build depends on %s", dep)
			}
		}
	}
}
