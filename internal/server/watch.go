package server

import (
	"context"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the parts of a site that a change in triggers a rebuild.
var watched = []string{"site.toml", "content", "templates", "assets"}

type watcher struct {
	root string
	fs   *fsnotify.Watcher
	log  *log.Logger
}

func newWatcher(root string, logger *log.Logger) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw, log: logger}
	// The site folder itself is watched so that site.toml and folders
	// created later (templates/, assets/) are seen.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, name := range watched[1:] {
		w.addTree(filepath.Join(root, name))
	}
	return w, nil
}

// addTree watches dir and every folder under it.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			_ = w.fs.Add(p)
		}
		return nil
	})
}

// relevant reports whether a change at p is part of the site's input.
func (w *watcher) relevant(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	base := filepath.Base(p)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
		return false
	}
	for _, name := range watched {
		if rel == name || strings.HasPrefix(rel, name+"/") {
			return true
		}
	}
	return false
}

// run calls rebuild once the file events have been quiet for delay, or,
// while they keep coming, once maxWait has passed since the first of them.
func (w *watcher) run(ctx context.Context, delay, maxWait time.Duration, rebuild func()) {
	changes := make(chan struct{})
	go debounce(ctx, changes, delay, maxWait, rebuild)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if !w.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					w.addTree(ev.Name)
				}
			}
			select {
			case changes <- struct{}{}:
			case <-ctx.Done():
				return
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.log.Printf("watch: %v", err)
		}
	}
}

// debounce calls fire when changes have been quiet for delay, and at the
// latest maxWait after the first change it has not yet fired for, so a
// steady stream of changes still rebuilds.
func debounce(ctx context.Context, changes <-chan struct{}, delay, maxWait time.Duration, fire func()) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time // of the changes not yet fired for; zero when none
	for {
		select {
		case <-ctx.Done():
			return
		case <-changes:
			if first.IsZero() {
				first = time.Now()
			}
			wait := delay
			if left := maxWait - time.Since(first); left < wait {
				wait = max(left, 0)
			}
			timer.Reset(wait)
		case <-timer.C:
			first = time.Time{}
			fire()
		}
	}
}

func (w *watcher) close() { _ = w.fs.Close() }
