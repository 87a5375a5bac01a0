package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/scaffold"
)

// start serves a new site on a loopback port and returns its address and
// folder. The server stops when the test ends.
func start(t *testing.T) (base, dir string) {
	t.Helper()
	dir = t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(build.Options{Source: dir}, io.Discard)
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("serve did not stop")
		}
	})
	return "http://" + ln.Addr().String(), dir
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitFor polls url until its body holds want, for up to 10 seconds.
func waitFor(t *testing.T, url, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var body string
	for time.Now().Before(deadline) {
		_, body = get(t, url)
		if strings.Contains(body, want) {
			return body
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never showed %q; last body:\n%s", url, want, body)
	return ""
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestServeEditBreakFix(t *testing.T) {
	base, dir := start(t)
	status, body := get(t, base+"/")
	if status != 200 || !strings.Contains(body, "<title>Branch Scorecard</title>") {
		t.Fatalf("home: %d\n%s", status, body)
	}
	if !strings.Contains(body, `<script src="/__broadsheet/reload.js"`) {
		t.Errorf("the reload script is not injected")
	}
	status, _ = get(t, base+"/no/such/page/")
	if status != 404 {
		t.Errorf("missing page: status %d", status)
	}
	status, js := get(t, base+"/__broadsheet/reload.js")
	if status != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js: %d %s", status, js)
	}

	about := filepath.Join(dir, "content", "about.md")
	write(t, about, "+++\ntitle = \"About\"\n+++\nEdited while serving.\n")
	waitFor(t, base+"/about/", "Edited while serving.")

	// A new folder is watched too.
	if err := os.MkdirAll(filepath.Join(dir, "content", "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	write(t, filepath.Join(dir, "content", "notes", "one.md"), "+++\ntitle = \"One\"\n+++\nA note in a new folder.\n")
	waitFor(t, base+"/notes/one/", "A note in a new folder.")

	// Break it: the last good build stays, with the errors overlaid.
	write(t, about, "+++\ntitle = \"About\"\ntitel = \"x\"\n+++\nBroken.\n")
	body = waitFor(t, base+"/about/", `id="bs-error-overlay"`)
	if !strings.Contains(body, `content/about.md:3: front matter: unknown key &#34;titel&#34; (did you mean &#34;title&#34;?)`) {
		t.Errorf("overlay lacks the error with file and line:\n%s", body)
	}
	if !strings.Contains(body, "Edited while serving.") {
		t.Errorf("the last good build is not served under the overlay")
	}

	// Fix it: the overlay goes and the change shows.
	write(t, about, "+++\ntitle = \"About\"\n+++\nFixed.\n")
	body = waitFor(t, base+"/about/", "Fixed.")
	if strings.Contains(body, "bs-error-overlay") {
		t.Errorf("overlay still shown after the fix")
	}
}

func TestServeEvents(t *testing.T) {
	base, dir := start(t)
	resp, err := http.Get(base + "/__broadsheet/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func(want string) {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("stream ended before %q", want)
				}
				if l == want {
					return
				}
			case <-timeout:
				t.Fatalf("no %q event", want)
			}
		}
	}
	next("event: hello")
	write(t, filepath.Join(dir, "content", "about.md"), "+++\ntitle = \"About\"\n+++\nChanged.\n")
	next("event: reload")
}

func TestBuildOutputHasNoReloadScript(t *testing.T) {
	dir := t.TempDir()
	if _, err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range res.Tree.Names() {
		if b, _ := res.Tree.Get(name); strings.Contains(string(b), "__broadsheet") {
			t.Errorf("%s mentions the preview server", name)
		}
	}
}
