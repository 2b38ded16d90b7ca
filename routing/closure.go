package routing

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Closure closes roads to the route: by road id (the roads layer's ids), by street name or
// ref (case, diacritics and a leading Đường, Phố or Đại lộ do not matter), or every road
// inside or crossing a polygon;
// between From and To when they are set.
type Closure struct {
	Roads   []string
	Names   []string
	Polygon orb.Polygon
	From    time.Time // zero: closed since ever
	To      time.Time // zero: closed for ever
}

// In reports whether the closure is in force at t.
func (c Closure) In(t time.Time) bool {
	return (c.From.IsZero() || !t.Before(c.From)) && (c.To.IsZero() || t.Before(c.To))
}

// closedArcs is a closure resolved to the arcs it closes.
type closedArcs struct {
	Closure
	arcs []int32
}

func (c closedArcs) always() bool { return c.From.IsZero() && c.To.IsZero() }

// segIndex finds a graph's segments by road id, street name and ref; it is built on the
// first closure by id or name, not with the router.
type segIndex struct {
	once           sync.Once
	byID, byStreet map[string][]int32 // road id, streetKey(name) -> segments
	byRef          map[string][]int32 // geo.Fold(ref) -> segments
}

func (ix *segIndex) build(g *Graph) {
	ix.once.Do(func() {
		ix.byID, ix.byStreet, ix.byRef = map[string][]int32{}, map[string][]int32{}, map[string][]int32{}
		for s := range g.Segs {
			road := &g.Roads[g.Segs[s].Road]
			ix.byID[road.ID] = append(ix.byID[road.ID], int32(s))
			if k := streetKey(road.Name); k != "" {
				ix.byStreet[k] = append(ix.byStreet[k], int32(s))
			}
			if k := geo.Fold(road.Ref); k != "" {
				ix.byRef[k] = append(ix.byRef[k], int32(s))
			}
		}
	})
}

// ClosedArcs returns the arcs a closure closes, or an error naming the field that names
// nothing on the map.
func (r *Router) ClosedArcs(c Closure) ([]int32, error) {
	g := r.Graph
	segs := map[int32]bool{}
	add := func(ss []int32) {
		for _, s := range ss {
			segs[s] = true
		}
	}
	if len(c.Roads)+len(c.Names) > 0 {
		r.segs.build(g)
	}
	for _, id := range c.Roads {
		ss := r.segs.byID[id]
		if len(ss) == 0 {
			return nil, fmt.Errorf("%w: roads: no road with id %q", ErrBadClosure, id)
		}
		add(ss)
	}
	for _, name := range c.Names {
		var ss []int32
		if k := streetKey(name); k != "" {
			ss = slices.Concat(r.segs.byStreet[k], r.segs.byRef[geo.Fold(name)]) // a copy: the index is shared
		}
		if len(ss) == 0 {
			return nil, fmt.Errorf("%w: names: no road named %q", ErrBadClosure, name)
		}
		add(ss)
	}
	if len(c.Polygon) > 0 {
		if err := validPolygon(c.Polygon); err != nil {
			return nil, err
		}
		for s := range g.Segs {
			if crosses(g.Shape(int32(s)), c.Polygon) {
				segs[int32(s)] = true
			}
		}
	}
	var arcs []int32
	for s := range segs {
		arcs = append(arcs, g.SegArcs(s)...)
	}
	slices.Sort(arcs)
	return arcs, nil
}

// streetKey is a street name without case, diacritics or the word for street: "Phố Hoàng
// Diệu", "đường hoàng diệu" and "Hoang Dieu" are one street.
func streetKey(name string) string {
	k := geo.Fold(name)
	for _, prefix := range []string{"duong ", "pho ", "dai lo "} {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			return rest
		}
	}
	return k
}

func validPolygon(p orb.Polygon) error {
	for i, ring := range p {
		if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
			return fmt.Errorf("%w: polygon: ring %d must be closed with at least 4 positions", ErrBadClosure, i)
		}
		for _, pt := range ring {
			if !geo.ValidPoint(pt) {
				return fmt.Errorf("%w: polygon: ring %d has an invalid coordinate %v", ErrBadClosure, i, pt)
			}
		}
	}
	return nil
}

// crosses reports whether the line has a point inside the polygon or crosses its boundary.
func crosses(line orb.LineString, poly orb.Polygon) bool {
	if !line.Bound().Intersects(poly.Bound()) {
		return false
	}
	for _, p := range line {
		if planar.PolygonContains(poly, p) {
			return true
		}
	}
	for _, ring := range poly {
		for i := 1; i < len(ring); i++ {
			for j := 1; j < len(line); j++ {
				if segmentsIntersect(ring[i-1], ring[i], line[j-1], line[j]) {
					return true
				}
			}
		}
	}
	return false
}

func segmentsIntersect(a, b, c, d orb.Point) bool {
	orient := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	d1, d2 := orient(c, d, a), orient(c, d, b)
	d3, d4 := orient(a, b, c), orient(a, b, d)
	return (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0
}

func (r *Router) resolveClosures(cs []Closure) ([]closedArcs, error) {
	out := make([]closedArcs, len(cs))
	for i, c := range cs {
		if !c.From.IsZero() && !c.To.IsZero() && !c.From.Before(c.To) {
			return nil, fmt.Errorf("%w: closures[%d]: from must be before to", ErrBadClosure, i)
		}
		arcs, err := r.ClosedArcs(c)
		if err != nil {
			return nil, fmt.Errorf("closures[%d]: %w", i, err)
		}
		out[i] = closedArcs{c, arcs}
	}
	return out, nil
}

// closedOnRoute returns the first inactive closure that closes an arc of the route at the
// time the convoy reaches it, or -1.
func (r *Router) closedOnRoute(rt *Route, closed []closedArcs, active []bool) int {
	byArc := map[int32][]int{}
	for i, c := range closed {
		if !active[i] {
			for _, a := range c.arcs {
				byArc[a] = append(byArc[a], i)
			}
		}
	}
	if len(byArc) == 0 {
		return -1
	}
	for _, leg := range rt.Legs {
		for _, ps := range leg.Passes {
			for _, c := range byArc[ps.Arc] {
				if closed[c].In(ps.Enter) {
					return c
				}
			}
		}
	}
	return -1
}
