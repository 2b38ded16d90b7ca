// Package tiles renders Mapbox Vector Tiles of a city's layers (roads, venues, checkpoints),
// with TileJSON and a MapLibre style, and caches what it rendered.
package tiles

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
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
	props   []geojson.Properties // each road's tile properties, made once and only read
	roads   rtree.RTreeG[int32]  // road index by bound
	venues  rtree.RTreeG[int32]
	cps     rtree.RTreeG[int32]
	Version uint64 // a number that changes when the data does, for caches and ETags
}

// NewSource indexes a city's layers for rendering; version identifies the data.
func NewSource(c *geo.City, version uint64) *Source {
	s := &Source{city: c, Version: version, props: make([]geojson.Properties, len(c.Roads))}
	for i, r := range c.Roads {
		b := r.Line.Bound()
		s.roads.Insert(b.Min, b.Max, int32(i))
		s.props[i] = roadProperties(&r)
	}
	for i, v := range c.Venues {
		s.venues.Insert(v.Point, v.Point, int32(i))
	}
	for i, cp := range c.Checkpoints {
		s.cps.Insert(cp.Point, cp.Point, int32(i))
	}
	return s
}

// WithCheckpoints returns a source for c, a copy of the source's city with other
// checkpoints: the road and venue indexes are shared, only the checkpoints are indexed again.
func (s *Source) WithCheckpoints(c *geo.City, version uint64) *Source {
	n := &Source{city: c, props: s.props, roads: s.roads, venues: s.venues, Version: version}
	for i, cp := range c.Checkpoints {
		n.cps.Insert(cp.Point, cp.Point, int32(i))
	}
	return n
}

// City returns the source's city.
func (s *Source) City() *geo.City { return s.city }

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
func (s *Source) Render(t maptile.Tile) ([]byte, error) {
	bound := t.Bound(float64(Buffer) / Extent)
	layers := mvt.Layers{}
	for _, l := range []struct {
		name string
		fc   *geojson.FeatureCollection
	}{{"roads", s.roadFeatures(bound, int(t.Z))}, {"venues", s.venueFeatures(bound, int(t.Z))}, {"checkpoints", s.checkpointFeatures(bound, int(t.Z))}} {
		if len(l.fc.Features) > 0 {
			layers = append(layers, mvt.NewLayer(l.name, l.fc))
		}
	}
	if len(layers) == 0 {
		return nil, ErrEmpty
	}
	for _, l := range layers {
		l.Version = 2 // Mapbox Vector Tile 2.1
	}
	layers.ProjectToTile(t)
	clipLayers(layers, orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}})
	layers.Simplify(simplify.DouglasPeucker(1))
	layers.RemoveEmpty(1, 1)
	if len(layers) == 0 || allEmpty(layers) {
		return nil, ErrEmpty
	}
	raw, err := mvt.Marshal(layers)
	if err != nil {
		return nil, err
	}
	return gzipBytes(raw)
}

// gzippers reuses gzip writers: a writer's compressor state is most of a tile's garbage.
var gzippers = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// gzipBytes compresses fast: tiles are small and rendered on demand, so speed matters more
// than the last few percent of size.
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

// clipLayers clips the features to box with orb's clip, leaving alone the many that lie
// wholly inside it.
func clipLayers(ls mvt.Layers, box orb.Bound) {
	for _, l := range ls {
		at := 0
		for _, f := range l.Features {
			g := f.Geometry
			if b := g.Bound(); b.Min[0] < box.Min[0] || b.Min[1] < box.Min[1] || b.Max[0] > box.Max[0] || b.Max[1] > box.Max[1] {
				g = clip.Geometry(box, g)
			}
			if g != nil {
				f.Geometry = g
				l.Features[at] = f
				at++
			}
		}
		l.Features = l.Features[:at]
	}
}

func allEmpty(ls mvt.Layers) bool {
	for _, l := range ls {
		if len(l.Features) > 0 {
			return false
		}
	}
	return true
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

// Layer zooms of the point layers.
const (
	VenueMinZoom      = 10
	CheckpointMinZoom = 12
)

func (s *Source) roadFeatures(b orb.Bound, z int) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	s.roads.Search(b.Min, b.Max, func(_, _ [2]float64, i int32) bool {
		r := &s.city.Roads[i]
		if RoadMinZoom(r.Highway) > z {
			return true
		}
		// A new line (ProjectToTile works in place) with the shared properties.
		fc.Features = append(fc.Features, &geojson.Feature{Type: "Feature", Geometry: r.Line.Clone(), Properties: s.props[i]})
		return true
	})
	return fc
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

func (s *Source) venueFeatures(b orb.Bound, z int) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	if z < VenueMinZoom {
		return fc
	}
	s.venues.Search(b.Min, b.Max, func(_, _ [2]float64, i int32) bool {
		v := &s.city.Venues[i]
		f := geojson.NewFeature(v.Point)
		f.Properties = geojson.Properties{"id": v.ID, "kind": v.Kind, "name": v.Name}
		if v.NameEn != "" {
			f.Properties["name_en"] = v.NameEn
		}
		fc.Append(f)
		return true
	})
	return fc
}

func (s *Source) checkpointFeatures(b orb.Bound, z int) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	if z < CheckpointMinZoom {
		return fc
	}
	s.cps.Search(b.Min, b.Max, func(_, _ [2]float64, i int32) bool {
		cp := &s.city.Checkpoints[i]
		f := geojson.NewFeature(cp.Point)
		f.Properties = geojson.Properties{"id": cp.ID, "kind": cp.Kind, "name": cp.Name, "unit": cp.Unit,
			"officers": cp.Officers, "radius_m": math.Round(cp.RadiusM)}
		fc.Append(f)
		return true
	})
	return fc
}
