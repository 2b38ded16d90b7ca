package tiles

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"google.golang.org/protobuf/encoding/protowire"
)

// This file writes the Mapbox Vector Tile 2.1 protobuf directly. orb's encoding/mvt builds
// the tile as protobuf structs and a key and value table per tile from each feature's
// property map, which was half of a cold tile's time; here each layer's properties are
// interned once per source, each value already encoded, so a tile only renumbers the
// entries it uses. The tests check the result against orb's own pipeline.

// dict is one layer's property table: every distinct key and value of the layer's features,
// each value encoded as a vector tile Value message, and feature i's (key, value) pairs as
// indexes into them, in tags[at[i]:at[i+1]].
type dict struct {
	keys   []string
	values [][]byte
	tags   []uint32
	at     []int32
}

// newDict interns the properties of n features; props(i) gives feature i's.
func newDict(n int, props func(i int) geojson.Properties) *dict {
	d := &dict{at: make([]int32, 1, n+1)}
	keyIDs, valueIDs := map[string]uint32{}, map[any]uint32{}
	var keys []string
	for i := range n {
		p := props(i)
		keys = keys[:0]
		for k := range p {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ki, ok := keyIDs[k]
			if !ok {
				ki = uint32(len(d.keys))
				keyIDs[k] = ki
				d.keys = append(d.keys, k)
			}
			v := p[k]
			vi, ok := valueIDs[v]
			if !ok {
				vi = uint32(len(d.values))
				valueIDs[v] = vi
				d.values = append(d.values, encodeValue(v))
			}
			d.tags = append(d.tags, ki, vi)
		}
		d.at = append(d.at, int32(len(d.tags)))
	}
	return d
}

// encodeValue returns the Value message of a property, typed as orb's encoder types it:
// integers as sint, floats as double, and anything else as its text.
func encodeValue(v any) []byte {
	switch v := v.(type) {
	case float64:
		return protowire.AppendFixed64(protowire.AppendTag(nil, 3, protowire.Fixed64Type), math.Float64bits(v))
	case int:
		return protowire.AppendVarint(protowire.AppendTag(nil, 6, protowire.VarintType), protowire.EncodeZigZag(int64(v)))
	}
	return protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), fmt.Sprint(v))
}

// feature is a layer's feature on its way into a tile: its geometry in tile coordinates, the
// geometry's bound when known (lines; points have none), and its index in the layer's dict.
type feature struct {
	geom  orb.Geometry
	bound orb.Bound
	id    int32
}

// encoder writes one tile; its buffers are reused from tile to tile.
type encoder struct {
	out, layer, feat []byte
	geom, tags       []uint32
	keyAt, valueAt   []uint32 // a dict entry's index in this layer's table plus one, 0 if unused
	usedKeys, usedVs []uint32
	pts              []orb.Point // scratch for the road features' points
	roads            []feature   // scratch for the road features
}

func (e *encoder) reset() { e.out = e.out[:0] }

// addLayer appends a layer of the features to the tile.
func (e *encoder) addLayer(name string, d *dict, fs []feature) error {
	e.keyAt = grow(e.keyAt, len(d.keys))
	e.valueAt = grow(e.valueAt, len(d.values))
	e.usedKeys, e.usedVs = e.usedKeys[:0], e.usedVs[:0]
	e.layer = appendBytes(e.layer[:0], 1, []byte(name))
	for _, f := range fs {
		typ, err := e.encodeGeometry(f.geom)
		if err != nil {
			return err
		}
		e.tags = e.tags[:0]
		kv := d.tags[d.at[f.id]:d.at[f.id+1]]
		for i := 0; i < len(kv); i += 2 {
			k, v := kv[i], kv[i+1]
			if e.keyAt[k] == 0 {
				e.usedKeys = append(e.usedKeys, k)
				e.keyAt[k] = uint32(len(e.usedKeys))
			}
			if e.valueAt[v] == 0 {
				e.usedVs = append(e.usedVs, v)
				e.valueAt[v] = uint32(len(e.usedVs))
			}
			e.tags = append(e.tags, e.keyAt[k]-1, e.valueAt[v]-1)
		}
		e.feat = appendPacked(e.feat[:0], 2, e.tags)
		e.feat = protowire.AppendVarint(protowire.AppendTag(e.feat, 3, protowire.VarintType), uint64(typ))
		e.feat = appendPacked(e.feat, 4, e.geom)
		e.layer = appendBytes(e.layer, 2, e.feat)
	}
	for _, k := range e.usedKeys {
		e.layer = appendBytes(e.layer, 3, []byte(d.keys[k]))
		e.keyAt[k] = 0
	}
	for _, v := range e.usedVs {
		e.layer = appendBytes(e.layer, 4, d.values[v])
		e.valueAt[v] = 0
	}
	e.layer = protowire.AppendVarint(protowire.AppendTag(e.layer, 5, protowire.VarintType), Extent)
	e.layer = protowire.AppendVarint(protowire.AppendTag(e.layer, 15, protowire.VarintType), 2) // version 2 of the specification, 2.1
	e.out = appendBytes(e.out, 3, e.layer)
	return nil
}

// Geometry types and commands of the specification.
const (
	geomPoint      = 1
	geomLineString = 2
	geomPolygon    = 3
	cmdMoveTo      = 1
	cmdLineTo      = 2
	cmdClosePath   = 7
)

// encodeGeometry writes g's commands into e.geom and returns its type. Coordinates are
// truncated to integers, as orb does.
func (e *encoder) encodeGeometry(g orb.Geometry) (int, error) {
	e.geom = e.geom[:0]
	var x, y int32
	point := func(p orb.Point) {
		px, py := int32(p[0]), int32(p[1])
		e.geom = append(e.geom, uint32(protowire.EncodeZigZag(int64(px-x))), uint32(protowire.EncodeZigZag(int64(py-y))))
		x, y = px, py
	}
	line := func(ls orb.LineString) {
		e.geom = append(e.geom, 1<<3|cmdMoveTo)
		point(ls[0])
		e.geom = append(e.geom, uint32(len(ls)-1)<<3|cmdLineTo)
		for _, p := range ls[1:] {
			point(p)
		}
	}
	// A ring's last point repeats its first: ClosePath draws that edge.
	ring := func(r orb.Ring) {
		if r.Closed() {
			r = r[:len(r)-1]
		}
		line(orb.LineString(r))
		e.geom = append(e.geom, 1<<3|cmdClosePath)
	}
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			if len(r) >= 3 {
				ring(r)
			}
		}
		if len(e.geom) == 0 {
			return 0, fmt.Errorf("tiles: a polygon with no ring of three points")
		}
		return geomPolygon, nil
	case orb.Point:
		e.geom = append(e.geom, 1<<3|cmdMoveTo)
		point(g)
		return geomPoint, nil
	case orb.LineString:
		if len(g) < 2 {
			return 0, fmt.Errorf("tiles: a line of %d points", len(g))
		}
		line(g)
		return geomLineString, nil
	case orb.MultiLineString:
		for _, ls := range g {
			if len(ls) >= 2 {
				line(ls)
			}
		}
		if len(e.geom) == 0 {
			return 0, fmt.Errorf("tiles: a multi-line with no line of two points")
		}
		return geomLineString, nil
	}
	return 0, fmt.Errorf("tiles: geometry %T is not encoded", g)
}

// appendBytes appends a length-delimited field: a string, bytes or an embedded message.
func appendBytes(b []byte, field protowire.Number, v []byte) []byte {
	return protowire.AppendBytes(protowire.AppendTag(b, field, protowire.BytesType), v)
}

// appendPacked appends a packed repeated uint32 field.
func appendPacked(b []byte, field protowire.Number, vs []uint32) []byte {
	n := 0
	for _, v := range vs {
		n += protowire.SizeVarint(uint64(v))
	}
	b = protowire.AppendVarint(protowire.AppendTag(b, field, protowire.BytesType), uint64(n))
	for _, v := range vs {
		b = protowire.AppendVarint(b, uint64(v))
	}
	return b
}

// grow returns s with at least n elements, all zero beyond its old length.
func grow(s []uint32, n int) []uint32 {
	if len(s) >= n {
		return s
	}
	return append(s, make([]uint32, n-len(s))...)
}
