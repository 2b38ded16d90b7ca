package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

func TestTileEndpoints(t *testing.T) {
	s := gridServer(t)
	tile := maptile.At(orb.Point{105.852, 21.022}, 15)
	path := fmt.Sprintf("/tiles/grid/15/%d/%d.mvt", tile.X, tile.Y)
	w := get(s, path)
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("ETag") == "" ||
		w.Header().Get("Content-Type") != "application/vnd.mapbox-vector-tile" || w.Header().Get("Cache-Control") == "" {
		t.Fatalf("%d %v", w.Code, w.Header())
	}
	layers, err := mvt.UnmarshalGzipped(w.Body.Bytes())
	if err != nil || len(layers) == 0 {
		t.Fatalf("tile: %v, %d layers", err, len(layers))
	}
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Header.Set("If-None-Match", w.Header().Get("ETag"))
	w2 := httptest.NewRecorder()
	s.Handler().ServeHTTP(w2, r)
	if w2.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", w2.Code)
	}
	tests := []struct {
		path   string
		status int
		msg    string
	}{
		{"/tiles/grid/3/0/0.mvt", 204, ""},
		{"/tiles/grid/25/0/0.mvt", 400, "tile: tiles: no such tile: z 25"},
		{"/tiles/grid/3/9/0.mvt", 400, "x and y must be in 0..7"},
		{"/tiles/grid/3/a/0.mvt", 400, "x: want a whole number"},
		{"/tiles/grid/3/0/0.png", 400, "y: want {y}.mvt"},
		{"/tiles/nowhere/3/0/0.mvt", 404, "unknown city"},
		{"/tiles/..%2f..%2fetc/3/0/0.mvt", 404, ""},
		{"/tiles/grid.json", 200, `"tilejson":"3.0.0"`},
		{"/tiles/nowhere.json", 404, "unknown city"},
		{"/tiles/grid", 404, "no such endpoint"},
		{"/styles/grid.json", 200, `"glyphs":"http://example.com/fonts/{fontstack}/{range}.pbf"`},
		{"/styles/nowhere.json", 404, "unknown city"},
	}
	for _, tt := range tests {
		w := get(s, tt.path)
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.msg) {
			t.Errorf("%s: %d %s, want %d with %q", tt.path, w.Code, w.Body, tt.status, tt.msg)
		}
	}
}

func BenchmarkCachedTile(b *testing.B) {
	s := gridServer(b)
	tile := maptile.At(orb.Point{105.852, 21.022}, 15)
	path := fmt.Sprintf("/tiles/grid/15/%d/%d.mvt", tile.X, tile.Y)
	b.ReportAllocs()
	for b.Loop() {
		if w := get(s, path); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
