// Package broadsheet embeds the built-in theme: the templates and assets that
// every site starts from and may override file by file.
package broadsheet

import "embed"

// Theme holds the top-level templates/ and assets/ folders.
//
//go:embed templates assets
var Theme embed.FS
