package server

import (
	"net"
	"os"
	"strings"
)

// hosts are the names the server answers to in a request's Host header.
// A web page of any other name that resolves to this machine (DNS
// rebinding) is refused, so it cannot read the preview.
type hosts struct {
	names map[string]bool
	// anyIP allows every IP address, for a server listening on all
	// interfaces; a rebinding page always has a name, never an address.
	anyIP bool
}

const hostRefused = "broadsheet serve answers only to the host names it listens on (localhost, 127.0.0.1, [::1], or the host of --addr)"

// AllowHost lets requests name host (from --addr) besides the loopback
// names, which are always allowed. A host that listens on every interface
// ("", 0.0.0.0, ::) allows any IP address and this machine's name.
func (s *Server) AllowHost(host string) {
	h := &s.hosts
	if h.names == nil {
		h.names = map[string]bool{}
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		h.anyIP = true
		if name, err := os.Hostname(); err == nil {
			h.names[strings.ToLower(name)] = true
		}
		return
	}
	h.names[host] = true
}

// allow reports whether a request's Host header names the server.
func (h *hosts) allow(hostport string) bool {
	host := hostport
	if hp, _, err := net.SplitHostPort(hostport); err == nil {
		host = hp
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	host = strings.TrimSuffix(host, ".")
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	if h.names[host] {
		return true
	}
	return h.anyIP && net.ParseIP(host) != nil
}
