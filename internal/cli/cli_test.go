package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"broadsheet": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each runs
// the real command in a fresh folder and checks exit status, stdout, stderr
// and the files written.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("SOURCE_DATE_EPOCH", "1648684800")
			return nil
		},
	})
}

// A malformed --addr is a usage error (exit 2), found before anything is
// built or listened on.
func TestServeBadAddrIsUsage(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:1313x", "127.0.0.1", "127.0.0.1:99999", "127.0.0.1:-1"} {
		var out, errb strings.Builder
		if st := Main([]string{"serve", "--source", t.TempDir(), "--addr", addr}, &out, &errb); st != ExitUsage {
			t.Errorf("--addr %s: exit %d, want %d; stderr:\n%s", addr, st, ExitUsage, errb.String())
		}
	}
}
