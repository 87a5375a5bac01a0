package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`
	SubType     string `json:"subType"`
	URL         string `json:"url"`
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// javaPath finds Java, failing (or skipping, when
// BROADSHEET_SKIP_VALIDATORS=1) without it.
func javaPath(t testing.TB) string {
	p, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("BROADSHEET_SKIP_VALIDATORS") == "1" {
			t.Skip("BROADSHEET_SKIP_VALIDATORS=1 and java is not installed")
		}
		t.Fatal("java is not installed: run `make test-deps` (it installs default-jre-headless); BROADSHEET_SKIP_VALIDATORS=1 skips this test")
	}
	return p
}

// runVNU checks the pages of the output (all of them when pages is nil) in
// one run of the Nu HTML Checker and returns its error messages, each as
// "page:line:column: message [extract]".
func runVNU(t testing.TB, o *output, pages []string) ([]string, error) {
	java := javaPath(t)
	jar := tool(t, "node_modules/vnu-jar/build/dist/vnu.jar")
	if pages == nil {
		pages = o.Pages
	}
	// The checker's schema code recurses deeply: its documentation asks
	// for at least 512k of thread stack, and with 512k it still overflows
	// on some pages, so give it 4m. One garbage-collector thread suits a
	// short run on two cores.
	args := []string{"-Xss4m", "-XX:+UseSerialGC", "-jar", jar, "--errors-only", "--format", "json"}
	for _, p := range pages {
		args = append(args, filepath.Join(o.Dir, filepath.FromSlash(p)))
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("vnu.jar (%v) printed no JSON report: %v\n%s%s", runErr, err, stdout.String(), stderr.String())
	}
	if _, isExit := runErr.(*exec.ExitError); runErr != nil && !isExit {
		return nil, runErr
	}
	if runErr != nil && len(res.Messages) == 0 {
		return nil, fmt.Errorf("vnu.jar failed with no message: %v\n%s", runErr, stdout.String())
	}
	var out []string
	for _, m := range res.Messages {
		out = append(out, m.format(o))
	}
	return out, nil
}

// format renders a message with the page's path inside the output.
func (m vnuMessage) format(o *output) string {
	where := m.URL
	if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
		if rel, err := filepath.Rel(o.Dir, filepath.FromSlash(u.Path)); err == nil {
			where = filepath.ToSlash(rel)
		}
	}
	kind := ""
	if m.Type != "error" {
		kind = m.Type + ": "
	}
	extract := strings.Join(strings.Fields(m.Extract), " ")
	if extract != "" {
		extract = " [" + extract + "]"
	}
	return fmt.Sprintf("%s:%d:%d: %s%s%s", where, m.LastLine, m.FirstColumn, kind, m.Message, extract)
}
