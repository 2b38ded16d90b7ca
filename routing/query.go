package routing

import "slices"

// Query answers shortest-path questions on a Customization by elimination-tree search: the
// forward search walks the source's ancestors in the elimination tree relaxing upward
// edges, the backward search the target's, and the path meets at their best common vertex.
// A Query keeps scratch space, so one Query serves one goroutine; make one per goroutine.
type Query struct {
	c          *CCH
	df, db     []Weight
	pf, pb     []int32 // edge that reached each vertex, -1 at a start
	fwd, bwd   []int32 // visited vertices, ascending
	seen       []uint32
	stamp      uint32
	chain      []int32
	unpackStak []int32
}

// NewQuery returns a query over the hierarchy (for any of its customizations).
func NewQuery(c *CCH) *Query {
	n := len(c.rank)
	q := &Query{c: c, df: make([]Weight, n), db: make([]Weight, n), pf: make([]int32, n), pb: make([]int32, n),
		seen: make([]uint32, n)}
	for i := range q.df {
		q.df[i], q.db[i] = Inf, Inf
	}
	return q
}

// Route returns the shortest path from s to t under the customization's weights; its weight
// equals the reference Dijkstra's.
func (q *Query) Route(z *Customization, s, t Place) (Path, error) {
	g := q.c.g
	best, bestArc := g.direct(z.w, s, t)
	src, dst := g.sources(z.w, s), g.targets(z.w, t)
	q.fwd = q.search(z, src, q.df, q.pf, z.up, q.fwd)
	q.bwd = q.search(z, dst, q.db, q.pb, z.down, q.bwd)
	meet := int32(-1)
	for _, v := range q.fwd {
		if d := add(q.df[v], q.db[v]); d < best {
			best, meet = d, v
		}
	}
	defer q.reset()
	if best == Inf {
		return Path{}, ErrNoRoute
	}
	p := Path{Weight: best, Src: s, Dst: t}
	if meet < 0 {
		p.Arcs = []int32{bestArc}
		return p, nil
	}
	p.Arcs = q.unpackPath(z, meet, s, t)
	return p, nil
}

// search runs one direction from the start entries (graph vertices), relaxing the edges
// with weights w (up forward, down backward), and returns the visited ranks in order.
func (q *Query) search(z *Customization, start []entry, dist []Weight, pred []int32, w []Weight, visited []int32) []int32 {
	c := q.c
	q.stamp++
	visited = visited[:0]
	for _, e := range start {
		r := c.rank[e.v]
		if e.w < dist[r] {
			dist[r], pred[r] = e.w, -1
		}
		for x := r; x >= 0 && q.seen[x] != q.stamp; x = c.parent[x] {
			q.seen[x] = q.stamp
			visited = append(visited, x)
		}
	}
	slices.Sort(visited)
	for _, x := range visited {
		dx := dist[x]
		if dx == Inf {
			continue
		}
		for e := c.upStart[x]; e < c.upStart[x+1]; e++ {
			h := c.upHead[e]
			if d := add(dx, w[e]); d < dist[h] {
				dist[h], pred[h] = d, e
			}
		}
	}
	return visited
}

func (q *Query) reset() {
	for _, v := range q.fwd {
		q.df[v] = Inf
	}
	for _, v := range q.bwd {
		q.db[v] = Inf
	}
}

// unpackPath returns the graph arcs of the path through meet: the source's first arc, the
// unpacked forward and backward edges, and the target's last arc.
func (q *Query) unpackPath(z *Customization, meet int32, s, t Place) []int32 {
	c, g := q.c, q.c.g
	var up []int32 // forward edges, from meet back to the start
	x := meet
	for q.pf[x] >= 0 {
		up = append(up, q.pf[x])
		x = c.tail[q.pf[x]]
	}
	startV := q.vertexOfRank(x)
	arcs := []int32{g.firstArc(s, startV)}
	for i := len(up) - 1; i >= 0; i-- {
		arcs = z.unpack(arcs, up[i], true)
	}
	x = meet
	for q.pb[x] >= 0 {
		arcs = z.unpack(arcs, q.pb[x], false)
		x = c.tail[q.pb[x]]
	}
	return append(arcs, g.lastArc(z.w, t, q.vertexOfRank(x)))
}

func (q *Query) vertexOfRank(r int32) int32 { return q.c.order()[r] }

// unpack appends the original arcs of edge e driven upwards (lower to higher end) or
// downwards.
func (z *Customization) unpack(arcs []int32, e int32, upward bool) []int32 {
	c := z.c
	w, orig := z.down[e], z.origDown[e]
	if upward {
		w, orig = z.up[e], z.origUp[e]
	}
	if orig >= 0 && z.w[orig] == w {
		return append(arcs, orig)
	}
	lo, hi := c.tail[e], c.upHead[e]
	// Find a lower triangle lo - v - hi whose two sides sum to w.
	i, iEnd := c.downStart[lo], c.downStart[lo+1]
	j, jEnd := c.downStart[hi], c.downStart[hi+1]
	for i < iEnd && j < jEnd {
		a, b := c.downTail[i], c.downTail[j]
		switch {
		case a < b:
			i++
		case b < a:
			j++
		default:
			vlo, vhi := c.downEdge[i], c.downEdge[j]
			if upward && add(z.down[vlo], z.up[vhi]) == w {
				return z.unpack(z.unpack(arcs, vlo, false), vhi, true)
			}
			if !upward && add(z.down[vhi], z.up[vlo]) == w {
				return z.unpack(z.unpack(arcs, vhi, false), vlo, true)
			}
			i, j = i+1, j+1
		}
	}
	panic("routing: a hierarchy edge has no witness of its weight") // a broken invariant, not bad input
}
