package routing

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport"
	"github.com/chotmap/chot/osmimport/osmtest"
	"github.com/paulmach/orb"
)

var hanoi struct {
	once sync.Once
	city *geo.City
	r    *Router
	err  error
	prep time.Duration
}

// hanoiRouter returns the router of the Hà Nội extract. Outside CI a missing extract skips the
// test; under CI (CI=true) it fails it.
func hanoiRouter(tb testing.TB) *Router {
	tb.Helper()
	c := osmtest.Hanoi(tb)
	hanoi.once.Do(func() {
		hanoi.city = c
		start := time.Now()
		hanoi.r, hanoi.err = NewRouter(hanoi.city)
		hanoi.prep = time.Since(start)
	})
	if hanoi.err != nil {
		tb.Fatal(hanoi.err)
	}
	return hanoi.r
}

func TestCCHEqualsDijkstraHanoi(t *testing.T) {
	r := hanoiRouter(t)
	g := r.Graph
	t.Logf("Hà Nội: %d vertices, %d arcs, %d hierarchy edges; dropped %d vertices, %d segments (%.1f km); build+order+contract+customize %v",
		g.NumVertices(), g.NumArcs(), r.CCH.NumEdges(), g.Dropped.Vertices, g.Dropped.Segments, g.Dropped.LengthM/1000, hanoi.prep)
	if g.NumVertices() < 30000 {
		t.Fatalf("only %d vertices: the import lost most of the network", g.NumVertices())
	}
	w := r.weights[key{"car", Duration}]
	t.Run("open", func(t *testing.T) { compareRoutes(t, g, r.CCH, w, 1000, 21) })
	t.Run("50 closed edges", func(t *testing.T) { compareRoutes(t, g, r.CCH, closeRandom(g, w, 50, 22), 1000, 23) })
	t.Run("closed polygon", func(t *testing.T) {
		poly := randomPolygon(g, 24)
		arcs, err := r.ClosedArcs(Closure{Polygon: poly})
		if err != nil {
			t.Fatal(err)
		}
		if len(arcs) < 20 {
			t.Fatalf("the polygon closes only %d arcs", len(arcs))
		}
		closed := append([]Weight(nil), w...)
		for _, a := range arcs {
			closed[a] = Inf
		}
		compareRoutes(t, g, r.CCH, closed, 1000, 25)
	})
	t.Run("motorcade distance", func(t *testing.T) {
		compareRoutes(t, g, r.CCH, r.weights[key{"motorcade", Distance}], 300, 26)
	})
}

// randomPolygon returns a hexagon of about 400 m radius around a random vertex.
func randomPolygon(g *Graph, seed uint64) orb.Polygon {
	rng := rand.New(rand.NewPCG(seed, 4))
	c := g.Points[rng.IntN(len(g.Points))]
	ring := orb.Ring{}
	for i := range 7 {
		a := float64(i%6) * math.Pi / 3
		ring = append(ring, orb.Point{c[0] + 0.004*math.Cos(a), c[1] + 0.0036*math.Sin(a)})
	}
	return orb.Polygon{ring}
}

// randomPairs returns n random place pairs with a route between them.
func randomPairs(g *Graph, n int, seed uint64) [][2]Place {
	rng := rand.New(rand.NewPCG(seed, 6))
	out := make([][2]Place, n)
	for i := range out {
		out[i] = [2]Place{randomPlace(g, rng), randomPlace(g, rng)}
	}
	return out
}

func BenchmarkRouteHanoi(b *testing.B) {
	r := hanoiRouter(b)
	g := r.Graph
	pairs := randomPairs(g, 1000, 31)
	w := r.weights[key{"car", Duration}]
	closed := closeRandom(g, w, 50, 32)
	zClosed := r.CCH.Customize(closed)
	b.Run("cch", func(b *testing.B) { benchCCH(b, r.CCH, r.base[key{"car", Duration}], pairs) })
	b.Run("cch-50-closed", func(b *testing.B) { benchCCH(b, r.CCH, zClosed, pairs) })
	b.Run("dijkstra", func(b *testing.B) {
		d := NewDijkstra(g)
		benchPairs(b, pairs, func(s, t Place) { d.Route(w, s, t) })
	})
}

func benchCCH(b *testing.B, c *CCH, z *Customization, pairs [][2]Place) {
	q := NewQuery(c)
	benchPairs(b, pairs, func(s, t Place) { q.Route(z, s, t) })
}

// benchPairs routes the pairs in turn and reports the median time of one route.
func benchPairs(b *testing.B, pairs [][2]Place, route func(s, t Place)) {
	b.ReportAllocs()
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		t0 := time.Now()
		route(p[0], p[1])
		lat = append(lat, time.Since(t0))
	}
	reportMedian(b, lat)
}

func reportMedian(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1000, "median-µs")
}

func BenchmarkCustomizeHanoi(b *testing.B) {
	r := hanoiRouter(b)
	w := closeRandom(r.Graph, r.weights[key{"car", Duration}], 50, 33)
	b.ReportAllocs()
	for b.Loop() {
		r.CCH.Customize(w)
	}
}

func BenchmarkPreprocessHanoi(b *testing.B) {
	r := hanoiRouter(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewRouter(r.City); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportAndPreprocessHanoi is the whole preparation of the extract: OSM import,
// graph, nested-dissection order, contraction and the customization of every profile and
// metric (run it under /usr/bin/time -v for the peak memory).
func BenchmarkImportAndPreprocessHanoi(b *testing.B) {
	pbf := osmtest.Extract(b, osmtest.HanoiInner)
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := osmimport.ImportFile(context.Background(), pbf, osmimport.Options{ID: "ha-noi-osm"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := NewRouter(c); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRealTurnRestrictions: the Văn Miếu extract's turn restrictions (OSM relations) are
// honoured by both algorithms: no route turns where a no_* restriction forbids it, and
// every route from a restricted approach through an only_* junction takes the only way.
func TestRealTurnRestrictions(t *testing.T) {
	pbf := osmtest.Extract(t, "hanoi_quoctugiam_osmapi.osm.pbf")
	city, _, err := osmimport.ImportFile(context.Background(), pbf, osmimport.Options{ID: "van-mieu"})
	if err != nil {
		t.Fatal(err)
	}
	if len(city.Restrictions) == 0 {
		t.Fatal("the extract has no turn restrictions")
	}
	g, err := Build(city)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCCH(g, Order(g))
	w := g.Weights(Car, Duration)
	z, q, d := c.Customize(w), NewQuery(c), NewDijkstra(g)
	rng := rand.New(rand.NewPCG(41, 41))
	turns := 0
	for i := range 2000 {
		s, dst := randomPlace(g, rng), randomPlace(g, rng)
		ref, err1 := d.Route(w, s, dst)
		got, err2 := q.Route(z, s, dst)
		if (err1 == nil) != (err2 == nil) || err1 == nil && ref.Weight != got.Weight {
			t.Fatalf("pair %d: reference %d %v, hierarchy %d %v", i, ref.Weight, err1, got.Weight, err2)
		}
		for _, p := range []Path{ref, got} {
			turns += checkTurns(t, g, city.Restrictions, p)
		}
	}
	t.Logf("%d restrictions, %d of them on the graph; %d routes pass a restricted junction from its from road",
		len(city.Restrictions), len(city.Restrictions)-g.Dropped.Restrictions, turns)
}

// checkTurns fails the test if the path makes a turn a restriction forbids, and returns how
// many restricted approaches it drives.
func checkTurns(t *testing.T, g *Graph, rs []geo.Restriction, p Path) int {
	t.Helper()
	n := 0
	for i := 1; i < len(p.Arcs); i++ {
		in, out := p.Arcs[i-1], p.Arcs[i]
		via := g.Points[g.Head[in]]
		for _, r := range rs {
			if r.Via != via || g.Road(in).ID != r.From {
				continue
			}
			n++
			to := g.Road(out).ID == r.To
			uturn := g.ArcSeg[in] == g.ArcSeg[out]
			if r.From == r.To {
				to = to && (uturn == (r.Kind == "no_u_turn"))
			}
			if r.Only() != to {
				t.Fatalf("route turns from %s to %s at %v against %s %s", r.From, g.Road(out).ID, via, r.ID, r.Kind)
			}
		}
	}
	return n
}
