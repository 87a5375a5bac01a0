package cli

import (
	"net"
	"strings"
	"testing"
)

// A port in use names the address and suggests another (exit 1).
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	var out, errb strings.Builder
	if st := Main([]string{"serve", "--source", t.TempDir(), "--addr", addr}, &out, &errb); st != ExitError {
		t.Errorf("exit %d, want %d", st, ExitError)
	}
	want := "broadsheet serve: " + addr + " is already in use by another program (stop it, or choose another address with --addr 127.0.0.1:"
	if got := errb.String(); !strings.HasPrefix(got, want) {
		t.Errorf("stderr:\n%s\nwant it to start with:\n%s", got, want)
	}
}
