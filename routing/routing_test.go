package routing

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// gridCity returns a city of n x n junctions about 100 m apart, with streets of mixed classes,
// some one-way, some with shape points, and a few closed to cars (pedestrian).
func gridCity(n int, seed uint64) *geo.City {
	rng := rand.New(rand.NewPCG(seed, 1))
	classes := []string{"primary", "secondary", "tertiary", "residential", "residential", "service", "trunk"}
	pt := func(i, j int) orb.Point { return orb.Point{105.80 + float64(j)*0.001, 21.00 + float64(i)*0.0009} }
	c := &geo.City{ID: "grid", Name: "Grid", Bound: orb.Bound{Min: orb.Point{105.79, 20.99}, Max: orb.Point{105.9, 21.1}}}
	add := func(a, b orb.Point) {
		line := orb.LineString{a}
		if rng.IntN(3) == 0 { // a bend
			line = append(line, orb.Point{(a[0]+b[0])/2 + (rng.Float64()-0.5)*0.0003, (a[1]+b[1])/2 + (rng.Float64()-0.5)*0.0003})
		}
		line = append(line, b)
		r := geo.Road{ID: fmt.Sprintf("r%d", len(c.Roads)), Highway: classes[rng.IntN(len(classes))], Line: line}
		switch rng.IntN(6) {
		case 0:
			r.Oneway = geo.OnewayForward
		case 1:
			r.Oneway = geo.OnewayBackward
		}
		if rng.IntN(40) == 0 {
			r.Highway = "pedestrian"
		}
		if rng.IntN(5) == 0 {
			r.MaxSpeed = 20 + 10*rng.IntN(4)
		}
		c.Roads = append(c.Roads, r)
	}
	for i := range n {
		for j := range n {
			if j+1 < n {
				add(pt(i, j), pt(i, j+1))
			}
			if i+1 < n {
				add(pt(i, j), pt(i+1, j))
			}
			if i+1 < n && j+1 < n && rng.IntN(7) == 0 {
				add(pt(i, j), pt(i+1, j+1))
			}
		}
	}
	return c
}

// randomPlace returns a random place on a random segment.
func randomPlace(g *Graph, rng *rand.Rand) Place {
	s := int32(rng.IntN(len(g.Segs)))
	t := rng.Float64()
	switch rng.IntN(8) {
	case 0:
		t = 0
	case 1:
		t = 1
	}
	return Place{Seg: s, T: t}
}

func TestCCHEqualsDijkstraGrid(t *testing.T) {
	g, err := Build(gridCity(40, 7))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("grid: %d vertices, %d arcs, dropped %+v", g.NumVertices(), g.NumArcs(), g.Dropped)
	start := time.Now()
	c := NewCCH(g, Order(g))
	t.Logf("order and contraction: %v, %d edges", time.Since(start), c.NumEdges())
	for _, p := range Profiles() {
		for _, m := range []Metric{Duration, Distance} {
			t.Run(p.Name+"/"+m.String(), func(t *testing.T) {
				w := g.Weights(p, m)
				compareRoutes(t, g, c, w, 500, 11)
				closed := closeRandom(g, w, 50, 12)
				compareRoutes(t, g, c, closed, 500, 13)
			})
		}
	}
}

// closeRandom returns a copy of w with n random segments closed in both directions.
func closeRandom(g *Graph, w []Weight, n int, seed uint64) []Weight {
	rng := rand.New(rand.NewPCG(seed, 2))
	out := append([]Weight(nil), w...)
	for range n {
		for _, a := range g.SegArcs(int32(rng.IntN(len(g.Segs)))) {
			out[a] = Inf
		}
	}
	return out
}

// compareRoutes checks the hierarchy against the reference on random pairs: the same
// weight, or no route for both, and a path whose arcs are connected and sum to the weight.
func compareRoutes(t *testing.T, g *Graph, c *CCH, w []Weight, pairs int, seed uint64) {
	t.Helper()
	z := c.Customize(w)
	d, q := NewDijkstra(g), NewQuery(c)
	rng := rand.New(rand.NewPCG(seed, 3))
	routes := 0
	for i := range pairs {
		s, dst := randomPlace(g, rng), randomPlace(g, rng)
		want, errWant := d.Route(w, s, dst)
		got, errGot := q.Route(z, s, dst)
		if (errWant == nil) != (errGot == nil) {
			t.Fatalf("pair %d: reference error %v, hierarchy error %v", i, errWant, errGot)
		}
		if errWant != nil {
			continue
		}
		routes++
		if got.Weight != want.Weight {
			t.Fatalf("pair %d %+v -> %+v: hierarchy %d, reference %d", i, s, dst, got.Weight, want.Weight)
		}
		checkPath(t, g, w, got)
		checkPath(t, g, w, want)
	}
	if routes < pairs/2 {
		t.Errorf("only %d of %d pairs have a route", routes, pairs)
	}
}

// checkPath checks that a path is connected, starts and ends on its places' segments, uses no
// closed arc and weighs what it says.
func checkPath(t *testing.T, g *Graph, w []Weight, p Path) {
	t.Helper()
	if len(p.Arcs) == 0 {
		t.Fatalf("empty path")
	}
	first, last := p.Arcs[0], p.Arcs[len(p.Arcs)-1]
	if g.ArcSeg[first] != p.Src.Seg || g.ArcSeg[last] != p.Dst.Seg {
		t.Fatalf("path runs from segment %d to %d, want %d to %d", g.ArcSeg[first], g.ArcSeg[last], p.Src.Seg, p.Dst.Seg)
	}
	if len(p.Arcs) == 1 {
		return
	}
	rem := 1 - p.Src.T
	if g.ArcBack[first] {
		rem = p.Src.T
	}
	done := p.Dst.T
	if g.ArcBack[last] {
		done = 1 - p.Dst.T
	}
	sum := add(part(w[first], rem), part(w[last], done))
	for i := 1; i < len(p.Arcs); i++ {
		if g.Head[p.Arcs[i-1]] != g.Tail[p.Arcs[i]] {
			t.Fatalf("arc %d does not continue arc %d", p.Arcs[i], p.Arcs[i-1])
		}
		if i < len(p.Arcs)-1 {
			sum = add(sum, w[p.Arcs[i]])
		}
	}
	if sum != p.Weight {
		t.Fatalf("arcs sum to %d, path says %d", sum, p.Weight)
	}
}
