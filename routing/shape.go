package routing

import (
	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// cut returns the part of segment seg between fractions t0 and t1 (by length), in the
// direction from t0 to t1.
func (g *Graph) cut(seg int32, t0, t1 float64) orb.LineString {
	line := g.Shape(seg)
	if t0 == 0 && t1 == 1 || t0 == 1 && t1 == 0 { // a whole segment: no measuring
		out := line.Clone()
		if t0 == 1 {
			out.Reverse()
		}
		return out
	}
	if t0 > t1 {
		out := g.cut(seg, t1, t0)
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
		return out
	}
	total := g.Segs[seg].LengthM
	d0, d1 := t0*total, t1*total
	out := orb.LineString{pointAt(line, d0)}
	along := 0.0
	for i := 1; i < len(line); i++ {
		along += geo.Distance(line[i-1], line[i])
		if along > d0 && along < d1 {
			out = append(out, line[i])
		}
	}
	end := pointAt(line, d1)
	if end != out[len(out)-1] || len(out) == 1 {
		out = append(out, end)
	}
	return out
}

// pointAt returns the point d metres along the line.
func pointAt(line orb.LineString, d float64) orb.Point {
	along := 0.0
	for i := 1; i < len(line); i++ {
		l := geo.Distance(line[i-1], line[i])
		if along+l >= d && l > 0 {
			f := (d - along) / l
			a, b := line[i-1], line[i]
			return orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}
		}
		along += l
	}
	return line[len(line)-1]
}

// arcFractions returns the fractions of its segment an arc of the path drives: whole arcs
// from 0 to 1 (or 1 to 0 against the geometry), the first from the source, the last to the
// target.
func (g *Graph) arcFractions(p Path, i int) (t0, t1 float64) {
	a := p.Arcs[i]
	t0, t1 = 0, 1
	if g.ArcBack[a] {
		t0, t1 = 1, 0
	}
	if i == 0 {
		t0 = p.Src.T
	}
	if i == len(p.Arcs)-1 {
		t1 = p.Dst.T
	}
	return t0, t1
}
