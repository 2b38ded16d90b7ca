package routing

import (
	"cmp"
	"math"
	"slices"
)

// Reach is a search from many places at once (or, backwards, to one place from everywhere):
// for every vertex the least weight between it and the nearest source, the metres of that
// path, and which source it is. One search serves every question of the kind "how far is
// each point from the nearest checkpoint".
type Reach struct {
	g       *Graph
	w       []Weight
	back    bool // weights run from the vertices to the sources
	Weight  []Weight
	Metres  []float64
	Source  []int32 // index into the sources, -1 where nothing reaches
	sources []Place
}

// ReachFrom searches forward from the sources over weights w, up to limit (Inf for no limit):
// Weight[v] is the least weight from any source to v.
func (g *Graph) ReachFrom(w []Weight, sources []Place, limit Weight) *Reach {
	return g.reach(w, sources, limit, false)
}

// ReachTo searches backwards to the targets: Weight[v] is the least weight from v to any of
// them.
func (g *Graph) ReachTo(w []Weight, targets []Place, limit Weight) *Reach {
	return g.reach(w, targets, limit, true)
}

func (g *Graph) reach(w []Weight, sources []Place, limit Weight, back bool) *Reach {
	n := g.NumVertices()
	r := &Reach{g: g, w: w, back: back, Weight: make([]Weight, n), Metres: make([]float64, n),
		Source: make([]int32, n), sources: sources}
	for v := range n {
		r.Weight[v], r.Source[v] = Inf, -1
	}
	var q queue
	for i, p := range sources {
		ends := g.sources(nil, w, p)
		if back {
			ends = g.targets(nil, w, p)
		}
		for _, e := range ends {
			if e.w <= limit && e.w < r.Weight[e.v] {
				r.Weight[e.v], r.Source[e.v], r.Metres[e.v] = e.w, int32(i), g.partMetres(p, e.v, back)
				q.push(item{e.v, e.w})
			}
		}
	}
	for q.Len() > 0 {
		it := q.pop()
		if it.w != r.Weight[it.v] {
			continue
		}
		r.relax(&q, it, limit)
	}
	return r
}

// relax relaxes the arcs leaving (or, backwards, entering) the vertex of it.
func (r *Reach) relax(q *queue, it item, limit Weight) {
	g := r.g
	visit := func(a int32) {
		next := g.Head[a]
		if r.back {
			next = g.Tail[a]
		}
		d := add(it.w, r.w[a])
		if d <= limit && d < r.Weight[next] {
			r.Weight[next], r.Source[next] = d, r.Source[it.v]
			r.Metres[next] = r.Metres[it.v] + g.Segs[g.ArcSeg[a]].LengthM
			q.push(item{next, d})
		}
	}
	if r.back {
		for _, a := range g.InArc[g.InStart[it.v]:g.InStart[it.v+1]] {
			visit(a)
		}
		return
	}
	for a := g.OutStart[it.v]; a < g.OutStart[it.v+1]; a++ {
		visit(a)
	}
}

// partMetres returns the metres from place p to vertex v along p's segment (or from v to p).
func (g *Graph) partMetres(p Place, v int32, back bool) float64 {
	l := g.Segs[p.Seg].LengthM
	for _, a := range g.SegArcs(p.Seg) {
		atHead := g.Head[a] == v && !back || g.Tail[a] == v && back
		if !atHead {
			continue
		}
		if g.ArcBack[a] != back {
			return p.T * l
		}
		return (1 - p.T) * l
	}
	return 0
}

// Within returns the parts of segment s (as fraction intervals, ascending and disjoint)
// whose points are within limit of a source: reached through either end of the segment, or
// from a source on the segment itself. Backwards, the points from which a target is within
// limit.
func (r *Reach) Within(s int32, limit Weight) [][2]float64 {
	g := r.g
	var iv [][2]float64
	lim := float64(limit)
	for _, a := range g.SegArcs(s) {
		w := float64(r.w[a])
		if r.w[a] == Inf || w == 0 {
			continue
		}
		// The vertex the arc's weight is counted from: its tail forwards, its head backwards.
		v, atStart := g.Tail[a], !g.ArcBack[a]
		if r.back {
			v, atStart = g.Head[a], g.ArcBack[a]
		}
		if d := r.Weight[v]; d != Inf && float64(d) <= lim {
			f := (lim - float64(d)) / w
			iv = append(iv, fromEnd(atStart, f))
		}
		for _, p := range r.sources {
			if p.Seg == s {
				iv = append(iv, fromSource(p.T, lim/w, !g.ArcBack[a] != r.back))
			}
		}
	}
	return MergeIntervals(iv)
}

// fromEnd is [0, f] from the start of the segment, or [1-f, 1] from its end.
func fromEnd(atStart bool, f float64) [2]float64 {
	if atStart {
		return [2]float64{0, math.Min(1, f)}
	}
	return [2]float64{math.Max(0, 1-f), 1}
}

// fromSource is the stretch a source at t reaches along the segment's direction (forward)
// or against it.
func fromSource(t, f float64, forward bool) [2]float64 {
	if forward {
		return [2]float64{t, math.Min(1, t+f)}
	}
	return [2]float64{math.Max(0, t-f), t}
}

// MergeIntervals sorts intervals and merges those that overlap or touch.
func MergeIntervals(iv [][2]float64) [][2]float64 {
	slices.SortFunc(iv, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	var out [][2]float64
	for _, x := range iv {
		if n := len(out); n > 0 && x[0] <= out[n-1][1] {
			out[n-1][1] = math.Max(out[n-1][1], x[1])
			continue
		}
		out = append(out, x)
	}
	return out
}

// ToTarget returns, for a backward reach, the weight and metres from place p to the nearest
// target: along p's segment to one of its ends, then on. Inf when none is within the limit.
func (r *Reach) ToTarget(p Place) (Weight, float64) {
	g := r.g
	best, metres := Inf, 0.0
	l := g.Segs[p.Seg].LengthM
	for _, a := range g.SegArcs(p.Seg) {
		rem := 1 - p.T
		if g.ArcBack[a] {
			rem = p.T
		}
		h := g.Head[a]
		if r.Weight[h] == Inf || r.w[a] == Inf {
			continue
		}
		if w := add(part(r.w[a], rem), r.Weight[h]); w < best {
			best, metres = w, rem*l+r.Metres[h]
		}
	}
	for _, t := range r.sources {
		if w, _ := g.direct(r.w, p, t); w < best {
			best, metres = w, abs(t.T-p.T)*l
		}
	}
	return best, metres
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
