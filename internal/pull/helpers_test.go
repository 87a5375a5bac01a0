package pull_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/cli"
	"github.com/broadsheet/broadsheet/internal/pgtest"
	"github.com/broadsheet/broadsheet/internal/pull"
)

var pg *pgtest.Cluster

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, &pg))
}

// writeSite writes files (slash paths → contents) into a new site folder.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const pgSite = `title = "t"
[sources.wh]
driver  = "postgres"
dsn_env = "BS_TEST_DSN"
timeout = "3s"
retries = 0
`

var fixedNow = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

// pullSite runs a pull of the site against the test cluster, as the
// reader role.
func pullSite(t testing.TB, dir string, o pull.Options) (*pull.Result, string, error) {
	t.Helper()
	var log bytes.Buffer
	o.SiteDir = dir
	o.Log = &log
	o.Now = func() time.Time { return fixedNow }
	o.Backoff = 10 * time.Millisecond
	if o.Getenv == nil {
		o.Getenv = env(map[string]string{"BS_TEST_DSN": pg.ReaderDSN()})
	}
	res, err := pull.Run(context.Background(), o)
	return res, log.String(), err
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func read(t testing.TB, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runCLI runs the broadsheet command line and returns everything it printed.
func runCLI(args ...string) (int, string) {
	var out, errOut bytes.Buffer
	code := cli.Main(args, &out, &errOut)
	return code, out.String() + errOut.String()
}

func sqlExec(t testing.TB, sql string) {
	t.Helper()
	if err := pg.Exec(context.Background(), pgtest.DB, sql); err != nil {
		t.Fatal(err)
	}
}

func mustContain(t testing.TB, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("missing %q in:\n%s", p, s)
		}
	}
}
