package build

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWithin runs a build and fails the test if it does not end in time.
func runWithin(t *testing.T, opts Options) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Run(opts)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("the build hangs")
		return nil
	}
}

func wantError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error:\n%v\nwant it to hold:\n%s", err, want)
	}
}

// A content/ folder that links outside the site is an error, not an empty
// site built over a good one.
func TestContentLinkOutOfSite(t *testing.T) {
	site := writeSite(t, "site.toml", "title = \"T\"\n")
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "index.md"), []byte("Hello.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site, "content")); err != nil {
		t.Skip("symbolic links are not available:", err)
	}
	wantError(t, runWithin(t, Options{Source: site}),
		"content: symbolic link leads outside the site folder, or nowhere (copy the folder into the site instead)")

	// A link to nowhere is the same error, not an empty site.
	if err := os.Remove(filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "gone"), filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	wantError(t, runWithin(t, Options{Source: site}),
		"content: symbolic link leads outside the site folder, or nowhere (copy the folder into the site instead)")
}

// Named pipes are never opened: a build that reads one waits for ever.
func TestNamedPipes(t *testing.T) {
	for _, name := range []string{"content/pipe.md", "content/data/pipe.csv", "content/notes.txt", "content/post/pipe.png", "site.toml", "assets/css/pipe.css", "templates/page.html"} {
		t.Run(name, func(t *testing.T) {
			site := writeSite(t,
				"site.toml", "title = \"T\"\n",
				"content/index.md", "Hello.\n",
				"content/post/index.md", "A bundle.\n")
			full := filepath.Join(site, name)
			_ = os.Remove(full)
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(full, 0o644); err != nil {
				t.Skip("named pipes are not available:", err)
			}
			wantError(t, runWithin(t, Options{Source: site}), name+": ")
			wantError(t, runWithin(t, Options{Source: site}), "not a regular file (a named pipe, socket or device)")
		})
	}
}

// A template override that cannot be read is an error, not silently
// replaced by the built-in template.
func TestUnreadableTemplateOverride(t *testing.T) {
	site := writeSite(t,
		"site.toml", "title = \"T\"\n",
		"content/index.md", "Hello.\n",
		"templates/baseof.html/x.html", "a folder where a template should be")
	wantError(t, runWithin(t, Options{Source: site}), "templates/baseof.html: ")
	if err := os.RemoveAll(filepath.Join(site, "templates", "baseof.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(t.TempDir(), "baseof.html"), filepath.Join(site, "templates", "baseof.html")); err != nil {
		t.Skip("symbolic links are not available:", err)
	}
	wantError(t, runWithin(t, Options{Source: site}), "templates/baseof.html: ")
}
