package glyphs

import (
	"cmp"
	"math"
	"slices"
)

// cut marks that edge i is to be split at parameter t, 0 < t < 1.
type cut struct {
	i int
	t float64
}

// Tolerances of boundary, in pixels and in edge parameters.
const (
	sideStep = 1e-6 // how far beside an edge its two sides are probed
	minPiece = 1e-9 // pieces of edges shorter than this are dropped
)

// boundary appends to dst the parts of edges that separate the inside of the
// outline from the outside under the non-zero winding rule, and returns the
// cuts buffer for reuse.
//
// Contours of composite glyphs may overlap: DejaVu builds ơ and ư, and every
// Vietnamese letter with a horn, from an o or u and a horn that crosses it.
// The distance to such an overlap's inner edges would put a seam of edge
// values inside the letter, so edges are split where they cross and a piece
// is kept only if exactly one of its sides is inside.
func boundary(dst, edges []edge, cuts []cut) ([]edge, []cut) {
	cuts = crossings(cuts[:0], edges)
	slices.SortFunc(cuts, func(a, b cut) int {
		return cmp.Or(cmp.Compare(a.i, b.i), cmp.Compare(a.t, b.t))
	})
	k := 0
	for i, e := range edges {
		t0 := 0.0
		for ; k < len(cuts) && cuts[k].i == i; k++ {
			dst = keepPiece(dst, edges, e, t0, cuts[k].t)
			t0 = cuts[k].t
		}
		dst = keepPiece(dst, edges, e, t0, 1)
	}
	return dst, cuts
}

// keepPiece appends the piece t0..t1 of e to dst if it lies on the boundary.
func keepPiece(dst, edges []edge, e edge, t0, t1 float64) []edge {
	dx, dy := e.bx-e.ax, e.by-e.ay
	p := edge{e.ax + t0*dx, e.ay + t0*dy, e.ax + t1*dx, e.ay + t1*dy}
	l := math.Hypot(p.bx-p.ax, p.by-p.ay)
	if l < minPiece {
		return dst
	}
	mx, my := (p.ax+p.bx)/2, (p.ay+p.by)/2
	nx, ny := -(p.by-p.ay)/l*sideStep, (p.bx-p.ax)/l*sideStep
	left := winding(edges, mx+nx, my+ny) != 0
	right := winding(edges, mx-nx, my-ny) != 0
	if left == right {
		return dst
	}
	return append(dst, p)
}

// winding returns the winding number of edges around (x, y).
func winding(edges []edge, x, y float64) int {
	w := 0
	for _, e := range edges {
		if (e.ay <= y) == (e.by <= y) {
			continue
		}
		if e.ax+(y-e.ay)*(e.bx-e.ax)/(e.by-e.ay) > x {
			if e.by > e.ay {
				w++
			} else {
				w--
			}
		}
	}
	return w
}

// crossings appends to cuts every point where two edges cross or touch,
// except at the ends of the edge cut.
func crossings(cuts []cut, edges []edge) []cut {
	for i, a := range edges {
		for j := i + 1; j < len(edges); j++ {
			b := edges[j]
			if max(a.ax, a.bx) < min(b.ax, b.bx) || max(b.ax, b.bx) < min(a.ax, a.bx) ||
				max(a.ay, a.by) < min(b.ay, b.by) || max(b.ay, b.by) < min(a.ay, a.by) {
				continue
			}
			cuts = intersect(cuts, i, j, a, b)
		}
	}
	return cuts
}

// intersect appends the cuts where edges a (number i) and b (number j)
// meet. Collinear edges are cut where the other's ends lie on them.
func intersect(cuts []cut, i, j int, a, b edge) []cut {
	rx, ry := a.bx-a.ax, a.by-a.ay
	sx, sy := b.bx-b.ax, b.by-b.ay
	qx, qy := b.ax-a.ax, b.ay-a.ay
	den := rx*sy - ry*sx
	if math.Abs(den) > 1e-12 {
		t := (qx*sy - qy*sx) / den
		u := (qx*ry - qy*rx) / den
		if t >= 0 && t <= 1 && u >= 0 && u <= 1 {
			cuts = addCut(cuts, i, t)
			cuts = addCut(cuts, j, u)
		}
		return cuts
	}
	if math.Abs(qx*ry-qy*rx) > 1e-9*math.Hypot(rx, ry) {
		return cuts // parallel, not collinear
	}
	cuts = addCut(cuts, i, project(a, b.ax, b.ay))
	cuts = addCut(cuts, i, project(a, b.bx, b.by))
	cuts = addCut(cuts, j, project(b, a.ax, a.ay))
	return addCut(cuts, j, project(b, a.bx, a.by))
}

// project returns the parameter of the point on the line of e nearest (x, y).
func project(e edge, x, y float64) float64 {
	dx, dy := e.bx-e.ax, e.by-e.ay
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return 0
	}
	return ((x-e.ax)*dx + (y-e.ay)*dy) / l2
}

// addCut appends the cut of edge i at t if t lies strictly inside the edge.
func addCut(cuts []cut, i int, t float64) []cut {
	if t <= 1e-9 || t >= 1-1e-9 {
		return cuts
	}
	return append(cuts, cut{i, t})
}
