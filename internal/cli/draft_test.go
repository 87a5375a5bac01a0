package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/config"
	"github.com/broadsheet/broadsheet/internal/site"
)

// A draft edition is named as one even when its front matter has another
// problem (a misspelt key): the draft flag is still read.
func TestDraftEditionWithAnotherProblem(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "editions", "2024-03", "index.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("+++\ntitel = \"March\"\ndraft = true\n+++\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &site.Site{Config: config.Default()}
	notFound := errors.New(`no edition "2024-03"`)
	err := draftEdition(dir, s, "2024-03", "bundle", notFound)
	if err == nil || !strings.Contains(err.Error(), `edition "2024-03" is a draft`) {
		t.Fatalf("draftEdition = %v, want the draft named", err)
	}
}
