package pdf

import (
	"errors"
	"strings"
	"testing"
)

func TestNoChromiumIsAClearError(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Chromium("")
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("Chromium() = %v, want ErrNoChromium", err)
	}
	if _, err := Print([]byte("<p>x"), Options{}); !errors.Is(err, ErrNoChromium) {
		t.Errorf("Print without Chromium = %v", err)
	}
	if !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("the error does not say how to install it: %v", err)
	}
}

func TestHeaderEscapesNames(t *testing.T) {
	h := header(`<script>alert(1)</script>`, `A & B`)
	if strings.Contains(h, "<script>") || !strings.Contains(h, "&lt;script&gt;") || !strings.Contains(h, "A &amp; B") {
		t.Errorf("header = %s", h)
	}
}

func TestOursKnowsChromiumPDFs(t *testing.T) {
	if !Ours([]byte("%PDF-1.4\n1 0 obj\n<</Creator (Mozilla/5.0 HeadlessChrome/156.0.0.0 Safari/537.36)")) {
		t.Error("a PDF from headless Chromium is not recognised")
	}
	for _, head := range []string{"%PDF-1.7\n<</Creator (LibreOffice)>>", "notes", "HeadlessChrome/ but not a PDF"} {
		if Ours([]byte(head)) {
			t.Errorf("Ours(%q) = true", head)
		}
	}
}
