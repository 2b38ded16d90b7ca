package routing

// Customization is a CCH with the weights of one profile, metric and closure set: for every
// edge the weight from its lower to its higher end (up) and back (down), each the shortest
// over the original arcs and the lower triangles.
type Customization struct {
	c        *CCH
	w        []Weight // the arc weights it was made from
	up, down []Weight
	origUp   []int32 // cheapest original arc lower -> higher, -1 for none
	origDown []int32
	// The lower triangle that gives each weight: the edges from its lower vertex to the
	// edge's lower end (lo) and higher end (hi); -1 when an original arc gives it.
	upLo, upHi, downLo, downHi []int32

	p *perfect
}

// Customize computes the edge weights of the hierarchy for arc weights w (Inf closes an arc).
// It does not keep w's backing array from changing: pass a slice nobody writes to afterwards.
func (c *CCH) Customize(w []Weight) *Customization {
	m := len(c.upHead)
	z := &Customization{c: c, w: w, up: make([]Weight, m), down: make([]Weight, m),
		origUp: make([]int32, m), origDown: make([]int32, m),
		upLo: make([]int32, m), upHi: make([]int32, m), downLo: make([]int32, m), downHi: make([]int32, m)}
	for e := range m {
		z.up[e], z.down[e], z.origUp[e], z.origDown[e], z.upLo[e], z.downLo[e] = Inf, Inf, -1, -1, -1, -1
	}
	for a, e := range c.arcEdge {
		if e < 0 {
			continue
		}
		if c.arcUp[a] {
			if z.origUp[e] < 0 || w[a] < z.up[e] {
				z.up[e], z.origUp[e] = w[a], int32(a)
			}
		} else if z.origDown[e] < 0 || w[a] < z.down[e] {
			z.down[e], z.origDown[e] = w[a], int32(a)
		}
	}
	for v := range int32(len(c.rank)) {
		z.lowerTriangles(v)
	}
	z.perfect()
	return z
}

// lowerTriangles relaxes, for every pair a < b of v's upward neighbours, the edge a-b
// through v: a -> v -> b and b -> v -> a.
func (z *Customization) lowerTriangles(v int32) {
	c := z.c
	s, end := c.upStart[v], c.upStart[v+1]
	for i := s; i < end; i++ {
		a := c.upHead[i]
		va := i
		// Walk a's upward list alongside v's: every later neighbour b of v is also a's.
		k, kEnd := c.upStart[a], c.upStart[a+1]
		for j := i + 1; j < end; j++ {
			b := c.upHead[j]
			for k < kEnd && c.upHead[k] < b {
				k++
			}
			ab, vb := k, j
			if w := add(z.down[va], z.up[vb]); w < z.up[ab] {
				z.up[ab], z.upLo[ab], z.upHi[ab] = w, va, vb
			}
			if w := add(z.down[vb], z.up[va]); w < z.down[ab] {
				z.down[ab], z.downLo[ab], z.downHi[ab] = w, va, vb
			}
		}
	}
}
