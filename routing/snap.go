package routing

import (
	"cmp"
	"fmt"
	"math"
	"slices"

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
	places, err := s.SnapN(p, 1, limitM)
	if err != nil {
		return Place{}, err
	}
	return places[0], nil
}

// SnapN returns the nearest places on up to n different segments, nearest first; an error
// wrapping ErrTooFar when even the nearest is farther than limitM metres. It searches a
// square around p that grows until it holds n segments no farther than its half-width: any
// piece nearer than that must cross the square.
func (s *Snapper) SnapN(p orb.Point, n int, limitM float64) ([]Place, error) {
	q := s.xy(p)
	type hit struct {
		pc piece
		d  float64
	}
	var hits []hit
	for r := 40.0; ; r *= 3 {
		hits = hits[:0]
		s.tree.Search([2]float64{q[0] - r, q[1] - r}, [2]float64{q[0] + r, q[1] + r}, func(_, _ [2]float64, pc piece) bool {
			d, _ := s.pieceDistance(q, pc)
			for i := range hits {
				if hits[i].pc.seg == pc.seg {
					if d < hits[i].d {
						hits[i] = hit{pc, d}
					}
					return true
				}
			}
			hits = append(hits, hit{pc, d})
			return true
		})
		slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.pc.seg, b.pc.seg)) })
		within := 0
		for within < len(hits) && hits[within].d <= r {
			within++
		}
		if within >= n || r > 2*limitM+1000 {
			hits = hits[:min(within, n)]
			break
		}
	}
	var out []Place
	for _, h := range hits {
		pl := s.place(p, q, h.pc)
		if pl.SnapM > limitM {
			break
		}
		out = append(out, pl)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: [%g, %g] is farther than %.0f m from any road", ErrTooFar, p[0], p[1], limitM)
	}
	return out, nil
}

// place returns the place on piece pc nearest to p (q is p in local metres).
func (s *Snapper) place(p orb.Point, q [2]float64, pc piece) Place {
	_, t := s.pieceDistance(q, pc)
	line := s.g.Shape(pc.seg)
	a, b := line[pc.i], line[pc.i+1]
	at := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	along := geo.Distance(a, at)
	for i := int32(1); i <= pc.i; i++ {
		along += geo.Distance(line[i-1], line[i])
	}
	T := 0.0
	if l := s.g.Segs[pc.seg].LengthM; l > 0 {
		T = math.Min(1, along/l)
	}
	return Place{Seg: pc.seg, T: T, Point: at, SnapM: geo.Distance(p, at)}
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
