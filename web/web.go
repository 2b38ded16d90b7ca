// Package web holds the browser map: the page (static/) and the MapLibre GL JS files it needs
// (dist/, copied from npm by `make web`), embedded so the server serves them itself.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

//go:embed all:dist
var dist embed.FS

// Static returns the page's files (index.html, scripts, styles).
func Static() fs.FS { return mustSub(static, "static") }

// Vendor returns MapLibre GL JS's distribution files; the folder is empty when `make web`
// has not run.
func Vendor() fs.FS { return mustSub(dist, "dist/maplibre-gl") }

// mustSub is fs.Sub of a constant, valid path, which cannot fail.
func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, _ := fs.Sub(fsys, dir)
	return sub
}
