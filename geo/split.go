package geo

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// SplitLine splits line into the parts covered by area (inside, the area's
// boundary included) and the gaps (outside), each in the order they occur
// along line and oriented like it; consecutive parts alternate between the two
// lists and the lengths of all parts add up to LineLength(line). An empty area
// leaves the whole line outside. Segments are split one at a time with
// simplefeatures' Intersection, so a line that doubles back over itself keeps
// its full length. area must be valid (polygons not overlapping), as
// BufferUnion and BufferLines return. The error is an *ArgError naming the
// first bad point or ring, or a wrapped geometry error.
func SplitLine(line orb.LineString, area orb.MultiPolygon) (inside, outside []orb.LineString, err error) {
	if err := checkSplitArgs(line, area); err != nil {
		return nil, nil, err
	}
	a := toGeomArea(area)
	if a.IsEmpty() {
		return nil, []orb.LineString{append(orb.LineString(nil), line...)}, nil
	}
	c, err := newCover(line, a.AsGeometry())
	if err != nil {
		return nil, nil, err
	}
	var s splitter
	for i := 1; i < len(line); i++ {
		if line[i-1] == line[i] {
			continue
		}
		sp, err := c.spans(line[i-1], line[i])
		if err != nil {
			return nil, nil, fmt.Errorf("geo: line segment %d: %w", i-1, err)
		}
		s.add(line[i-1], line[i], sp)
	}
	s.flush()
	return s.inside, s.outside, nil
}

func checkSplitArgs(line orb.LineString, area orb.MultiPolygon) error {
	if err := checkLine("line", line); err != nil {
		return err
	}
	if LineLength(line) == 0 {
		return &ArgError{Arg: "line", Msg: "want at least 2 distinct points"}
	}
	for i, poly := range area {
		for j, ring := range poly {
			arg := fmt.Sprintf("area[%d][%d]", i, j)
			if len(ring) < 3 {
				return &ArgError{Arg: arg, Msg: fmt.Sprintf("want a ring of at least 3 points, got %d", len(ring))}
			}
			for k, p := range ring {
				if err := checkPoint(fmt.Sprintf("%s[%d]", arg, k), p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// toGeomArea converts area to simplefeatures in lon/lat, closing open rings.
func toGeomArea(area orb.MultiPolygon) geom.MultiPolygon {
	var polys []geom.Polygon
	for _, poly := range area {
		if len(poly) == 0 {
			continue
		}
		rings := make([]geom.LineString, len(poly))
		for j, r := range poly {
			if r[0] != r[len(r)-1] {
				r = append(append(orb.Ring(nil), r...), r[0])
			}
			rings[j] = geom.NewLineString(toSequence(r, identity))
		}
		polys = append(polys, geom.NewPolygon(rings))
	}
	return geom.NewMultiPolygon(polys)
}

// span is the piece [t0, t1] of a segment, as fractions of its length, and
// whether the area covers it.
type span struct {
	t0, t1 float64
	in     bool
}

// spanEps is the shortest span kept, as a fraction of its segment: a
// micrometre of a kilometre, far below the overlay's rounding noise.
const spanEps = 1e-9

// cover answers which spans of a line's segments an area covers.
type cover struct {
	line    orb.LineString
	area    geom.Geometry
	prep    geom.PreparedGeometry
	near    geom.Geometry // area within corridorDeg of line, made on first need
	clipped bool
}

// corridorDeg is the half-width, in degrees (about a metre), of the corridor
// about the line to which the area is clipped once, so that each segment's
// Intersection handles a few vertices rather than the whole area.
const corridorDeg = 1e-5

func newCover(line orb.LineString, area geom.Geometry) (*cover, error) {
	prep, err := geom.Prepare(area)
	if err != nil {
		return nil, fmt.Errorf("geo: area: %w", err)
	}
	return &cover{line: line, area: area, prep: prep}, nil
}

// spans returns the spans of the segment ab, in order from a, that cover
// [0, 1] and alternate between inside and outside the area.
func (c *cover) spans(a, b orb.Point) ([]span, error) {
	seg := geom.NewLineStringXY(a[0], a[1], b[0], b[1]).AsGeometry()
	if hit, err := c.prep.Intersects(seg); err != nil || !hit {
		return []span{{0, 1, false}}, err
	}
	if covered, err := c.prep.Covers(seg); err != nil || covered {
		return []span{{0, 1, true}}, err
	}
	if err := c.clip(); err != nil {
		return nil, err
	}
	g, err := geom.Intersection(seg, c.near)
	if err != nil {
		return nil, err
	}
	return complement(insideIntervals(g, a, b)), nil
}

// clip sets c.near to the area within corridorDeg of the line, which meets
// every segment exactly where the whole area does.
func (c *cover) clip() error {
	if c.clipped {
		return nil
	}
	ls := geom.NewLineString(toSequence(c.line, identity))
	corridor, err := geom.Buffer(ls.AsGeometry(), corridorDeg, geom.BufferQuadSegments(2))
	if err != nil {
		return fmt.Errorf("corridor: %w", err)
	}
	if c.near, err = geom.Intersection(c.area, corridor); err != nil {
		return fmt.Errorf("clipping the area: %w", err)
	}
	c.clipped = true
	return nil
}

// insideIntervals returns the sorted, merged [t0, t1] intervals of segment ab
// that the linear parts of g (the segment's intersection with the area) cover.
// The overlay may reverse, reorder or cut up its parts; their position along
// the segment is all that counts.
func insideIntervals(g geom.Geometry, a, b orb.Point) [][2]float64 {
	var ivs [][2]float64
	for _, part := range g.Dump() {
		ls, ok := part.AsLineString()
		if !ok || ls.IsEmpty() {
			continue
		}
		seq := ls.Coordinates()
		lo, hi := 1.0, 0.0
		for i := 0; i < seq.Length(); i++ {
			t := segmentParam(a, b, seq.GetXY(i))
			lo, hi = math.Min(lo, t), math.Max(hi, t)
		}
		if hi-lo >= spanEps {
			ivs = append(ivs, [2]float64{lo, hi})
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i][0] < ivs[j][0] })
	return mergeIntervals(ivs)
}

// segmentParam returns where p lies along segment ab, clamped to [0, 1] and
// snapped to its ends within spanEps.
func segmentParam(a, b orb.Point, p geom.XY) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((p.X-a[0])*dx + (p.Y-a[1])*dy) / (dx*dx + dy*dy)
	switch {
	case t < spanEps:
		return 0
	case t > 1-spanEps:
		return 1
	}
	return t
}

// mergeIntervals joins sorted intervals that overlap or lie within spanEps.
func mergeIntervals(ivs [][2]float64) [][2]float64 {
	var out [][2]float64
	for _, iv := range ivs {
		if n := len(out); n > 0 && iv[0] <= out[n-1][1]+spanEps {
			out[n-1][1] = math.Max(out[n-1][1], iv[1])
			continue
		}
		out = append(out, iv)
	}
	return out
}

// complement turns sorted, disjoint inside intervals into spans covering [0, 1].
func complement(ivs [][2]float64) []span {
	var sp []span
	t := 0.0
	for _, iv := range ivs {
		if iv[0] > t {
			sp = append(sp, span{t, iv[0], false})
		}
		sp = append(sp, span{iv[0], iv[1], true})
		t = iv[1]
	}
	if t < 1 {
		sp = append(sp, span{t, 1, false})
	}
	return sp
}

// splitter gathers spans, segment after segment, into maximal parts.
type splitter struct {
	inside, outside []orb.LineString
	cur             orb.LineString
	curIn           bool
}

// add appends the spans of segment ab, extending the current part while the
// side stays the same.
func (s *splitter) add(a, b orb.Point, spans []span) {
	for _, sp := range spans {
		end := lerp(a, b, sp.t1)
		if len(s.cur) > 0 && s.curIn == sp.in {
			s.cur = append(s.cur, end)
			continue
		}
		s.flush()
		s.cur, s.curIn = orb.LineString{lerp(a, b, sp.t0), end}, sp.in
	}
}

func (s *splitter) flush() {
	switch {
	case len(s.cur) == 0:
	case s.curIn:
		s.inside = append(s.inside, s.cur)
	default:
		s.outside = append(s.outside, s.cur)
	}
	s.cur = nil
}

// lerp returns the point at fraction t along ab, exactly a or b at the ends.
// The Projection is affine, so this is also the point at t in metres.
func lerp(a, b orb.Point, t float64) orb.Point {
	switch t {
	case 0:
		return a
	case 1:
		return b
	}
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}
