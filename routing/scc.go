package routing

import (
	"cmp"
	"slices"
)

// keepLargestStrong keeps the largest strongly connected component: from every kept
// junction every other is reachable by legal driving. What is left out is counted in Dropped.
func (b *builder) keepLargestStrong() *Graph {
	g := b.g
	n := len(g.Points)
	comp := strongComponents(n, b.tail, b.head)
	size := map[int32]int{}
	for _, c := range comp {
		size[c]++
	}
	best, bestSize := int32(-1), -1
	for c, s := range size {
		if s > bestSize || s == bestSize && c < best {
			best, bestSize = c, s
		}
	}
	newID := make([]int32, n)
	var points = g.Points[:0:0]
	for v := range n {
		newID[v] = -1
		if comp[v] == best {
			newID[v] = int32(len(points))
			points = append(points, g.Points[v])
		}
	}
	segUsed := make([]bool, len(g.Segs))
	type arc struct {
		tail, head, seg int32
		back            bool
	}
	var arcs []arc
	for a := range b.tail {
		t, h := newID[b.tail[a]], newID[b.head[a]]
		if t >= 0 && h >= 0 {
			arcs = append(arcs, arc{t, h, b.seg[a], b.back[a]})
			segUsed[b.seg[a]] = true
		}
	}
	out := &Graph{Roads: g.Roads, Points: points}
	segID := make([]int32, len(g.Segs))
	for s, seg := range g.Segs {
		if !segUsed[s] {
			out.Dropped.Segments++
			out.Dropped.LengthM += seg.LengthM
			continue
		}
		segID[s] = int32(len(out.Segs))
		shape := g.Coords[seg.First : seg.First+seg.N]
		seg.First = int32(len(out.Coords))
		out.Coords = append(out.Coords, shape...)
		out.Segs = append(out.Segs, seg)
	}
	slices.SortStableFunc(arcs, func(x, y arc) int { return cmp.Compare(x.tail, y.tail) })
	for _, a := range arcs {
		out.Tail = append(out.Tail, a.tail)
		out.Head = append(out.Head, a.head)
		out.ArcSeg = append(out.ArcSeg, segID[a.seg])
		out.ArcBack = append(out.ArcBack, a.back)
	}
	out.Dropped.Vertices = n - len(points)
	out.Dropped.Restrictions = b.dropR
	return out
}

// index builds the CSR offsets of the arcs (already sorted by tail) and of the arcs by head.
func (g *Graph) index() {
	n := len(g.Points)
	g.OutStart = offsets(n, g.Tail)
	g.InStart = offsets(n, g.Head)
	g.InArc = make([]int32, len(g.Head))
	next := slices.Clone(g.InStart[:n])
	for a, h := range g.Head {
		g.InArc[next[h]] = int32(a)
		next[h]++
	}
	g.segStart = offsets(len(g.Segs), g.ArcSeg)
	g.segArc = make([]int32, len(g.ArcSeg))
	next = slices.Clone(g.segStart[:len(g.Segs)])
	for a, s := range g.ArcSeg {
		g.segArc[next[s]] = int32(a)
		next[s]++
	}
}

// offsets returns CSR offsets: the number of keys below v, for v in 0..n.
func offsets(n int, keys []int32) []int32 {
	start := make([]int32, n+1)
	for _, k := range keys {
		start[k+1]++
	}
	for v := range n {
		start[v+1] += start[v]
	}
	return start
}

// strongComponents labels each vertex with its strongly connected component (Kosaraju,
// iterative).
func strongComponents(n int, tail, head []int32) []int32 {
	outS, outA := adjacency(n, tail, head)
	inS, inA := adjacency(n, head, tail)
	seen := make([]bool, n)
	order := make([]int32, 0, n)
	type frame struct{ v, i int32 }
	var stack []frame
	for s := range n {
		if seen[s] {
			continue
		}
		seen[s] = true
		stack = append(stack, frame{int32(s), outS[s]})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.i < outS[f.v+1] {
				w := outA[f.i]
				f.i++
				if !seen[w] {
					seen[w] = true
					stack = append(stack, frame{w, outS[w]})
				}
				continue
			}
			order = append(order, f.v)
			stack = stack[:len(stack)-1]
		}
	}
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var c int32
	var todo []int32
	for i := n - 1; i >= 0; i-- {
		s := order[i]
		if comp[s] >= 0 {
			continue
		}
		comp[s] = c
		todo = append(todo[:0], s)
		for len(todo) > 0 {
			v := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			for _, w := range inA[inS[v]:inS[v+1]] {
				if comp[w] < 0 {
					comp[w] = c
					todo = append(todo, w)
				}
			}
		}
		c++
	}
	return comp
}

// adjacency returns CSR lists of to[i] keyed by from[i].
func adjacency(n int, from, to []int32) (start, list []int32) {
	start = offsets(n, from)
	list = make([]int32, len(from))
	next := slices.Clone(start[:n])
	for i, f := range from {
		list[next[f]] = to[i]
		next[f]++
	}
	return start, list
}
