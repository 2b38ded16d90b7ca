package tiles

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport/osmtest"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
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
		{"ha-noi", orb.Point{105.8523, 21.0285}, 14, []string{"areas", "roads", "venues", "checkpoints"}, "", true},
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
	// A checkpoint edit renders the tiles that show checkpoints again, and only those.
	z10 := maptile.At(orb.Point{105.8523, 21.0285}, 10)
	low, _ := c.Get(s2, 10, int(z10.X), int(z10.Y))
	s3 := s2.WithCheckpoints(s2.city, 3)
	low3, _ := c.Get(s3, 10, int(z10.X), int(z10.Y))
	high3, _ := c.Get(s3, 14, int(tile.X), int(tile.Y))
	if &low3.Data[0] != &low.Data[0] || &high3.Data[0] == &c2.Data[0] {
		t.Errorf("after a checkpoint edit: z10 rendered again %v, z14 rendered again %v", &low3.Data[0] != &low.Data[0], &high3.Data[0] != &c2.Data[0])
	}
	c = NewCache(2)
	c.Get(s2, 14, int(tile.X), int(tile.Y))
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
	if tj["tiles"].([]string)[0] != "http://x/tiles/hoi-an/{z}/{x}/{y}.mvt?v=7" || len(tj["vector_layers"].([]map[string]any)) != 4 {
		t.Errorf("tilejson %v", tj)
	}
	st := Style(c, "http://x")
	if st["version"] != 8 || st["glyphs"] != "http://x/fonts/{fontstack}/{range}.pbf" || len(st["layers"].([]any)) < 5 {
		t.Errorf("style %v", st)
	}
}

// renderWithOrb is the reference renderer: every feature of the city tested against the
// tile's bound one by one, and orb's encoding/mvt pipeline as its documentation shows it
// (project, clip, simplify, remove empty, marshal).
func renderWithOrb(t *testing.T, c *geo.City, tile maptile.Tile) []byte {
	t.Helper()
	bound := tile.Bound(float64(Buffer) / Extent)
	z := int(tile.Z)
	roads, venues, cps, areas := geojson.NewFeatureCollection(), geojson.NewFeatureCollection(), geojson.NewFeatureCollection(), geojson.NewFeatureCollection()
	for i := range c.Areas {
		// Shells clockwise in longitude and latitude, so that they are counter-clockwise
		// (a positive area) once ProjectToTile turns y down, as vector tiles want them.
		a := &c.Areas[i]
		if z >= AreaMinZoom && a.Polygon.Bound().Intersects(bound) {
			p := a.Polygon.Clone()
			for _, r := range p {
				r.Reverse()
			}
			f := geojson.NewFeature(p)
			f.Properties = areaProperties(a)
			areas.Append(f)
		}
	}
	for i := range c.Roads {
		r := &c.Roads[i]
		if RoadMinZoom(r.Highway) <= z && r.Line.Bound().Intersects(bound) {
			f := geojson.NewFeature(r.Line.Clone())
			f.Properties = roadProperties(r)
			roads.Append(f)
		}
	}
	for i := range c.Venues {
		if v := &c.Venues[i]; z >= VenueMinZoom && bound.Contains(v.Point) {
			f := geojson.NewFeature(v.Point)
			f.Properties = venueProperties(v)
			venues.Append(f)
		}
	}
	for i := range c.Checkpoints {
		if cp := &c.Checkpoints[i]; z >= CheckpointMinZoom && bound.Contains(cp.Point) {
			f := geojson.NewFeature(cp.Point)
			f.Properties = checkpointProperties(cp)
			cps.Append(f)
		}
	}
	layers := mvt.NewLayers(map[string]*geojson.FeatureCollection{"areas": areas, "roads": roads, "venues": venues, "checkpoints": cps})
	for _, l := range layers {
		l.Version = 2
	}
	layers.ProjectToTile(tile)
	layers.Clip(orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}})
	layers.Simplify(simplify.DouglasPeucker(1))
	layers.RemoveEmpty(1, 1)
	// Beyond orb: holes smaller than a square unit go.
	for _, l := range layers {
		for _, f := range l.Features {
			if p, ok := f.Geometry.(orb.Polygon); ok {
				f.Geometry = append(orb.Polygon{p[0]}, slices.DeleteFunc(p[1:], func(r orb.Ring) bool { return math.Abs(planar.Area(r)) < 1 })...)
			}
		}
	}
	raw, err := mvt.Marshal(layers)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// layerText renders an uncompressed tile's layers as sorted lines of properties and
// geometry, leaving out empty layers.
func layerText(t *testing.T, raw []byte) map[string][]string {
	t.Helper()
	ls, err := mvt.Unmarshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, l := range ls {
		if l.Version != 2 || l.Extent != Extent {
			t.Errorf("layer %s: version %d, extent %d", l.Name, l.Version, l.Extent)
		}
		for _, f := range l.Features {
			out[l.Name] = append(out[l.Name], fmt.Sprintf("%v %v", f.Properties, f.Geometry))
			// The specification: a shell has a positive area by the surveyor's formula in tile
			// coordinates (orb calls that counter-clockwise), a hole a negative one.
			ps, _ := f.Geometry.(orb.MultiPolygon)
			if p, ok := f.Geometry.(orb.Polygon); ok {
				ps = orb.MultiPolygon{p}
			}
			for _, p := range ps {
				for k, r := range p {
					if want := map[bool]orb.Orientation{true: orb.CCW, false: orb.CW}[k == 0]; r.Orientation() != want {
						t.Errorf("layer %s feature %v: ring %d winds %v", l.Name, f.Properties, k, r.Orientation())
					}
				}
			}
		}
		sort.Strings(out[l.Name])
	}
	return out
}

// TestRenderMatchesOrb compares the renderer (projection made once, the road index, clipping
// only what crosses the edge, its own encoder) with the reference on tiles of every city.
func TestRenderMatchesOrb(t *testing.T) {
	cities := []struct {
		id   string
		city func(*testing.T) *geo.City
		n    int
	}{
		{"hoi-an", func(t *testing.T) *geo.City { return embedded(t, "hoi-an") }, 150},
		{"ha-noi", func(t *testing.T) *geo.City { return embedded(t, "ha-noi") }, 150},
		{"dien-bien", func(t *testing.T) *geo.City { return embedded(t, "dien-bien") }, 150},
		{"ha-noi-osm", func(t *testing.T) *geo.City { return osmtest.Hanoi(t) }, 60}, // skipped without the extract
		{"polygons", func(t *testing.T) *geo.City { return withAreas(embedded(t, "hoi-an"), 40) }, 150},
	}
	for i, cc := range cities {
		t.Run(cc.id, func(t *testing.T) { compareWithOrb(t, cc.city(t), cc.n, uint64(i)) })
	}
}

// withAreas returns a copy of c with n more areas, seeded: star-shaped polygons of up to
// 64 points and 3 km across, half of them with a hole, some reaching past the tiles' edges.
func withAreas(c *geo.City, n int) *geo.City {
	cc := *c
	cc.ID = c.ID + "-areas"
	cc.Areas = slices.Clone(c.Areas)
	rng := rand.New(rand.NewPCG(9, 9))
	b := c.Bound
	for i := range n {
		centre := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		star := func(radius float64, points int) orb.Ring {
			var r orb.Ring
			for k := range points {
				a := 2 * math.Pi * float64(k) / float64(points)
				d := radius * (0.6 + 0.4*rng.Float64())
				r = append(r, orb.Point{centre[0] + d*math.Cos(a), centre[1] + d*math.Sin(a)})
			}
			return append(r, r[0])
		}
		radius := 0.0005 + rng.Float64()*0.015
		p := orb.Polygon{star(radius, 5+rng.IntN(60))}
		if i%2 == 0 {
			p = append(p, star(radius/4, 4+rng.IntN(10)))
		}
		cc.Areas = append(cc.Areas, geo.Area{ID: fmt.Sprintf("a%d", i), Kind: geo.AreaKinds[i%2], Name: fmt.Sprint("Hồ ", i), Polygon: geo.Orient(p)})
	}
	return &cc
}

// compareWithOrb renders n random tiles of c from zoom 8 to 18 (seeded), the tiles over its
// centre at every zoom and two at its corners, and compares each with the reference.
func compareWithOrb(t *testing.T, c *geo.City, n int, seed uint64) {
	rng := rand.New(rand.NewPCG(5, seed))
	s := NewSource(c, 1)
	b := c.Bound
	tiles := []maptile.Tile{maptile.At(b.Min, 16), maptile.At(b.Max, 12)}
	for z := range maptile.Zoom(MaxZoom + 1) {
		tiles = append(tiles, maptile.At(c.Centre, z))
	}
	for range n {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		tiles = append(tiles, maptile.At(p, maptile.Zoom(8+rng.IntN(11))))
	}
	nonEmpty, polygons := 0, 0
	for _, tile := range tiles {
		want := layerText(t, renderWithOrb(t, c, tile))
		got := map[string][]string{}
		out, err := s.Render(tile)
		switch {
		case errors.Is(err, ErrEmpty):
		case err != nil:
			t.Fatalf("%s %v: %v", c.ID, tile, err)
		default:
			raw, err := gunzip(out)
			if err != nil {
				t.Fatal(err)
			}
			got = layerText(t, raw)
			nonEmpty++
			polygons += len(got["areas"])
		}
		for name := range want {
			if len(want[name]) == 0 {
				delete(want, name)
			}
		}
		if !reflect.DeepEqual(got, want) {
			for name := range want {
				if !reflect.DeepEqual(got[name], want[name]) {
					t.Errorf("%s tile %v layer %s: %d features, the reference %d", c.ID, tile, name, len(got[name]), len(want[name]))
				}
			}
			t.Fatalf("%s tile %v differs from the reference: layers %d, the reference's %d", c.ID, tile, len(got), len(want))
		}
	}
	t.Logf("%s: %d of %d tiles with features, %d of them areas", c.ID, nonEmpty, len(tiles), polygons)
	if nonEmpty < len(tiles)/3 {
		t.Errorf("%s: only %d of %d tiles had features; the test compares too little", c.ID, nonEmpty, len(tiles))
	}
}

func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// BenchmarkRenderHanoiZ14 renders the z14 tile over Hoàn Kiếm from the real extract
// (© OpenStreetMap contributors), cold: selection, projection, clipping, simplification, gzip.
func BenchmarkRenderHanoiZ14(b *testing.B) {
	benchRender(b, NewSource(osmtest.Hanoi(b), 1), maptile.At(orb.Point{105.8523, 21.0285}, 14))
}

// BenchmarkRenderHanoiZooms renders the tiles over Hoàn Kiếm at other zooms, cold: z10 and
// z12 hold most of the extract's major roads.
func BenchmarkRenderHanoiZooms(b *testing.B) {
	s := NewSource(osmtest.Hanoi(b), 1)
	for _, z := range []maptile.Zoom{10, 12, 16} {
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) { benchRender(b, s, maptile.At(orb.Point{105.8523, 21.0285}, z)) })
	}
}

func benchRender(b *testing.B, s *Source, tile maptile.Tile) {
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

// TestRenderConcurrent renders tiles of one source from several goroutines at once: each must
// equal the tile rendered alone (the encoders and their scratch are pooled).
func TestRenderConcurrent(t *testing.T) {
	c := embedded(t, "ha-noi")
	s := NewSource(c, 1)
	var tiles []maptile.Tile
	for z := maptile.Zoom(11); z <= 16; z++ {
		tiles = append(tiles, maptile.At(c.Centre, z), maptile.At(orb.Point{105.8412, 21.0368}, z))
	}
	want := make([][]byte, len(tiles))
	for i, tile := range tiles {
		out, err := s.Render(tile)
		if err != nil {
			t.Fatal(err)
		}
		if want[i], err = gunzip(out); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for k := range 3 * len(tiles) {
				i := (g + k) % len(tiles)
				out, err := s.Render(tiles[i])
				if err == nil {
					out, err = gunzip(out)
				}
				if err == nil && !bytes.Equal(out, want[i]) {
					err = fmt.Errorf("tile %v differs when rendered alongside others", tiles[i])
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestRenderPolygonWithHole: a lake with an island comes out as one polygon of two rings, the
// shell with a positive area in tile coordinates and the hole with a negative one.
func TestRenderPolygonWithHole(t *testing.T) {
	c := *embedded(t, "hoi-an")
	tile := maptile.At(c.Centre, 13)
	o := tile.Center()
	square := func(d float64) orb.Ring {
		return orb.Ring{{o[0] - d, o[1] - d}, {o[0] + d, o[1] - d}, {o[0] + d, o[1] + d}, {o[0] - d, o[1] + d}, {o[0] - d, o[1] - d}}
	}
	c.Areas = []geo.Area{{ID: "lake", Kind: "water", Name: "Hồ", Polygon: geo.Orient(orb.Polygon{square(0.004), square(0.002)})}}
	out, err := NewSource(&c, 1).Render(tile) // the lake lies wholly inside it
	if err != nil {
		t.Fatal(err)
	}
	areas := decode(t, out)["areas"]
	if areas == nil || len(areas.Features) != 1 {
		t.Fatalf("areas layer %v", areas)
	}
	p, ok := areas.Features[0].Geometry.(orb.Polygon)
	if !ok || len(p) != 2 {
		t.Fatalf("lake %v, want a polygon with a hole", areas.Features[0].Geometry)
	}
	shell, hole := planar.Area(p[0]), planar.Area(p[1])
	if shell <= 0 || hole >= 0 || math.Abs(hole/shell) < 0.2 || math.Abs(hole/shell) > 0.3 {
		t.Errorf("signed areas: shell %g, hole %g (want positive, negative, a quarter of it)", shell, hole)
	}
}
