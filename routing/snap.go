package routing

import (
	"fmt"
	"math"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// DefaultSnapLimitM is how far from the nearest road a coordinate may be, by default.
const DefaultSnapLimitM = 500

// Snapper finds the nearest point on the network: an R-tree over every straight piece of
// every segment, in local metres, so that the nearest piece is the nearest by distance.
type Snapper struct {
	g    *Graph
	tree rtree.RTreeG[piece]
	k    float64 // metres per degree of longitude
}

type piece struct {
	seg int32
	i   int32 // the piece runs from shape point i to i+1
}

const metresPerDegree = geo.EarthRadius * math.Pi / 180

// NewSnapper indexes g's segments.
func NewSnapper(g *Graph) *Snapper {
	lat := (g.bound().Min[1] + g.bound().Max[1]) / 2
	s := &Snapper{g: g, k: metresPerDegree * math.Cos(lat*math.Pi/180)}
	for seg := range g.Segs {
		line := g.Shape(int32(seg))
		for i := 1; i < len(line); i++ {
			a, b := s.xy(line[i-1]), s.xy(line[i])
			s.tree.Insert([2]float64{min(a[0], b[0]), min(a[1], b[1])}, [2]float64{max(a[0], b[0]), max(a[1], b[1])},
				piece{int32(seg), int32(i - 1)})
		}
	}
	return s
}

func (s *Snapper) xy(p orb.Point) [2]float64 { return [2]float64{p[0] * s.k, p[1] * metresPerDegree} }

// Snap returns the place on the network nearest to p, or an error wrapping ErrTooFar when
// the nearest road is farther than limitM metres.
func (s *Snapper) Snap(p orb.Point, limitM float64) (Place, error) {
	q := s.xy(p)
	best := piece{seg: -1}
	bestT := 0.0
	s.tree.Nearby(
		func(min, max [2]float64, pc piece, item bool) float64 {
			if !item {
				dx := math.Max(0, math.Max(min[0]-q[0], q[0]-max[0]))
				dy := math.Max(0, math.Max(min[1]-q[1], q[1]-max[1]))
				return math.Hypot(dx, dy)
			}
			d, _ := s.pieceDistance(q, pc)
			return d
		},
		func(min, max [2]float64, pc piece, dist float64) bool {
			best = pc
			_, bestT = s.pieceDistance(q, pc)
			return false
		})
	if best.seg < 0 {
		return Place{}, fmt.Errorf("%w: no roads", ErrTooFar)
	}
	line := s.g.Shape(best.seg)
	a, b := line[best.i], line[best.i+1]
	at := orb.Point{a[0] + bestT*(b[0]-a[0]), a[1] + bestT*(b[1]-a[1])}
	snapM := geo.Distance(p, at)
	if snapM > limitM {
		return Place{}, fmt.Errorf("%w: [%g, %g] is %.0f m from the nearest road (limit %.0f m)", ErrTooFar, p[0], p[1], snapM, limitM)
	}
	along := 0.0
	for i := int32(1); i <= best.i; i++ {
		along += geo.Distance(line[i-1], line[i])
	}
	along += geo.Distance(a, at)
	T := 0.0
	if l := s.g.Segs[best.seg].LengthM; l > 0 {
		T = math.Min(1, along/l)
	}
	return Place{Seg: best.seg, T: T, Point: at, SnapM: snapM}, nil
}

// pieceDistance returns the distance in local metres from q to the piece and the fraction
// along the piece of the nearest point.
func (s *Snapper) pieceDistance(q [2]float64, pc piece) (float64, float64) {
	line := s.g.Shape(pc.seg)
	a, b := s.xy(line[pc.i]), s.xy(line[pc.i+1])
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((q[0]-a[0])*dx+(q[1]-a[1])*dy)/l))
	}
	return math.Hypot(a[0]+t*dx-q[0], a[1]+t*dy-q[1]), t
}

// bound returns the bound of the graph's vertices.
func (g *Graph) bound() orb.Bound {
	b := orb.MultiPoint(g.Points).Bound()
	return b
}
