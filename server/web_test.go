package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chotmap/chot/tiles/glyphs"
)

func TestPageAndAssets(t *testing.T) {
	s := gridServer(t)
	tests := []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/", 200, "text/html", "<html"},
		{"/app.js", 200, "text/javascript", "import"},
		{"/app.css", 200, "text/css", ""},
		{"/nope.js", 404, "application/json", `"not_found"`},
		{"/api/nope", 404, "application/json", `"not_found"`},
		{"/../go.mod", 404, "application/json", ""},
		{"/fonts/DejaVu%20Sans%20Book/1-256.pbf", 400, "application/json", "range: want {start}-{start+255}.pbf"},
		{"/fonts/Comic%20Sans/0-255.pbf", 404, "application/json", "no font"},
	}
	if _, err := os.Stat(glyphs.DefaultFonts()[0]); err == nil {
		tests = append(tests, struct {
			path   string
			status int
			ctype  string
			body   string
		}{"/fonts/DejaVu%20Sans%20Book,Arial/7680-7935.pbf", 200, "application/x-protobuf", ""})
	}
	if _, err := os.Stat("../web/dist/maplibre-gl/maplibre-gl.mjs"); err == nil {
		tests = append(tests, struct {
			path   string
			status int
			ctype  string
			body   string
		}{"/vendor/maplibre-gl/maplibre-gl.mjs", 200, "text/javascript", ""})
	}
	for _, tt := range tests {
		w := get(s, tt.path)
		if w.Code != tt.status || !strings.HasPrefix(w.Header().Get("Content-Type"), tt.ctype) || !strings.Contains(w.Body.String(), tt.body) {
			t.Errorf("%s: %d %s %.80q", tt.path, w.Code, w.Header().Get("Content-Type"), w.Body.String())
		}
	}
}

// TestPageFilesRevalidate: the page's files carry an entity tag, and a browser that has the
// file gets 304 with no body.
func TestPageFilesRevalidate(t *testing.T) {
	s := gridServer(t)
	w := get(s, "/app.js")
	etag := w.Header().Get("ETag")
	if w.Code != 200 || etag == "" || w.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("app.js: %d, ETag %q, Cache-Control %q", w.Code, etag, w.Header().Get("Cache-Control"))
	}
	r := httptest.NewRequest("GET", "/app.js", nil)
	r.Header.Set("If-None-Match", etag)
	w2 := httptest.NewRecorder()
	s.Handler().ServeHTTP(w2, r)
	if w2.Code != http.StatusNotModified || w2.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", w2.Code, w2.Body.Len())
	}
}
