package routing

import "slices"

// perfect holds the perfect weights of a customization (for every edge the true distance
// between its ends, in each direction) and the query graph they allow: the edges each
// search must relax, without those an intermediate triangle makes redundant.
type perfect struct {
	up, down []Weight
	// How a perfect weight beats the basic one: via a third vertex z of the edge's lower
	// end's upward clique; first and second are the two edges (x-z and z-y going up,
	// y-z and z-x going down); -1 when the basic weight is perfect.
	upFirst, upSecond, downFirst, downSecond []int32

	fwd, bwd queryArcs
}

// queryArcs is the upward graph one search relaxes: for each vertex (by rank) its kept
// edges to higher vertices with their weights.
type queryArcs struct {
	start []int32
	arcs  []queryArc
}

type queryArc struct {
	head, edge int32
	w          Weight
}

// perfect computes the perfect weights top-down (Dibbelt, Strasser and Wagner's perfect
// customization): for an edge x-y with x lower, the shortest x -> y path leaves x's lower
// part at some z of x's upward clique, so its length is basic(x -> z) + perfect(z -> y),
// where z-y joins two vertices above x and is already perfect.
func (z *Customization) perfect() {
	c := z.c
	m := len(c.upHead)
	p := &perfect{up: slices.Clone(z.up), down: slices.Clone(z.down),
		upFirst: make([]int32, m), upSecond: make([]int32, m), downFirst: make([]int32, m), downSecond: make([]int32, m)}
	for e := range m {
		p.upFirst[e], p.downFirst[e] = -1, -1
	}
	redundantUp, redundantDown := make([]bool, m), make([]bool, m)
	for x := int32(len(c.rank)) - 1; x >= 0; x-- {
		z.pairs(x, func(xa, xb, ab int32) {
			if w := add(z.up[xb], p.down[ab]); w < p.up[xa] { // x -> b -> a
				p.up[xa], p.upFirst[xa], p.upSecond[xa] = w, xb, ab
			}
			if w := add(z.up[xa], p.up[ab]); w < p.up[xb] { // x -> a -> b
				p.up[xb], p.upFirst[xb], p.upSecond[xb] = w, xa, ab
			}
			if w := add(p.up[ab], z.down[xb]); w < p.down[xa] { // a -> b -> x
				p.down[xa], p.downFirst[xa], p.downSecond[xa] = w, ab, xb
			}
			if w := add(p.down[ab], z.down[xa]); w < p.down[xb] { // b -> a -> x
				p.down[xb], p.downFirst[xb], p.downSecond[xb] = w, ab, xa
			}
		})
		// x's edges are perfect now: an edge x-b that the intermediate triangle x-a-b
		// matches is never needed, since x -> a -> b climbs as well.
		z.pairs(x, func(xa, xb, ab int32) {
			if p.up[xb] == Inf || add(p.up[xa], p.up[ab]) == p.up[xb] {
				redundantUp[xb] = true
			}
			if p.down[xb] == Inf || add(p.down[ab], p.down[xa]) == p.down[xb] {
				redundantDown[xb] = true
			}
		})
	}
	p.fwd = c.queryArcs(p.up, redundantUp)
	p.bwd = c.queryArcs(p.down, redundantDown)
	z.p = p
}

// pairs calls f for every pair a < b of x's upward neighbours with the edges x-a, x-b, a-b.
func (z *Customization) pairs(x int32, f func(xa, xb, ab int32)) {
	c := z.c
	s, end := c.upStart[x], c.upStart[x+1]
	for i := s; i < end; i++ {
		a := c.upHead[i]
		k, kEnd := c.upStart[a], c.upStart[a+1]
		for j := i + 1; j < end; j++ {
			b := c.upHead[j]
			for k < kEnd && c.upHead[k] < b {
				k++
			}
			f(i, j, k)
		}
	}
}

// queryArcs keeps the finite, non-redundant edges with weights w.
func (c *CCH) queryArcs(w []Weight, redundant []bool) queryArcs {
	n := len(c.rank)
	q := queryArcs{start: make([]int32, n+1)}
	for x := range n {
		for e := c.upStart[x]; e < c.upStart[x+1]; e++ {
			if w[e] < Inf && !redundant[e] {
				q.arcs = append(q.arcs, queryArc{head: c.upHead[e], edge: e, w: w[e]})
			}
		}
		q.start[x+1] = int32(len(q.arcs))
	}
	return q
}

// unpackPerfect appends the original arcs of edge e driven upwards or downwards at its
// perfect weight.
func (z *Customization) unpackPerfect(arcs []int32, e int32, upward bool) []int32 {
	c, p := z.c, z.p
	if upward {
		first, second := p.upFirst[e], p.upSecond[e]
		if first < 0 {
			return z.unpack(arcs, e, true)
		}
		// x -> zz (basic, up), then zz -> y (perfect).
		zz, y := c.upHead[first], c.upHead[e]
		arcs = z.unpack(arcs, first, true)
		return z.unpackPerfect(arcs, second, zz < y)
	}
	first, second := p.downFirst[e], p.downSecond[e]
	if first < 0 {
		return z.unpack(arcs, e, false)
	}
	// y -> zz (perfect), then zz -> x (basic, down).
	zz, y := c.upHead[second], c.upHead[e]
	arcs = z.unpackPerfect(arcs, first, y < zz)
	return z.unpack(arcs, second, false)
}
