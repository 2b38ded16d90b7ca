package tiles

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

var update = flag.Bool("update", false, "rewrite the golden tiles in testdata/")

func embedded(t testing.TB, id string) *geo.City {
	t.Helper()
	cities, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cities {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no city %s", id)
	return nil
}

// decode returns a tile's layers by name, in tile coordinates.
func decode(t *testing.T, b []byte) map[string]*mvt.Layer {
	t.Helper()
	ls, err := mvt.UnmarshalGzipped(b)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*mvt.Layer{}
	for _, l := range ls {
		out[l.Name] = l
	}
	return out
}

func TestGoldenTiles(t *testing.T) {
	tests := []struct {
		city       string
		at         orb.Point
		z          maptile.Zoom
		layers     []string
		noClass    string // a class too small for this zoom
		checkpoint bool
	}{
		{"ha-noi", orb.Point{105.8523, 21.0285}, 14, []string{"roads", "venues", "checkpoints"}, "", true},
		{"ha-noi", orb.Point{105.8523, 21.0285}, 10, []string{"roads", "venues"}, "residential", false},
		{"hoi-an", orb.Point{108.3275, 15.8770}, 15, []string{"roads", "checkpoints"}, "", true},
		{"dien-bien", orb.Point{103.0200, 21.3860}, 13, []string{"roads", "venues", "checkpoints"}, "", true},
	}
	for _, tt := range tests {
		tile := maptile.At(tt.at, tt.z)
		name := fmt.Sprintf("%s-%d-%d-%d.mvt", tt.city, tile.Z, tile.X, tile.Y)
		t.Run(name, func(t *testing.T) {
			got, err := NewSource(embedded(t, tt.city), 1).Render(tile)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name)
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./tiles -update to write it)", err)
			}
			if !bytes.Equal(decodeJSON(t, got), decodeJSON(t, want)) {
				t.Errorf("tile differs from %s (run go test ./tiles -update after checking the change)", golden)
			}
			layers := decode(t, got)
			for _, l := range tt.layers {
				if layers[l] == nil || len(layers[l].Features) == 0 {
					t.Errorf("layer %s missing or empty", l)
				}
			}
			if (layers["checkpoints"] != nil) != tt.checkpoint {
				t.Errorf("checkpoints layer present: %v", layers["checkpoints"] != nil)
			}
			for _, l := range layers {
				for _, f := range l.Features {
					b := f.Geometry.Bound()
					if b.Min[0] < -Buffer || b.Min[1] < -Buffer || b.Max[0] > Extent+Buffer || b.Max[1] > Extent+Buffer {
						t.Fatalf("%s feature %v reaches %v, beyond the tile's buffer", l.Name, f.Properties, b)
					}
					if tt.noClass != "" && f.Properties["class"] == tt.noClass {
						t.Fatalf("a %s road at zoom %d", tt.noClass, tt.z)
					}
				}
			}
		})
	}
}

// decodeJSON renders a tile's features as sorted text, so the comparison ignores gzip bytes.
func decodeJSON(t *testing.T, b []byte) []byte {
	ls, err := mvt.UnmarshalGzipped(b)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range ls {
		for _, f := range l.Features {
			lines = append(lines, fmt.Sprintf("%s %v %v", l.Name, f.Properties, f.Geometry))
		}
	}
	sort.Strings(lines)
	return []byte(fmt.Sprint(lines))
}

func TestTileErrors(t *testing.T) {
	s := NewSource(embedded(t, "ha-noi"), 1)
	for _, zxy := range [][3]int{{-1, 0, 0}, {19, 0, 0}, {3, 8, 0}, {3, 0, -1}, {0, 1, 0}} {
		if _, err := Tile(zxy[0], zxy[1], zxy[2]); !errors.Is(err, ErrBadTile) {
			t.Errorf("%v: %v, want ErrBadTile", zxy, err)
		}
	}
	// The Atlantic holds none of Hà Nội.
	if _, err := s.Render(maptile.At(orb.Point{-30, 30}, 10)); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty tile: %v", err)
	}
}

func TestCache(t *testing.T) {
	c := NewCache(2)
	s1 := NewSource(embedded(t, "ha-noi"), 1)
	tile := maptile.At(orb.Point{105.8523, 21.0285}, 14)
	a, err := c.Get(s1, 14, int(tile.X), int(tile.Y))
	if err != nil || a.Data == nil || a.ETag == "" {
		t.Fatalf("%v %v", a.ETag, err)
	}
	b, _ := c.Get(s1, 14, int(tile.X), int(tile.Y))
	if &a.Data[0] != &b.Data[0] || c.Len() != 1 {
		t.Errorf("second get rendered again")
	}
	// A new version of the data renders the tile again and replaces the old one.
	s2 := NewSource(embedded(t, "ha-noi"), 2)
	c2, err := c.Get(s2, 14, int(tile.X), int(tile.Y))
	if err != nil || c.Len() != 1 || &c2.Data[0] == &a.Data[0] {
		t.Errorf("new version: len %d, same data %v", c.Len(), &c2.Data[0] == &a.Data[0])
	}
	empty, err := c.Get(s2, 10, 0, 0)
	if err != nil || empty.Data != nil || c.Len() != 2 {
		t.Errorf("empty tile %v %v, len %d", empty, err, c.Len())
	}
	if _, err := c.Get(s2, 13, 0, 0); err != nil || c.Len() != 2 {
		t.Errorf("len %d: the least recently used must go", c.Len())
	}
	if _, err := c.Get(s1, 30, 0, 0); !errors.Is(err, ErrBadTile) {
		t.Errorf("bad tile: %v", err)
	}
}

func TestTileJSONAndStyle(t *testing.T) {
	c := embedded(t, "hoi-an")
	tj := TileJSON(c, "http://x", 7)
	if tj["tiles"].([]string)[0] != "http://x/tiles/hoi-an/{z}/{x}/{y}.mvt?v=7" || len(tj["vector_layers"].([]map[string]any)) != 3 {
		t.Errorf("tilejson %v", tj)
	}
	st := Style(c, "http://x")
	if st["version"] != 8 || st["glyphs"] != "http://x/fonts/{fontstack}/{range}.pbf" || len(st["layers"].([]any)) < 5 {
		t.Errorf("style %v", st)
	}
}

var hanoiPBF = filepath.Join("..", "..", "shared", "data", "osm", "hanoi_inner_drive.osm.pbf")

// BenchmarkRenderHanoiZ14 renders the z14 tile over Hoàn Kiếm from the real extract
// (© OpenStreetMap contributors), cold: selection, projection, clipping, simplification, gzip.
func BenchmarkRenderHanoiZ14(b *testing.B) {
	if _, err := os.Stat(hanoiPBF); err != nil {
		if os.Getenv("CI") == "true" {
			b.Fatalf("the OSM extract %s is missing", hanoiPBF)
		}
		b.Skipf("skipping: the OSM extract %s is absent", hanoiPBF)
	}
	c, _, err := osmimport.ImportFile(context.Background(), hanoiPBF, osmimport.Options{ID: "ha-noi-osm"})
	if err != nil {
		b.Fatal(err)
	}
	s := NewSource(c, 1)
	tile := maptile.At(orb.Point{105.8523, 21.0285}, 14)
	b.ReportAllocs()
	lat := make([]time.Duration, 0, b.N)
	size := 0
	for b.Loop() {
		t0 := time.Now()
		out, err := s.Render(tile)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "median-µs")
	b.ReportMetric(float64(size), "bytes")
}
