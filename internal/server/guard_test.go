package server

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/build"
)

// raw sends one request as written and returns the response.
func raw(t *testing.T, base, request string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.Write([]byte(request)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// A folder's redirect stays on the server, whatever the path looks like.
func TestRedirectStaysOnServer(t *testing.T) {
	base, _ := start(t)
	for _, target := range []string{"//evil.example/../about", "/about", "//about", "/./about?x=1"} {
		resp := raw(t, base, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(loc, "/about/") {
			t.Errorf("GET %s: %d, Location %q", target, resp.StatusCode, loc)
		}
	}
}

// Only the loopback names are answered (a page of another name that
// resolves to this machine must not read the preview).
func TestHostChecked(t *testing.T) {
	base, _ := start(t)
	port := base[strings.LastIndex(base, ":"):]
	for host, want := range map[string]int{
		"127.0.0.1" + port:       200,
		"localhost" + port:       200,
		"LOCALHOST":              200,
		"[::1]" + port:           200,
		"evil.example" + port:    http.StatusForbidden,
		"evil.example":           http.StatusForbidden,
		"127.0.0.1.evil.example": http.StatusForbidden,
		"192.168.1.9" + port:     http.StatusForbidden,
	} {
		resp := raw(t, base, "GET / HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// A steady stream of changes, closer together than the quiet delay, still
// rebuilds while it lasts.
func TestDebounceHasACeiling(t *testing.T) {
	ctx := t.Context()
	changes := make(chan struct{})
	var fired atomic.Int32
	go debounce(ctx, changes, 100*time.Millisecond, 300*time.Millisecond, func() { fired.Add(1) })
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end) && fired.Load() == 0; {
		<-tick.C
		changes <- struct{}{}
	}
	if fired.Load() == 0 {
		t.Errorf("no rebuild during 5 s of changes every 10 ms")
	}
}

// --addr that names a host adds that name; one that listens everywhere
// adds IP addresses, never other names.
func TestAllowHost(t *testing.T) {
	named := New(build.Options{}, io.Discard)
	named.AllowHost("Preview.LAN")
	every := New(build.Options{}, io.Discard)
	every.AllowHost("0.0.0.0")
	for _, c := range []struct {
		s    *Server
		host string
		want bool
	}{
		{named, "preview.lan:1313", true},
		{named, "preview.lan.:1313", true},
		{named, "localhost:1313", true},
		{named, "192.168.1.9:1313", false},
		{named, "evil.example", false},
		{every, "192.168.1.9:1313", true},
		{every, "[fe80::1]:1313", true},
		{every, "evil.example:1313", false},
	} {
		if got := c.s.hosts.allow(c.host); got != c.want {
			t.Errorf("%s: allow = %v", c.host, got)
		}
	}
}
