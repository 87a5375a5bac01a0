package build

import (
	"os/exec"
	"strings"
	"testing"
)

// The build never connects to a database: no database driver, and not the
// pull stage, is among its dependencies. The embedded engine of sql blocks
// (DuckDB in memory, over the site's own datasets, with file and network
// access off) is reached only through internal/sqlengine.
func TestBuildLinksNoDatabase(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}} {{join .Imports " "}}`, ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const engine = "github.com/broadsheet/broadsheet/internal/sqlengine"
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		for _, bad := range []string{"jackc/pgx", "internal/source", "internal/pull"} {
			if strings.Contains(pkg, bad) {
				t.Errorf("the build depends on %s", pkg)
			}
		}
		if pkg == engine || !strings.HasPrefix(pkg, "github.com/broadsheet/broadsheet") {
			continue
		}
		for imp := range strings.FieldsSeq(imports) {
			if strings.Contains(imp, "duckdb") || strings.HasPrefix(imp, "database/sql") {
				t.Errorf("%s imports %s; only %s may reach the SQL engine", pkg, imp, engine)
			}
		}
	}
}
