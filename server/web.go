package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/tiles/glyphs"
	"github.com/chotmap/chot/web"
	"github.com/gin-gonic/gin"
)

// contentType returns the type a browser needs for a file (modules must be JavaScript).
func contentType(name string) string {
	switch path.Ext(name) {
	case ".mjs", ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// file is an embedded file ready to serve: its bytes, type and entity tag.
type file struct {
	body        []byte
	ctype, etag string
}

// files reads every file of fsys once, for a server's life: the page's and MapLibre's files
// are embedded in the binary and never change while it runs.
func files(fsys fs.FS) map[string]file {
	out := map[string]file{}
	fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil
		}
		sum := sha256.Sum256(b)
		out[name] = file{body: b, ctype: contentType(name), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	return out
}

var (
	staticFiles = sync.OnceValue(func() map[string]file { return files(web.Static()) })
	vendorFiles = sync.OnceValue(func() map[string]file { return files(web.Vendor()) })
)

// serveFile writes a file of set, or reports false when there is none. Browsers revalidate
// (no-cache) and get 304 while the file is unchanged, so a page load does not download
// MapLibre's 1.6 MB again.
func serveFile(c *gin.Context, set map[string]file, name string) bool {
	f, ok := set[strings.TrimPrefix(path.Clean("/"+name), "/")]
	if !ok {
		return false
	}
	c.Header("Cache-Control", "no-cache")
	c.Header("ETag", f.etag)
	if c.GetHeader("If-None-Match") == f.etag {
		c.Status(http.StatusNotModified)
		return true
	}
	c.Data(http.StatusOK, f.ctype, f.body)
	return true
}

// page serves the browser map at / and its files; any other unknown path is the API's 404.
func (s *Server) page(c *gin.Context) error {
	if c.Request.Method == http.MethodGet && !strings.HasPrefix(c.Request.URL.Path, "/api/") {
		file := c.Request.URL.Path
		if file == "/" {
			file = "index.html"
		}
		if serveFile(c, staticFiles(), file) {
			return nil
		}
	}
	return errNoRoute
}

// vendor serves MapLibre GL JS's files.
func (s *Server) vendor(c *gin.Context) error {
	if !serveFile(c, vendorFiles(), c.Param("file")) {
		return errNoRoute
	}
	return nil
}

// loadFonts opens the fonts the map's labels use; a missing font only means its glyphs 404.
func loadFonts() map[string]*glyphs.Font {
	out := map[string]*glyphs.Font{}
	for i, p := range glyphs.DefaultFonts() {
		name := []string{"DejaVu Sans Book", "DejaVu Sans Bold"}[min(i, 1)]
		if f, err := glyphs.Open(p, name); err == nil {
			out[f.Name()] = f
		}
	}
	return out
}

// glyphRange answers GET /fonts/{fontstack}/{start}-{end}.pbf with the first font of the
// stack the server has.
func (s *Server) glyphRange(c *gin.Context) error {
	rng, ok := strings.CutSuffix(c.Param("range"), ".pbf")
	lo, hi, ok2 := strings.Cut(rng, "-")
	start, err1 := strconv.Atoi(lo)
	end, err2 := strconv.Atoi(hi)
	if !ok || !ok2 || err1 != nil || err2 != nil || start%256 != 0 || end != start+255 || start < 0 || start > 65280 {
		return paramErrorf("range", "want {start}-{start+255}.pbf with start a multiple of 256, got %q", clip(c.Param("range")))
	}
	for _, name := range strings.Split(c.Param("fontstack"), ",") {
		if f, ok := s.fonts[strings.TrimSpace(name)]; ok {
			b, err := f.Range(start)
			if err != nil {
				return err
			}
			c.Header("Cache-Control", "public, max-age=86400")
			c.Data(http.StatusOK, "application/x-protobuf", b)
			return nil
		}
	}
	return fmt.Errorf("%w: no font of %q", geo.ErrNotFound, clip(c.Param("fontstack")))
}
