package routing

import (
	"cmp"
	"math"
	"slices"
)

// Order returns a nested-dissection order of g's vertices, independent of any weights:
// order[i] is the vertex of rank i. Separators are found by inertial flow: the vertices are
// sorted along a few directions, the first and last quarter become source and sink, and a
// minimum vertex cut between them (unit-capacity max flow) splits the graph. Separators get
// the highest ranks, then each side is ordered the same way.
func Order(g *Graph) []int32 {
	n := g.NumVertices()
	nb := neighbours(g)
	lat0 := 0.0
	for _, p := range g.Points {
		lat0 += p[1]
	}
	k := math.Cos(lat0 / float64(max(1, n)) * math.Pi / 180)
	xy := make([][2]float64, n)
	for v, p := range g.Points {
		xy[v] = [2]float64{p[0] * k, p[1]}
	}
	d := &dissector{nb: nb, xy: xy, local: make([]int32, n), order: make([]int32, 0, n)}
	for i := range d.local {
		d.local[i] = -1
	}
	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	d.dissect(all)
	return d.order
}

// neighbours returns the undirected simple graph of g as CSR lists.
func neighbours(g *Graph) [][]int32 {
	nb := make([][]int32, g.NumVertices())
	for a := range g.Head {
		u, v := g.Tail[a], g.Head[a]
		if u != v {
			nb[u] = append(nb[u], v)
			nb[v] = append(nb[v], u)
		}
	}
	for v := range nb {
		slices.Sort(nb[v])
		nb[v] = slices.Compact(nb[v])
	}
	return nb
}

type dissector struct {
	nb    [][]int32
	xy    [][2]float64
	local []int32 // vertex -> index in the current part, -1 outside
	order []int32
}

const leafSize = 16

// dissect appends the vertices of part to the order, separators last.
func (d *dissector) dissect(part []int32) {
	comps := d.components(part)
	if len(comps) > 1 {
		for _, c := range comps {
			d.dissect(c)
		}
		return
	}
	if len(part) <= leafSize {
		d.order = append(d.order, d.byDegree(part)...)
		return
	}
	sep := d.separator(part)
	inSep := map[int32]bool{}
	for _, v := range sep {
		inSep[v] = true
	}
	rest := make([]int32, 0, len(part)-len(sep))
	for _, v := range part {
		if !inSep[v] {
			rest = append(rest, v)
		}
	}
	for _, c := range d.components(rest) {
		d.dissect(c)
	}
	d.order = append(d.order, sep...)
}

// byDegree orders a small part by degree inside the part, lowest first.
func (d *dissector) byDegree(part []int32) []int32 {
	d.mark(part)
	defer d.unmark(part)
	deg := func(v int32) int {
		n := 0
		for _, w := range d.nb[v] {
			if d.local[w] >= 0 {
				n++
			}
		}
		return n
	}
	out := slices.Clone(part)
	slices.SortStableFunc(out, func(a, b int32) int { return cmp.Compare(deg(a), deg(b)) })
	return out
}

func (d *dissector) mark(part []int32) {
	for i, v := range part {
		d.local[v] = int32(i)
	}
}

func (d *dissector) unmark(part []int32) {
	for _, v := range part {
		d.local[v] = -1
	}
}

// components splits part into its connected components.
func (d *dissector) components(part []int32) [][]int32 {
	d.mark(part)
	defer d.unmark(part)
	seen := make([]bool, len(part))
	var out [][]int32
	var stack []int32
	for i, s := range part {
		if seen[i] {
			continue
		}
		seen[i] = true
		comp := []int32{s}
		stack = append(stack[:0], s)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range d.nb[v] {
				if j := d.local[w]; j >= 0 && !seen[j] {
					seen[j] = true
					comp = append(comp, w)
					stack = append(stack, w)
				}
			}
		}
		out = append(out, comp)
	}
	return out
}
