package routing

// Query answers shortest-path questions on a Customization by elimination-tree search: the
// forward search walks the source's ancestors in the elimination tree relaxing upward
// edges, the backward search the target's, and the path meets at their best common vertex.
// A Query keeps scratch space, so one Query serves one goroutine; make one per goroutine.
type Query struct {
	c        *CCH
	df, db   []Weight
	pf, pb   []int32 // edge that reached each vertex, -1 at a start
	fwd, bwd []int32 // visited vertices, ascending
	seen     []uint32
	stamp    uint32
	chain    []int32
	merged   []int32
	src, dst []entry
	up       []int32
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
	q.src, q.dst = g.sources(q.src[:0], z.w, s), g.targets(q.dst[:0], z.w, t)
	q.fwd = q.ancestors(q.src, q.df, q.pf, q.fwd)
	q.bwd = q.ancestors(q.dst, q.db, q.pb, q.bwd)
	best, meet := q.meet(z, best)
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

// ancestors sets the start entries' distances and returns the ranks of the vertices the
// search will visit, ascending: the start vertices and their ancestors in the elimination
// tree. Each start adds an ascending chain up to the first vertex already listed; the
// chains are merged.
func (q *Query) ancestors(start []entry, dist []Weight, pred []int32, visited []int32) []int32 {
	c := q.c
	q.stamp++
	visited = visited[:0]
	for _, e := range start {
		r := c.rank[e.v]
		if e.w < dist[r] {
			dist[r], pred[r] = e.w, -1
		}
		from := len(visited)
		for x := r; x >= 0 && q.seen[x] != q.stamp; x = c.parent[x] {
			q.seen[x] = q.stamp
			visited = append(visited, x)
		}
		if from > 0 && from < len(visited) {
			q.chain = append(q.chain[:0], visited...)
			q.merged = mergeInto(q.chain[:from], q.chain[from:], q.merged[:0])
			visited = append(visited[:0], q.merged...)
		}
	}
	return visited
}

// mergeInto appends the merge of two ascending lists without repeats to out.
func mergeInto(a, b, out []int32) []int32 {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		default:
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// meet walks both searches up together in rank order, relaxing upward edges forward and
// downward edges backward, and returns the best weight through a common vertex and that
// vertex (-1 when best, the weight within one segment, stays best). A vertex whose distance
// is already no better than the best path found relaxes nothing.
func (q *Query) meet(z *Customization, best Weight) (Weight, int32) {
	meet := int32(-1)
	i, j := 0, 0
	for i < len(q.fwd) || j < len(q.bwd) {
		var x int32
		fwd, bwd := false, false
		switch {
		case j == len(q.bwd) || i < len(q.fwd) && q.fwd[i] < q.bwd[j]:
			x, fwd = q.fwd[i], true
			i++
		case i == len(q.fwd) || q.bwd[j] < q.fwd[i]:
			x, bwd = q.bwd[j], true
			j++
		default:
			x, fwd, bwd = q.fwd[i], true, true
			i, j = i+1, j+1
		}
		if fwd && bwd {
			if d := add(q.df[x], q.db[x]); d < best {
				best, meet = d, x
			}
		}
		if fwd && q.df[x] < best {
			relax(&z.p.fwd, x, q.df, q.pf)
		}
		if bwd && q.db[x] < best {
			relax(&z.p.bwd, x, q.db, q.pb)
		}
	}
	return best, meet
}

// relax relaxes the query edges from x up to its higher neighbours.
func relax(g *queryArcs, x int32, dist []Weight, pred []int32) {
	dx := uint64(dist[x])
	for _, a := range g.arcs[g.start[x]:g.start[x+1]] {
		if d := dx + uint64(a.w); d < uint64(dist[a.head]) {
			dist[a.head], pred[a.head] = Weight(d), a.edge
		}
	}
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
	up := q.up[:0] // forward edges, from meet back to the start
	x := meet
	for q.pf[x] >= 0 {
		up = append(up, q.pf[x])
		x = c.tail[q.pf[x]]
	}
	q.up = up
	startV := q.vertexOfRank(x)
	arcs := append(make([]int32, 0, 256), g.firstArc(s, startV))
	for i := len(up) - 1; i >= 0; i-- {
		arcs = z.unpackPerfect(arcs, up[i], true)
	}
	x = meet
	for q.pb[x] >= 0 {
		arcs = z.unpackPerfect(arcs, q.pb[x], false)
		x = c.tail[q.pb[x]]
	}
	return append(arcs, g.lastArc(z.w, t, q.vertexOfRank(x)))
}

func (q *Query) vertexOfRank(r int32) int32 { return q.c.order()[r] }

// unpack appends the original arcs of edge e driven upwards (lower to higher end) or
// downwards: an original arc, or the two sides of the lower triangle that gave its weight.
func (z *Customization) unpack(arcs []int32, e int32, upward bool) []int32 {
	if upward {
		if z.upLo[e] < 0 {
			return append(arcs, z.origUp[e])
		}
		return z.unpack(z.unpack(arcs, z.upLo[e], false), z.upHi[e], true)
	}
	if z.downLo[e] < 0 {
		return append(arcs, z.origDown[e])
	}
	return z.unpack(z.unpack(arcs, z.downHi[e], false), z.downLo[e], true)
}
