package routing

import (
	"math"

	"github.com/paulmach/orb"
)

// Place is a position on the network: a fraction of the way along one segment, where a
// route starts, stops or ends.
type Place struct {
	Seg   int32
	T     float64   // 0 at the segment's first shape point, 1 at its last, by length
	Point orb.Point // the position on the road
	SnapM float64   // distance from the asked coordinate to Point, metres
}

// part returns the weight of a fraction of an arc, the same way for every algorithm so that
// they agree exactly.
func part(w Weight, frac float64) Weight {
	if w == Inf {
		return Inf
	}
	return Weight(math.Round(float64(w) * min(1, max(0, frac))))
}

// entry is a vertex with the weight to reach it (or, going backwards, to leave it).
type entry struct {
	v int32
	w Weight
}

// sources appends to out the vertices a route from p reaches first, with their weights.
func (g *Graph) sources(out []entry, w []Weight, p Place) []entry {
	for _, a := range g.SegArcs(p.Seg) {
		rem := 1 - p.T
		if g.ArcBack[a] {
			rem = p.T
		}
		if c := part(w[a], rem); c < Inf {
			out = append(out, entry{g.Head[a], c})
		}
	}
	return out
}

// targets appends to out the vertices a route to p comes through last, with the weight
// from there.
func (g *Graph) targets(out []entry, w []Weight, p Place) []entry {
	for _, a := range g.SegArcs(p.Seg) {
		done := p.T
		if g.ArcBack[a] {
			done = 1 - p.T
		}
		if c := part(w[a], done); c < Inf {
			out = append(out, entry{g.Tail[a], c})
		}
	}
	return out
}

// direct returns the weight of driving from s to t without leaving their segment, and the
// arc used, or Inf.
func (g *Graph) direct(w []Weight, s, t Place) (Weight, int32) {
	best, arc := Inf, int32(-1)
	if s.Seg != t.Seg {
		return best, arc
	}
	for _, a := range g.SegArcs(s.Seg) {
		d := t.T - s.T
		if g.ArcBack[a] {
			d = -d
		}
		if d < 0 {
			continue
		}
		if c := part(w[a], d); c < best {
			best, arc = c, a
		}
	}
	return best, arc
}
