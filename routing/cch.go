package routing

import (
	"slices"
)

// CCH is the metric-independent part of a Customizable Contraction Hierarchy: the vertices
// ranked by a nested-dissection order and the chordal supergraph ("shortcuts") that
// contracting them in that order makes. Vertex ids inside a CCH are ranks. One CCH serves
// every profile, metric and closure set; each gets its own Customization.
type CCH struct {
	g    *Graph
	rank []int32 // graph vertex -> rank
	ord  []int32 // rank -> graph vertex

	upStart []int32 // edges by lower end: edges of r are upStart[r]..upStart[r+1]
	upHead  []int32 // the higher end, ascending within a vertex
	tail    []int32 // the lower end of each edge
	parent  []int32 // elimination tree: the lowest upward neighbour, -1 at a root

	downStart []int32 // edges by higher end
	downTail  []int32 // the lower end, ascending within a vertex
	downEdge  []int32

	arcEdge []int32 // graph arc -> edge, -1 for loops
	arcUp   []bool  // the arc runs from the edge's lower end to its higher end
}

// NewCCH contracts g in the given order (see Order).
func NewCCH(g *Graph, order []int32) *CCH {
	n := g.NumVertices()
	c := &CCH{g: g, rank: make([]int32, n), parent: make([]int32, n)}
	c.ord = slices.Clone(order)
	for r, v := range order {
		c.rank[v] = int32(r)
	}
	up := make([][]int32, n)
	for a := range g.Head {
		u, v := c.rank[g.Tail[a]], c.rank[g.Head[a]]
		if u != v {
			lo, hi := min(u, v), max(u, v)
			up[lo] = append(up[lo], hi)
		}
	}
	for r := range up {
		slices.Sort(up[r])
		up[r] = slices.Compact(up[r])
	}
	// Symbolic elimination: the upward neighbours of r, but its lowest, become neighbours
	// of that lowest one (its parent in the elimination tree).
	for r := range n {
		c.parent[r] = -1
		if len(up[r]) == 0 {
			continue
		}
		p := up[r][0]
		c.parent[r] = p
		up[p] = mergeSorted(up[p], up[r][1:])
	}
	c.upStart = make([]int32, n+1)
	for r := range n {
		c.upStart[r+1] = c.upStart[r] + int32(len(up[r]))
		for _, h := range up[r] {
			c.upHead = append(c.upHead, h)
			c.tail = append(c.tail, int32(r))
		}
	}
	c.indexDown()
	c.indexArcs()
	return c
}

// mergeSorted returns the sorted union of two sorted lists.
func mergeSorted(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

func (c *CCH) indexDown() {
	n := len(c.rank)
	c.downStart = offsets(n, c.upHead)
	c.downTail = make([]int32, len(c.upHead))
	c.downEdge = make([]int32, len(c.upHead))
	next := slices.Clone(c.downStart[:n])
	for e, h := range c.upHead { // edges in order of their lower end: lists come out ascending
		c.downTail[next[h]] = c.tail[e]
		c.downEdge[next[h]] = int32(e)
		next[h]++
	}
}

func (c *CCH) indexArcs() {
	g := c.g
	c.arcEdge = make([]int32, g.NumArcs())
	c.arcUp = make([]bool, g.NumArcs())
	for a := range g.Head {
		u, v := c.rank[g.Tail[a]], c.rank[g.Head[a]]
		c.arcEdge[a] = -1
		if u != v {
			c.arcEdge[a] = c.edge(min(u, v), max(u, v))
			c.arcUp[a] = u < v
		}
	}
}

// edge returns the edge between ranks lo < hi, or -1.
func (c *CCH) edge(lo, hi int32) int32 {
	s, e := c.upStart[lo], c.upStart[lo+1]
	if i, ok := slices.BinarySearch(c.upHead[s:e], hi); ok {
		return s + int32(i)
	}
	return -1
}

// NumEdges returns the number of edges (original and shortcut) of the hierarchy.
func (c *CCH) NumEdges() int { return len(c.upHead) }

func (c *CCH) order() []int32 { return c.ord }
