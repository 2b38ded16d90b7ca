package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// farDegrees is how far (in degrees) a query may lie outside the indexed points before the
// index answers by scanning: the projection's distance bounds hold only near the data.
const farDegrees = 3

// Nearest returns the items of q.Layer nearest to p by great-circle distance, nearest first,
// at most q.K of them (all when 0) and only those within q.WithinM metres (any when 0).
func (ix *Index) Nearest(p orb.Point, q Query) []Hit {
	if !ValidPoint(p) || q.Layer >= numLayers {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := search{mask: ix.kindMask(q.Kinds), k: q.K, bound: math.Inf(1)}
	if s.mask == 0 {
		return nil
	}
	if q.WithinM > 0 {
		s.bound = chord2(q.WithinM)
	}
	var out []Hit
	if q.K > 0 {
		out = make([]Hit, 0, min(q.K, 64))
	}
	qv := unitVector(p)
	emit := func(e entry, c2 float64) bool {
		if c2 > s.bound {
			return false
		}
		if s.mask&(1<<e.kind) == 0 {
			return true
		}
		it := ix.slots[e.slot]
		out = append(out, Hit{Item: it, DistanceM: chordMetres(c2), Bearing: Bearing(p, it.Point)})
		return q.K <= 0 || len(out) < q.K
	}
	if ix.far(p) {
		ix.scan(q.Layer, qv, emit)
		return out
	}
	ix.boxSearch(q.Layer, p, qv, &s, emit)
	return out
}

// search is the state of one query: which kinds it wants, how many, and the bound (a
// squared chord) beyond which nothing can be part of the answer.
type search struct {
	mask  uint64
	k     int
	bound float64 // the WithinM limit
	hits  []cand  // the best items found so far, ascending (all of them when k == 0)
}

type cand struct {
	e  entry
	c2 float64
}

// offer records an item with its squared chord.
func (s *search) offer(e entry, c2 float64) {
	if s.mask&(1<<e.kind) == 0 || c2 > s.bound {
		return
	}
	if s.k > 0 && len(s.hits) == s.k && c2 >= s.hits[s.k-1].c2 {
		return
	}
	i := len(s.hits)
	for i > 0 && s.hits[i-1].c2 > c2 {
		i--
	}
	if s.k <= 0 || len(s.hits) < s.k {
		s.hits = append(s.hits, cand{})
	}
	copy(s.hits[i+1:], s.hits[i:len(s.hits)-1])
	s.hits[i] = cand{e, c2}
}

// boxSearch answers a query with box searches around p: the box of half-width r holds every
// item within r metres in the plane, hence every item within shrink*r metres on the sphere.
// It starts from the radius the data's density suggests and widens until the k-th hit is
// inside that guaranteed circle, then emits the hits in order.
func (ix *Index) boxSearch(layer Layer, p orb.Point, qv [3]float64, s *search, emit func(entry, float64) bool) {
	// Every point of the data and the query lies within |lat| <= L, where cos(lat) >=
	// cos0*shrink: the projection stretches no distance by more than 1/shrink.
	l := min(90, max(math.Abs(p[1]), ix.maxAbsLat)+0.1) * math.Pi / 180
	shrink := min(1, math.Cos(l)/ix.cos0) * (1 - 1e-9)
	q := ix.project(p)
	lo, _ := ix.box(ix.bound.Min)
	_, hi2 := ix.box(ix.bound.Max)
	// A box of half-width span around q holds every item.
	span := math.Hypot(max(math.Abs(q[0]-float64(lo[0])), math.Abs(q[0]-float64(hi2[0]))),
		max(math.Abs(q[1]-float64(lo[1])), math.Abs(q[1]-float64(hi2[1])))) + 1
	var r float64
	if s.k > 0 {
		n := float64(max(1, ix.trees[layer].Len()))
		area := max(1, float64(hi2[0]-lo[0])*float64(hi2[1]-lo[1]))
		r = 1.3 * math.Sqrt(float64(s.k)*area/(math.Pi*n))
	}
	if s.bound < math.Inf(1) {
		limit := chordMetres(s.bound)/shrink + 1
		if s.k <= 0 || r > limit {
			r = limit
		}
	}
	vecs := ix.vecs
	for {
		s.hits = s.hits[:0]
		min := [2]float32{down32(q[0] - r), down32(q[1] - r)}
		max := [2]float32{up32(q[0] + r), up32(q[1] + r)}
		ix.trees[layer].Search(min, max, func(_, _ [2]float32, e entry) bool {
			s.offer(e, sub2(qv, vecs[e.slot]))
			return true
		})
		sure := chord2(shrink * r) // every item within this is in the box
		done := r >= span || (s.bound < math.Inf(1) && s.bound <= sure)
		if s.k > 0 && len(s.hits) == s.k && s.hits[s.k-1].c2 <= sure {
			done = true
		}
		if done {
			break
		}
		if s.k > 0 && len(s.hits) == s.k {
			r = chordMetres(s.hits[s.k-1].c2)/shrink + 1 // one more search suffices
		} else {
			r *= 2
		}
	}
	for _, h := range s.hits {
		if !emit(h.e, h.c2) {
			return
		}
	}
}

// scan calls emit with every item of the layer in distance order (the slow, exact fallback).
func (ix *Index) scan(layer Layer, qv [3]float64, emit func(entry, float64) bool) {
	var all []cand
	ix.trees[layer].Scan(func(_, _ [2]float32, e entry) bool {
		all = append(all, cand{e, sub2(qv, ix.vecs[e.slot])})
		return true
	})
	sortBy(all, func(c cand) float64 { return c.c2 })
	for _, c := range all {
		if !emit(c.e, c.c2) {
			return
		}
	}
}

// far reports whether p lies well outside every indexed point.
func (ix *Index) far(p orb.Point) bool {
	b := ix.bound
	return p[0] < b.Min[0]-farDegrees || p[0] > b.Max[0]+farDegrees ||
		p[1] < b.Min[1]-farDegrees || p[1] > b.Max[1]+farDegrees
}

// chord2 returns the squared unit-sphere chord of a great-circle distance in metres.
func chord2(m float64) float64 {
	theta := min(m/EarthRadius, math.Pi)
	c := 2 * math.Sin(theta/2)
	return c * c
}

// chordMetres returns the great-circle distance in metres of a squared unit-sphere chord.
func chordMetres(c2 float64) float64 {
	return 2 * EarthRadius * math.Asin(min(1, math.Sqrt(c2)/2))
}

func sub2(a, b [3]float64) float64 {
	x, y, z := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return x*x + y*y + z*z
}
