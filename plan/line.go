package plan

import (
	"math"
	"sort"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// routeLine is the route as one line with the distance along the route at every point, and
// the passes to tell the time the convoy is anywhere on it.
type routeLine struct {
	pts    []orb.Point
	at     []float64
	passes []routing.Pass
	total  float64
}

func newRouteLine(g *routing.Graph, passes []routing.Pass) *routeLine {
	l := &routeLine{passes: passes}
	for _, p := range passes {
		geom := g.PassGeometry(p)
		length := geo.LineLength(geom)
		scale := 0.0
		if length > 0 {
			scale = (p.ToM - p.FromM) / length
		}
		acc := p.FromM
		for k, pt := range geom {
			if k > 0 {
				acc += geo.Distance(geom[k-1], pt) * scale
			}
			if n := len(l.pts); n > 0 && l.pts[n-1] == pt {
				continue
			}
			l.pts, l.at = append(l.pts, pt), append(l.at, acc)
		}
		l.total = p.ToM
	}
	return l
}

// pointAt returns the point d metres along the route.
func (l *routeLine) pointAt(d float64) orb.Point {
	i := sort.SearchFloat64s(l.at, d)
	switch {
	case i == 0:
		return l.pts[0]
	case i >= len(l.pts):
		return l.pts[len(l.pts)-1]
	}
	f := (d - l.at[i-1]) / (l.at[i] - l.at[i-1])
	a, b := l.pts[i-1], l.pts[i]
	return orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}
}

// sub returns the part of the route from d0 to d1 metres along it.
func (l *routeLine) sub(d0, d1 float64) orb.LineString {
	out := orb.LineString{l.pointAt(d0)}
	for i, a := range l.at {
		if a > d0 && a < d1 {
			out = append(out, l.pts[i])
		}
	}
	return append(out, l.pointAt(d1))
}

// timeAt returns when the convoy is d metres along the route.
func (l *routeLine) timeAt(d float64) time.Time {
	i := sort.Search(len(l.passes), func(i int) bool { return l.passes[i].ToM >= d })
	if i == len(l.passes) {
		i--
	}
	p := l.passes[i]
	if p.ToM <= p.FromM {
		return p.Enter
	}
	f := math.Max(0, math.Min(1, (d-p.FromM)/(p.ToM-p.FromM)))
	return p.Enter.Add(time.Duration(f * float64(p.Leave.Sub(p.Enter))))
}

// discIntervals returns the stretches of the route within r metres of c, as distances along
// the route (ascending, merged).
func (l *routeLine) discIntervals(c orb.Point, r float64) [][2]float64 {
	proj := geo.NewProjection(c)
	pad := r/geo.EarthRadius*180/math.Pi*1.01 + 1e-6
	padLon := pad / math.Max(0.01, math.Cos(c[1]*math.Pi/180))
	var iv [][2]float64
	for i := 1; i < len(l.pts); i++ {
		a, b := l.pts[i-1], l.pts[i]
		if math.Min(a[0], b[0]) > c[0]+padLon || math.Max(a[0], b[0]) < c[0]-padLon ||
			math.Min(a[1], b[1]) > c[1]+pad || math.Max(a[1], b[1]) < c[1]-pad {
			continue
		}
		s0, s1, ok := segmentInDisc(proj.Forward(a), proj.Forward(b), r)
		if ok {
			iv = append(iv, [2]float64{l.at[i-1] + s0*(l.at[i]-l.at[i-1]), l.at[i-1] + s1*(l.at[i]-l.at[i-1])})
		}
	}
	return routing.MergeIntervals(iv)
}

// segmentInDisc returns the part [s0, s1] of the segment a-b (in metres about the disc's
// centre, the origin) inside the disc of radius r.
func segmentInDisc(a, b orb.Point, r float64) (float64, float64, bool) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	qa := dx*dx + dy*dy
	qb := 2 * (a[0]*dx + a[1]*dy)
	qc := a[0]*a[0] + a[1]*a[1] - r*r
	if qa == 0 {
		return 0, 1, qc <= 0
	}
	disc := qb*qb - 4*qa*qc
	if disc < 0 {
		return 0, 0, false
	}
	sq := math.Sqrt(disc)
	s0, s1 := math.Max(0, (-qb-sq)/(2*qa)), math.Min(1, (-qb+sq)/(2*qa))
	return s0, s1, s0 < s1
}

// complement returns [0, total] without the (merged) intervals.
func complement(iv [][2]float64, total float64) [][2]float64 {
	var out [][2]float64
	at := 0.0
	for _, x := range iv {
		if x[0] > at {
			out = append(out, [2]float64{at, x[0]})
		}
		at = math.Max(at, x[1])
	}
	if at < total {
		out = append(out, [2]float64{at, total})
	}
	return out
}

// intersect returns the parts of a that lie in b (both merged).
func intersect(a, b [][2]float64) [][2]float64 {
	var out [][2]float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := math.Max(a[i][0], b[j][0]), math.Min(a[i][1], b[j][1])
		if lo < hi {
			out = append(out, [2]float64{lo, hi})
		}
		if a[i][1] < b[j][1] {
			i++
		} else {
			j++
		}
	}
	return out
}

func length(iv [][2]float64) float64 {
	s := 0.0
	for _, x := range iv {
		s += x[1] - x[0]
	}
	return s
}
