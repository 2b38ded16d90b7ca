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
func Static() fs.FS {
	sub, _ := fs.Sub(static, "static")
	return sub
}

// Vendor returns MapLibre GL JS's distribution files, or an empty folder when `make web` has
// not run.
func Vendor() fs.FS {
	sub, err := fs.Sub(dist, "dist/maplibre-gl")
	if err != nil {
		return emptyFS{}
	}
	return sub
}

type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
