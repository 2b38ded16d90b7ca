package routing

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// bruteSnap returns the distance in metres from p to the nearest point of any segment,
// measured on a fine resampling of every piece with haversine.
func bruteSnap(g *Graph, p orb.Point) float64 {
	best := math.Inf(1)
	for s := range g.Segs {
		line := g.Shape(int32(s))
		for i := 1; i < len(line); i++ {
			a, b := line[i-1], line[i]
			for k := 0; k <= 100; k++ {
				f := float64(k) / 100
				q := orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])}
				best = math.Min(best, geo.Distance(p, q))
			}
		}
	}
	return best
}

func TestSnapAgainstBruteForce(t *testing.T) {
	g, err := Build(gridCity(12, 3))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSnapper(g)
	rng := rand.New(rand.NewPCG(5, 5))
	b := g.bound()
	for i := range 200 {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		pl, err := s.Snap(p, DefaultSnapLimitM)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteSnap(g, p)
		// The resampled reference is within a metre of the true distance on 100 m pieces.
		if math.Abs(pl.SnapM-want) > 1 {
			t.Fatalf("point %d %v: snapped %.2f m away, brute force %.2f m", i, p, pl.SnapM, want)
		}
		if pl.T < 0 || pl.T > 1 || geo.Distance(pl.Point, p) != pl.SnapM {
			t.Fatalf("point %d: bad place %+v", i, pl)
		}
	}
}

func TestSnapTooFar(t *testing.T) {
	g, err := Build(gridCity(5, 3))
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewSnapper(g).Snap(orb.Point{105.9, 21.1}, 500)
	if !errors.Is(err, ErrTooFar) || !strings.Contains(err.Error(), "[105.9, 21.1]") {
		t.Errorf("error %v, want ErrTooFar naming the point", err)
	}
}

func TestOrderIsPermutation(t *testing.T) {
	g, err := Build(gridCity(30, 9))
	if err != nil {
		t.Fatal(err)
	}
	order := Order(g)
	seen := make([]bool, g.NumVertices())
	for _, v := range order {
		if seen[v] {
			t.Fatalf("vertex %d ranked twice", v)
		}
		seen[v] = true
	}
	if len(order) != g.NumVertices() {
		t.Fatalf("order has %d of %d vertices", len(order), g.NumVertices())
	}
}
