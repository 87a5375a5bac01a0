// Package server is the preview server: it builds a site into memory, serves
// it over HTTP, watches the site's files, rebuilds on change and reloads open
// pages over server-sent events. A failed rebuild keeps the last good build
// on show, with every error overlaid on the page, until a fix reloads it.
package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/internal/build"
	"github.com/broadsheet/broadsheet/internal/diag"
	"github.com/broadsheet/broadsheet/internal/publish"
)

// Prefix is the URL path under which the server's own endpoints live; no
// site file is served from there.
const Prefix = "/__broadsheet/"

// Server serves the latest good build of one site.
type Server struct {
	opts build.Options
	log  *log.Logger

	mu      sync.RWMutex
	tree    *publish.Tree // last good build, nil before the first
	errs    []string      // errors of the latest build, empty when it built
	version int           // counts builds, for clients that missed an event

	subsMu sync.Mutex
	subs   map[chan int]struct{}

	hosts hosts
}

// New returns a server for the site described by opts. Log lines (rebuilds,
// errors) go to logw.
func New(opts build.Options, logw io.Writer) *Server {
	return &Server{opts: opts, log: log.New(logw, "", 0), subs: map[chan int]struct{}{}}
}

// Rebuild builds the site and, when it builds, replaces what is served.
// Either way open pages are told to reload. It returns the build's error.
func (s *Server) Rebuild() error {
	start := time.Now()
	res, err := build.Run(s.opts)
	s.mu.Lock()
	s.version++
	v := s.version
	if err != nil {
		s.errs = errorLines(err)
	} else {
		s.errs = nil
		s.tree = res.Tree
	}
	s.mu.Unlock()
	built, failed := "rebuilt", "rebuild failed"
	if v == 1 {
		built, failed = "built", "build failed"
	}
	if err != nil {
		s.log.Printf("%s:\n%s", failed, err)
	} else {
		s.log.Printf("%s %d pages in %s", built, len(res.Site.Pages), time.Since(start).Round(time.Millisecond))
	}
	s.broadcast(v)
	return err
}

func errorLines(err error) []string {
	var list diag.List
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Error()
		}
		return out
	}
	return []string{err.Error()}
}

func (s *Server) broadcast(v int) {
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- v:
		default:
		}
	}
}

// ServeHTTP serves the site, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allow(r.Host) {
		http.Error(w, hostRefused, http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case Prefix + "events":
		s.events(w, r)
		return
	case Prefix + "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = io.WriteString(w, reloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.RLock()
	tree, errs, version := s.tree, s.errs, s.version
	s.mu.RUnlock()
	if tree == nil {
		s.writeHTML(w, http.StatusInternalServerError, errorPage(errs), version, nil)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	data, ok := tree.Get(name)
	status := http.StatusOK
	if !ok {
		if _, isDir := tree.Get(path.Join(name, "index.html")); isDir {
			// To the cleaned path only: a path that starts with "//"
			// would send the browser to another host.
			to := (&url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}).String()
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		status = http.StatusNotFound
		data, ok = tree.Get("404.html")
		name = "404.html"
		if !ok {
			http.NotFound(w, r)
			return
		}
	}
	if path.Ext(name) == ".html" {
		s.writeHTML(w, status, data, version, errs)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// writeHTML serves a page with the reload script, and the error overlay
// when the latest build failed.
func (s *Server) writeHTML(w http.ResponseWriter, status int, page []byte, version int, errs []string) {
	var inject bytes.Buffer
	if len(errs) > 0 {
		inject.WriteString(overlay(errs))
	}
	fmt.Fprintf(&inject, `<script src="%sreload.js" data-version="%d"></script>`, Prefix, version)
	out := page
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out = make([]byte, 0, len(page)+inject.Len())
		out = append(out, page[:i]...)
		out = append(out, inject.Bytes()...)
		out = append(out, page[i:]...)
	} else {
		out = append(append([]byte{}, page...), inject.Bytes()...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func overlay(errs []string) string {
	var b strings.Builder
	b.WriteString(`<div id="bs-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,22,26,.94);color:#f5f5f5;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;padding:2rem">`)
	fmt.Fprintf(&b, `<p style="color:#ff8a80;font-weight:bold;font-size:16px;margin:0 0 1rem">The site did not build: %d error(s). Showing the last good build underneath; fix the files and this page reloads by itself.</p><ol style="margin:0;padding-left:1.5rem">`, len(errs))
	for _, e := range errs {
		b.WriteString(`<li style="margin:.25rem 0;white-space:pre-wrap">`)
		b.WriteString(html.EscapeString(e))
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol></div>`)
	return b.String()
}

func errorPage(errs []string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head><body>` + overlay(errs) + `</body></html>`)
}

// events streams a "reload" event after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan int, 1)
	s.subsMu.Lock()
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	defer func() {
		s.subsMu.Lock()
		delete(s.subs, ch)
		s.subsMu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	s.mu.RLock()
	v := s.version
	s.mu.RUnlock()
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", v)
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case v := <-ch:
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v)
			flusher.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}

// reloadJS reloads the page when a build finishes, and when the page was
// served by an older build than the server now has.
const reloadJS = `(function () {
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : null;
  var source = new EventSource("` + Prefix + `events");
  source.addEventListener("hello", function (e) { if (version !== null && e.data !== version) location.reload(); });
  source.addEventListener("reload", function () { location.reload(); });
})();
`

// Serve listens on ln and serves until ctx ends, then shuts down cleanly.
// It watches the site and rebuilds on change.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	w, err := newWatcher(s.opts.Source, s.log)
	if err != nil {
		return err
	}
	defer w.close()
	go w.run(ctx, 150*time.Millisecond, time.Second, func() { _ = s.Rebuild() })
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		// Event streams never end by themselves: close them.
		_ = srv.Shutdown(shut)
		_ = srv.Close()
		return nil
	case err := <-done:
		return err
	}
}
