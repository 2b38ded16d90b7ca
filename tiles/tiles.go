// Package tiles renders Mapbox Vector Tiles of a city's layers (roads, venues, checkpoints),
// with TileJSON and a MapLibre style, and caches what it rendered.
package tiles

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/chotmap/chot/geo"
	"github.com/klauspost/compress/gzip"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
	"github.com/tidwall/rtree"
)

// Errors of Render.
var (
	ErrBadTile = errors.New("tiles: no such tile")
	ErrEmpty   = errors.New("tiles: empty tile")
)

// MaxZoom is the deepest zoom rendered; MapLibre overzooms beyond it.
const MaxZoom = 18

// Buffer is how far, in tile units of Extent, features reach beyond the tile's edge, so that
// lines and labels join across tiles.
const (
	Extent = 4096
	Buffer = 64
)

// Source renders the tiles of one city. It is safe for concurrent use; it reads the city's
// layers, which must not change while it is in use (make a new Source instead).
type Source struct {
	city    *geo.City
	world   []orb.Point // every road's points in world coordinates (see toWorld), road after road
	worldAt []int32     // road i's points are world[worldAt[i]:worldAt[i+1]]
	minZoom []uint8     // road i's RoadMinZoom
	roads   rtree.RTreeG[int32]
	venues  rtree.RTreeG[int32]
	cps     rtree.RTreeG[int32]
	areas   rtree.RTreeG[int32]
	areaW   []orb.Polygon // every area in world coordinates, its rings turned for tiles (see areaWorld)
	// The layers' properties, interned once and only read.
	roadDict, venueDict, cpDict, areaDict *dict
	Version                               uint64 // a number that changes when the data does, for caches and ETags
	Base                                  uint64 // the Version of the data but the checkpoints
}

// NewSource indexes a city's layers for rendering; version identifies the data.
func NewSource(c *geo.City, version uint64) *Source {
	s := &Source{city: c, Version: version, Base: version, worldAt: make([]int32, 1, len(c.Roads)+1)}
	for i, r := range c.Roads {
		b := r.Line.Bound()
		s.roads.Insert(b.Min, b.Max, int32(i))
		for _, p := range r.Line {
			s.world = append(s.world, toWorld(p))
		}
		s.worldAt = append(s.worldAt, int32(len(s.world)))
		s.minZoom = append(s.minZoom, uint8(RoadMinZoom(r.Highway)))
	}
	s.roadDict = newDict(len(c.Roads), func(i int) geojson.Properties { return roadProperties(&c.Roads[i]) })
	for i, v := range c.Venues {
		s.venues.Insert(v.Point, v.Point, int32(i))
	}
	s.venueDict = newDict(len(c.Venues), func(i int) geojson.Properties { return venueProperties(&c.Venues[i]) })
	for i := range c.Areas {
		b := c.Areas[i].Polygon.Bound()
		s.areas.Insert(b.Min, b.Max, int32(i))
		s.areaW = append(s.areaW, areaWorld(c.Areas[i].Polygon))
	}
	s.areaDict = newDict(len(c.Areas), func(i int) geojson.Properties { return areaProperties(&c.Areas[i]) })
	s.indexCheckpoints()
	return s
}

// areaWorld projects an area's rings to world coordinates, each ring reversed: a shell is
// counter-clockwise in longitude and latitude (RFC 7946), and the projection turns y down,
// where a vector tile's shells must have a positive area (clockwise as drawn).
func areaWorld(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for k, r := range p {
		w := make(orb.Ring, len(r))
		for j, q := range r {
			w[len(r)-1-j] = toWorld(q)
		}
		out[k] = w
	}
	return out
}

func (s *Source) indexCheckpoints() {
	cps := s.city.Checkpoints
	for i, cp := range cps {
		s.cps.Insert(cp.Point, cp.Point, int32(i))
	}
	s.cpDict = newDict(len(cps), func(i int) geojson.Properties { return checkpointProperties(&cps[i]) })
}

// toWorld projects a longitude and latitude to Web Mercator world coordinates, the square
// [0,1]² with y growing south, exactly as orb's tile projection does before it scales by
// the tile count: scaling by a power of two is exact, so a tile's coordinates computed from
// these equal orb's bit for bit, without a logarithm per point and tile.
func toWorld(p orb.Point) orb.Point {
	x := p[0]/360.0 + 0.5
	siny := math.Sin(p[1] * math.Pi / 180.0)
	var y float64
	switch {
	case siny > 0.9999:
		y = 0
	case siny < -0.9999:
		y = 1 // orb clamps to the last row, maxtiles-1, which lies outside every tile we render
	default:
		y = 0.5 + 0.5*math.Log((1.0+siny)/(1.0-siny))/(-2*math.Pi)
	}
	return orb.Point{x, y}
}

// tileProjection maps world coordinates into a tile's coordinates, 0..Extent.
type tileProjection struct{ scale, minx, miny float64 }

func newTileProjection(t maptile.Tile) tileProjection {
	return tileProjection{
		scale: float64(uint64(1) << (uint32(t.Z) + 12)), // Extent = 1<<12
		minx:  float64(uint64(t.X) << 12),
		miny:  float64(uint64(t.Y) << 12),
	}
}

func (tp tileProjection) apply(w orb.Point) orb.Point {
	return orb.Point{math.Floor(w[0]*tp.scale - tp.minx), math.Floor(w[1]*tp.scale - tp.miny)}
}

// WithCheckpoints returns a source for c, a copy of the source's city with other
// checkpoints: the road and venue indexes are shared, only the checkpoints are indexed again.
func (s *Source) WithCheckpoints(c *geo.City, version uint64) *Source {
	n := &Source{city: c, world: s.world, worldAt: s.worldAt, minZoom: s.minZoom, roads: s.roads, roadDict: s.roadDict,
		venues: s.venues, venueDict: s.venueDict, areas: s.areas, areaW: s.areaW, areaDict: s.areaDict, Version: version, Base: s.Base}
	n.indexCheckpoints()
	return n
}

// Tile returns the tile z/x/y, or ErrBadTile when it does not exist.
func Tile(z, x, y int) (maptile.Tile, error) {
	if z < 0 || z > MaxZoom {
		return maptile.Tile{}, fmt.Errorf("%w: z %d is outside 0..%d", ErrBadTile, z, MaxZoom)
	}
	n := 1 << z
	if x < 0 || x >= n || y < 0 || y >= n {
		return maptile.Tile{}, fmt.Errorf("%w: x and y must be in 0..%d at zoom %d, got %d/%d", ErrBadTile, n-1, z, x, y)
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z)), nil
}

// Render returns the gzipped vector tile, or ErrEmpty when nothing of the city is in it.
// The features are projected from the world coordinates made once per source, clipped to the
// tile and its buffer with orb's clip, simplified with orb's Douglas-Peucker to a tile unit,
// rid of lines shorter than a unit, and encoded (see encode.go).
func (s *Source) Render(t maptile.Tile) ([]byte, error) {
	bound := t.Bound(float64(Buffer) / Extent)
	tp := newTileProjection(t)
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.reset()
	for _, l := range []struct {
		name string
		d    *dict
		fs   []feature
	}{
		{"areas", s.areaDict, s.areaFeatures(bound, t.Z, tp)},
		{"roads", s.roadDict, s.roadFeatures(e, bound, t.Z, tp)},
		{"venues", s.venueDict, pointFeatures(&s.venues, VenueMinZoom, bound, t.Z, tp, func(i int32) orb.Point { return s.city.Venues[i].Point })},
		{"checkpoints", s.cpDict, pointFeatures(&s.cps, CheckpointMinZoom, bound, t.Z, tp, func(i int32) orb.Point { return s.city.Checkpoints[i].Point })},
	} {
		if fs := cut(l.fs); len(fs) > 0 {
			if err := e.addLayer(l.name, l.d, fs); err != nil {
				return nil, err
			}
		}
	}
	if len(e.out) == 0 {
		return nil, ErrEmpty
	}
	return gzipBytes(e.out)
}

// dropSmallHoles removes the holes smaller than a square tile unit, which simplification and
// rounding can flatten to nothing, in place.
func dropSmallHoles(p orb.Polygon) orb.Polygon {
	at := 1
	for _, r := range p[1:] {
		if math.Abs(planar.Area(r)) >= 1 { // a ring's area is signed: a hole's is negative
			p[at] = r
			at++
		}
	}
	return p[:at]
}

var encoders = sync.Pool{New: func() any { return new(encoder) }}

// tileBox is a tile with its buffer, in tile coordinates.
var tileBox = orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}}

var simplifier = simplify.DouglasPeucker(1)

// cut clips the features to the tile and its buffer (only those that cross its edge: most
// lie wholly inside), simplifies lines and polygons to a tile unit and drops lines shorter
// than a unit and polygons smaller than a square unit, in place.
func cut(fs []feature) []feature {
	at := 0
	for _, f := range fs {
		g := f.geom
		switch g.Dimensions() {
		case 0:
			if !tileBox.Contains(g.(orb.Point)) {
				continue
			}
		default:
			if b := f.bound; b.Min[0] < tileBox.Min[0] || b.Min[1] < tileBox.Min[1] || b.Max[0] > tileBox.Max[0] || b.Max[1] > tileBox.Max[1] {
				if g = clip.Geometry(tileBox, g); g == nil {
					continue
				}
			}
			if g = simplifier.Simplify(g); g == nil {
				continue
			}
			if p, ok := g.(orb.Polygon); ok {
				g = dropSmallHoles(p)
			}
			if g.Dimensions() == 1 && planar.Length(g) < 1 || g.Dimensions() == 2 && planar.Area(g) < 1 {
				continue
			}
		}
		fs[at] = feature{geom: g, id: f.id} // the bound is stale now, and no longer needed
		at++
	}
	return fs[:at]
}

// gzippers reuses gzip writers: a writer's compressor state is most of a tile's garbage.
var gzippers = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// gzipBytes compresses fast: tiles are small and rendered on demand, so speed matters more
// than the last few percent of size. klauspost/compress's fastest level took a cold z14 tile
// from 0.52 to 0.35 ms here against the standard library's, for a tile 3% larger.
func gzipBytes(raw []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(raw)/2 + 64)
	w := gzippers.Get().(*gzip.Writer)
	defer gzippers.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// roadMinZoom is the lowest zoom at which a road class is drawn.
var roadMinZoom = map[string]int{
	"motorway": 0, "trunk": 0, "motorway_link": 10, "trunk_link": 10,
	"primary": 8, "primary_link": 11, "secondary": 10, "secondary_link": 12,
	"tertiary": 11, "tertiary_link": 12, "unclassified": 13, "residential": 13,
	"living_street": 14, "service": 14, "pedestrian": 14,
}

// RoadMinZoom returns the lowest zoom at which roads of the class are in the tiles.
func RoadMinZoom(class string) int {
	if z, ok := roadMinZoom[class]; ok {
		return z
	}
	return 14
}

// Layer zooms of the area and point layers.
const (
	AreaMinZoom       = 8
	VenueMinZoom      = 10
	CheckpointMinZoom = 12
)

// roadFeatures returns the roads of the zoom that meet b, in tile coordinates. Their points
// and features live in the encoder's scratch, reused from tile to tile.
func (s *Source) roadFeatures(e *encoder, b orb.Bound, z maptile.Zoom, tp tileProjection) []feature {
	fs := e.roads[:0]
	n := 0
	s.roads.Search(b.Min, b.Max, func(_, _ [2]float64, i int32) bool {
		if s.minZoom[i] <= uint8(z) {
			fs = append(fs, feature{id: i})
			n += int(s.worldAt[i+1] - s.worldAt[i])
		}
		return true
	})
	if cap(e.pts) < n {
		e.pts = make([]orb.Point, n)
	}
	pts := e.pts[:n]
	at := 0
	for k, f := range fs {
		w := s.world[s.worldAt[f.id]:s.worldAt[f.id+1]]
		line := pts[at : at+len(w) : at+len(w)]
		b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
		for j, p := range w {
			q := tp.apply(p)
			line[j] = q
			b.Min[0], b.Min[1] = min(b.Min[0], q[0]), min(b.Min[1], q[1])
			b.Max[0], b.Max[1] = max(b.Max[0], q[0]), max(b.Max[1], q[1])
		}
		at += len(w)
		fs[k].geom, fs[k].bound = orb.LineString(line), b
	}
	e.roads = fs
	return fs
}

func roadProperties(r *geo.Road) geojson.Properties {
	p := geojson.Properties{"class": r.Highway}
	if r.Oneway != geo.TwoWay {
		p["oneway"] = r.Oneway.String()
	}
	if r.Name != "" {
		p["name"] = r.Name
	}
	if r.Ref != "" {
		p["ref"] = r.Ref
	}
	return p
}

func areaProperties(a *geo.Area) geojson.Properties {
	p := geojson.Properties{"id": a.ID, "kind": a.Kind}
	if a.Name != "" {
		p["name"] = a.Name
	}
	if a.NameEn != "" {
		p["name_en"] = a.NameEn
	}
	return p
}

// areaFeatures returns the areas that meet b, in tile coordinates.
func (s *Source) areaFeatures(b orb.Bound, z maptile.Zoom, tp tileProjection) []feature {
	if z < AreaMinZoom {
		return nil
	}
	var fs []feature
	s.areas.Search(b.Min, b.Max, func(_, _ [2]float64, i int32) bool {
		w := s.areaW[i]
		p := make(orb.Polygon, len(w))
		for k, r := range w {
			ring := make(orb.Ring, len(r))
			for j, q := range r {
				ring[j] = tp.apply(q)
			}
			p[k] = ring
		}
		fs = append(fs, feature{geom: p, bound: p.Bound(), id: i})
		return true
	})
	return fs
}

func venueProperties(v *geo.Venue) geojson.Properties {
	p := geojson.Properties{"id": v.ID, "kind": v.Kind, "name": v.Name}
	if v.NameEn != "" {
		p["name_en"] = v.NameEn
	}
	return p
}

func checkpointProperties(cp *geo.Checkpoint) geojson.Properties {
	return geojson.Properties{"id": cp.ID, "kind": cp.Kind, "name": cp.Name, "unit": cp.Unit,
		"officers": cp.Officers, "radius_m": math.Round(cp.RadiusM)}
}

// pointFeatures returns the points of an index that meet b, in tile coordinates, from the
// layer's lowest zoom on.
func pointFeatures(ix *rtree.RTreeG[int32], minZoom int, b orb.Bound, z maptile.Zoom, tp tileProjection, at func(int32) orb.Point) []feature {
	if int(z) < minZoom {
		return nil
	}
	var fs []feature
	ix.Search(b.Min, b.Max, func(_, _ [2]float64, i int32) bool {
		fs = append(fs, feature{geom: tp.apply(toWorld(at(i))), id: i})
		return true
	})
	return fs
}
