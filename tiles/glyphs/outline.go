package glyphs

import (
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// tolerance is the largest distance, in pixels, between a curve and the
// straight edges that replace it.
const tolerance = 0.02

// edge is one straight piece of a glyph outline, in pixels with the Y axis
// pointing up (FreeType's orientation, which fontnik's metrics use).
type edge struct{ ax, ay, bx, by float64 }

// point is a position in pixels with the Y axis up.
type point struct{ x, y float64 }

// pt converts an sfnt coordinate (26.6, Y down) to a point.
func pt(p fixed.Point26_6) point {
	return point{float64(p.X) / 64, -float64(p.Y) / 64}
}

// flatten appends to dst the outline segs as closed polygons of straight
// edges, replacing curves by chords no farther than tolerance from them. It
// also returns the bounding box of the outline, which, as in FreeType,
// includes contours of a single point: DejaVu marks anchors with them. Such
// contours enclose nothing and add no edge.
func flatten(dst []edge, segs sfnt.Segments) ([]edge, box) {
	var first, cur point
	open := false
	bb := emptyBox()
	lineTo := func(p point) {
		if p != cur {
			dst = append(dst, edge{cur.x, cur.y, p.x, p.y})
		}
		cur = p
		bb.add(p)
	}
	closeRing := func() {
		if open {
			lineTo(first)
		}
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			closeRing()
			first, cur, open = pt(s.Args[0]), pt(s.Args[0]), true
			bb.add(cur)
		case sfnt.SegmentOpLineTo:
			lineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			quadTo(cur, pt(s.Args[0]), pt(s.Args[1]), lineTo)
		case sfnt.SegmentOpCubeTo:
			cubeTo(cur, pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2]), lineTo)
		}
	}
	closeRing()
	return dst, bb
}

// quadTo flattens the quadratic Bézier p0 p1 p2 into lineTo calls. With n
// equal steps the chord error is at most |p0 - 2p1 + p2| / (4n²).
func quadTo(p0, p1, p2 point, lineTo func(point)) {
	d := math.Hypot(p0.x-2*p1.x+p2.x, p0.y-2*p1.y+p2.y)
	n := steps(d / 4)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, c := u*u, 2*u*t, t*t
		lineTo(point{a*p0.x + b*p1.x + c*p2.x, a*p0.y + b*p1.y + c*p2.y})
	}
}

// cubeTo flattens the cubic Bézier p0 p1 p2 p3 into lineTo calls. With n
// equal steps the chord error is at most 3/4 · max second difference / n².
func cubeTo(p0, p1, p2, p3 point, lineTo func(point)) {
	d := max(math.Hypot(p0.x-2*p1.x+p2.x, p0.y-2*p1.y+p2.y),
		math.Hypot(p1.x-2*p2.x+p3.x, p1.y-2*p2.y+p3.y))
	n := steps(d * 3 / 4)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, c, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		lineTo(point{a*p0.x + b*p1.x + c*p2.x + e*p3.x, a*p0.y + b*p1.y + c*p2.y + e*p3.y})
	}
}

// steps returns the number of chords that keep an error of k/n² within
// tolerance, at least 1 and at most 100.
func steps(k float64) int {
	n := int(math.Ceil(math.Sqrt(k / tolerance)))
	return min(max(n, 1), 100)
}

// box is a bounding box in pixels; it is empty while x0 > x1.
type box struct{ x0, y0, x1, y1 float64 }

// emptyBox returns a box that contains nothing.
func emptyBox() box {
	return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

// add grows b to contain p.
func (b *box) add(p point) {
	b.x0, b.x1 = min(b.x0, p.x), max(b.x1, p.x)
	b.y0, b.y1 = min(b.y0, p.y), max(b.y1, p.y)
}

// empty reports whether b contains no point.
func (b box) empty() bool { return b.x0 > b.x1 }
