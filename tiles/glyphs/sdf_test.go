package glyphs

import (
	"math"
	"testing"
)

func TestEncodeDistance(t *testing.T) {
	tests := []struct {
		name   string
		dist   float64
		inside bool
		want   byte
	}{
		{"on the outline, outside", 0, false, 191},
		{"on the outline, inside", 0, true, 191},
		{"half a pixel out", 0.5, false, 175},
		{"half a pixel in", 0.5, true, 207},
		{"two pixels in: the inside saturates", 2, true, 255},
		{"just under two pixels in", 1.99, true, 255},
		{"seven pixels out", 7, false, 0},
		{"radius or farther out", 8, false, 0},
		{"radius or farther in", 8, true, 255},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := encodeDistance(tt.dist*tt.dist, tt.inside); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// rect returns the edges of the rectangle x0..x1 × y0..y1, anticlockwise if
// ccw, else clockwise.
func rect(x0, y0, x1, y1 float64, ccw bool) []edge {
	p := []point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	if !ccw {
		p[1], p[3] = p[3], p[1]
	}
	var es []edge
	for i, a := range p {
		b := p[(i+1)%len(p)]
		es = append(es, edge{a.x, a.y, b.x, b.y})
	}
	return es
}

// box2 is an axis-aligned rectangle of a test shape.
type box2 struct{ x0, y0, x1, y1 float64 }

// inside reports whether (x, y) lies strictly inside r.
func (r box2) inside(x, y float64) bool {
	return x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1
}

// covers reports whether (x, y) lies in r or on its edge.
func (r box2) covers(x, y float64) bool {
	return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

// inUnion reports whether (x, y) lies in or on one of rs.
func inUnion(rs []box2, x, y float64) bool {
	for _, r := range rs {
		if r.covers(x, y) {
			return true
		}
	}
	return false
}

// unionBoundary samples, step apart, the outline of the union of rs: the
// points of the rectangles' perimeters beside which, a little way off in
// some direction, lies a point outside them all.
func unionBoundary(rs []box2, step float64) []point {
	const eps = 1e-6
	var ps []point
	for _, r := range rs {
		for _, e := range rect(r.x0, r.y0, r.x1, r.y1, true) {
			n := int(math.Hypot(e.bx-e.ax, e.by-e.ay) / step)
			for k := range n {
				t := float64(k) / float64(n)
				x, y := e.ax+t*(e.bx-e.ax), e.ay+t*(e.by-e.ay)
				if !inUnion(rs, x+eps, y) || !inUnion(rs, x-eps, y) ||
					!inUnion(rs, x, y+eps) || !inUnion(rs, x, y-eps) {
					ps = append(ps, point{x, y})
				}
			}
		}
	}
	return ps
}

var boundaryTests = []struct {
	name  string
	rects []box2
	ccw   []bool
	holes []box2 // rectangles cut out of the shape, which unionBoundary cannot draw
	want  float64
}{
	{"square", []box2{{0, 0, 10, 10}}, []bool{true}, nil, 40},
	{"clockwise square", []box2{{0, 0, 10, 10}}, []bool{false}, nil, 40},
	{"overlapping squares", []box2{{0, 0, 10, 10}, {5, 5, 15, 15}}, []bool{true, true}, nil, 60},
	{"overlapping clockwise squares", []box2{{0, 0, 10, 10}, {5, 5, 15, 15}}, []bool{false, false}, nil, 60},
	{"squares sharing an edge", []box2{{0, 0, 10, 10}, {10, 0, 20, 10}}, []bool{true, true}, nil, 60},
	{"square inside a square", []box2{{0, 0, 10, 10}, {2, 2, 8, 8}}, []bool{true, true}, nil, 40},
	{"cross", []box2{{0, 4, 14, 8}, {5, 0, 9, 14}}, []bool{true, true}, nil, 56},
	{"square with a hole", []box2{{0, 0, 10, 10}, {3, 3, 7, 7}}, []bool{true, false}, []box2{{3, 3, 7, 7}}, 56},
}

func TestBoundary(t *testing.T) {
	for _, tt := range boundaryTests {
		t.Run(tt.name, func(t *testing.T) {
			var edges []edge
			for i, r := range tt.rects {
				edges = append(edges, rect(r.x0, r.y0, r.x1, r.y1, tt.ccw[i])...)
			}
			out, _ := boundary(nil, edges, nil)
			total := 0.0
			for _, e := range out {
				total += math.Hypot(e.bx-e.ax, e.by-e.ay)
			}
			if math.Abs(total-tt.want) > 1e-9 {
				t.Errorf("boundary length %g, want %g (%d edges)", total, tt.want, len(out))
			}
		})
	}
}

// TestDistanceFieldReference compares distanceField with the distance to a
// densely sampled outline of unions of rectangles.
func TestDistanceFieldReference(t *testing.T) {
	for _, tt := range boundaryTests {
		if tt.holes != nil {
			continue // unionBoundary knows no holes
		}
		t.Run(tt.name, func(t *testing.T) {
			var s scratch
			for i, r := range tt.rects {
				s.edges = append(s.edges, rect(r.x0, r.y0, r.x1, r.y1, tt.ccw[i])...)
			}
			s.outline, s.cuts = boundary(nil, s.edges, nil)
			x0, y0, x1, y1 := 0.0, 0.0, 0.0, 0.0
			for _, r := range tt.rects {
				x1, y1 = max(x1, r.x1), max(y1, r.y1)
			}
			w, h := int(x1-x0), int(y1-y0)
			got := distanceField(&s, 0, h, w, h)
			ref := unionBoundary(tt.rects, 1.0/256)
			bw := w + 2*border
			for i, v := range got {
				x := float64(i%bw-border) + 0.5
				y := float64(h+border-i/bw) - 0.5
				best, in := math.Inf(1), false
				for _, p := range ref {
					best = min(best, (p.x-x)*(p.x-x)+(p.y-y)*(p.y-y))
				}
				for _, r := range tt.rects {
					in = in || r.inside(x, y)
				}
				if want := encodeDistance(best, in); int(v) < int(want)-1 || int(v) > int(want)+1 {
					t.Errorf("pixel (%d, %d) at (%g, %g): got %d, want %d±1", i%bw, i/bw, x, y, v, want)
				}
			}
		})
	}
}
