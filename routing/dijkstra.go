package routing

// Path is a shortest path between two places: its weight and the arcs it drives, in order.
// A path within one segment has one arc; its ends are Src and Dst.
type Path struct {
	Weight   Weight
	Arcs     []int32
	Src, Dst Place
}

// Dijkstra is the reference shortest-path search: plain Dijkstra with a binary heap. It
// keeps scratch space between queries, so one Dijkstra serves one goroutine.
type Dijkstra struct {
	g       *Graph
	dist    []Weight
	parent  []int32 // arc that reached the vertex
	touched []int32
	queue   queue
}

// NewDijkstra returns a reference search over g.
func NewDijkstra(g *Graph) *Dijkstra {
	d := &Dijkstra{g: g, dist: make([]Weight, g.NumVertices()), parent: make([]int32, g.NumVertices())}
	for i := range d.dist {
		d.dist[i] = Inf
	}
	return d
}

// Route returns the shortest path from s to t under the arc weights w (Inf closes an arc),
// or ErrNoRoute.
func (d *Dijkstra) Route(w []Weight, s, t Place) (Path, error) {
	g := d.g
	defer d.reset()
	best, bestArc := g.direct(w, s, t)
	bestVia := int32(-1) // the vertex the best path leaves through its last arc
	for _, e := range g.sources(nil, w, s) {
		d.relax(e.v, e.w, -1)
	}
	last := g.targets(nil, w, t)
	for d.queue.Len() > 0 {
		it := d.queue.pop()
		if it.w != d.dist[it.v] {
			continue
		}
		if it.w >= best {
			break
		}
		for _, e := range last {
			if e.v == it.v && add(it.w, e.w) < best {
				best, bestVia = add(it.w, e.w), it.v
			}
		}
		for a := g.OutStart[it.v]; a < g.OutStart[it.v+1]; a++ {
			d.relax(g.Head[a], add(it.w, w[a]), a)
		}
	}
	if best == Inf {
		return Path{}, ErrNoRoute
	}
	p := Path{Weight: best, Src: s, Dst: t}
	if bestVia < 0 {
		p.Arcs = []int32{bestArc}
		return p, nil
	}
	p.Arcs = d.arcsTo(bestVia, s)
	p.Arcs = append(p.Arcs, g.lastArc(w, t, bestVia))
	return p, nil
}

func (d *Dijkstra) relax(v int32, w Weight, arc int32) {
	if w < d.dist[v] {
		if d.dist[v] == Inf {
			d.touched = append(d.touched, v)
		}
		d.dist[v], d.parent[v] = w, arc
		d.queue.push(item{v, w})
	}
}

// arcsTo returns the arcs from the source's segment to v: the first arc (on the source's
// segment) and every arc after it.
func (d *Dijkstra) arcsTo(v int32, s Place) []int32 {
	var rev []int32
	for d.parent[v] >= 0 {
		a := d.parent[v]
		rev = append(rev, a)
		v = d.g.Tail[a]
	}
	rev = append(rev, d.g.firstArc(s, v))
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

func (d *Dijkstra) reset() {
	for _, v := range d.touched {
		d.dist[v] = Inf
	}
	d.touched = d.touched[:0]
	d.queue = d.queue[:0]
}

// firstArc returns the arc of the source's segment that leads to vertex v.
func (g *Graph) firstArc(s Place, v int32) int32 {
	for _, a := range g.SegArcs(s.Seg) {
		if g.Head[a] == v {
			return a
		}
	}
	return -1
}

// lastArc returns the cheapest arc of the target's segment that leaves vertex v.
func (g *Graph) lastArc(w []Weight, t Place, v int32) int32 {
	best, arc := Inf, int32(-1)
	for _, e := range g.SegArcs(t.Seg) {
		if g.Tail[e] == v && (arc < 0 || w[e] < best) {
			best, arc = w[e], e
		}
	}
	return arc
}

type item struct {
	v int32
	w Weight
}

// queue is a binary min-heap of items by weight; stale items are skipped when popped.
type queue []item

func (q queue) Len() int { return len(q) }

func (q *queue) push(it item) {
	h := append(*q, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h[p].w <= h[i].w {
			break
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
	*q = h
}

func (q *queue) pop() item {
	h := *q
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	i := 0
	for {
		l, small := 2*i+1, i
		if l < n && h[l].w < h[small].w {
			small = l
		}
		if r := l + 1; r < n && h[r].w < h[small].w {
			small = r
		}
		if small == i {
			break
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
	*q = h
	return top
}
