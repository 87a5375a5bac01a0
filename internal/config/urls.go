package config

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/broadsheet/broadsheet/internal/diag"
)

// BaseURLExtra names what a baseURL holds besides the address of the
// site's folder: a user name and password (which every canonical link
// would publish), a query or a fragment. It is "" when there is nothing.
func BaseURLExtra(u *url.URL) string {
	switch {
	case u.User != nil:
		return "a user name or password"
	case u.RawQuery != "" || u.ForceQuery:
		return "a query (?…)"
	case u.Fragment != "" || strings.Contains(u.String(), "#"):
		return "a fragment (#…)"
	}
	return ""
}

// BaseURLExtraHint is the hint for a baseURL that BaseURLExtra refuses.
const BaseURLExtraHint = `write only the address of the site's folder, like "https://reports.example.com/shortvideo/"`

// baseURLParts reports a baseURL that holds more than a folder's address;
// the message shows it with any password hidden.
func baseURLParts(u *url.URL, at diag.Pos) *diag.Error {
	part := BaseURLExtra(u)
	if part == "" {
		return nil
	}
	return &diag.Error{Pos: at, Msg: fmt.Sprintf("baseURL %q has %s", u.Redacted(), part), Hint: BaseURLExtraHint}
}

// menuURLOK reports whether a menu url is a site path or an absolute
// http(s) address. Anything else a browser might run (javascript:, data:)
// or send to another host (//host, a backslash that browsers read as a
// slash) is refused.
func menuURLOK(s string) bool {
	if strings.ContainsAny(s, "\\") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
		return u.Host != "" && u.User == nil
	case u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(s, "//"):
		return false
	}
	return s == strings.TrimSpace(s)
}

// redacted is the address to show in a message: its password hidden.
func redacted(u *url.URL, err error, s string) string {
	if err != nil || u == nil {
		return s
	}
	return u.Redacted()
}
