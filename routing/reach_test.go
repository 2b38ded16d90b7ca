package routing

import (
	"math/rand/v2"
	"testing"
)

// TestReachAgainstDijkstra: one multi-source search answers, for random points, whether some
// source is within the limit, as the reference Dijkstra from every source does (forwards),
// and whether the point is within the limit of a target (backwards).
func TestReachAgainstDijkstra(t *testing.T) {
	g, err := Build(gridCity(15, 21))
	if err != nil {
		t.Fatal(err)
	}
	w := g.Weights(Car, Duration)
	rng := rand.New(rand.NewPCG(8, 8))
	sources := []Place{randomPlace(g, rng), randomPlace(g, rng), randomPlace(g, rng)}
	const limit = 60_000 // one minute
	fwd, back := g.ReachFrom(w, sources, limit), g.ReachTo(w, sources[:1], limit)
	d := NewDijkstra(g)
	inside := func(iv [][2]float64, x float64) (in, near bool) {
		for _, v := range iv {
			if x >= v[0]-1e-3 && x <= v[1]+1e-3 {
				return true, x < v[0]+1e-3 || x > v[1]-1e-3
			}
		}
		return false, false
	}
	checked, covered := 0, 0
	for range 3000 {
		p := randomPlace(g, rng)
		best := Inf
		for _, s := range sources {
			if path, err := d.Route(w, s, p); err == nil && path.Weight < best {
				best = path.Weight
			}
		}
		toTarget := Inf
		if path, err := d.Route(w, p, sources[0]); err == nil {
			toTarget = path.Weight
		}
		for _, c := range []struct {
			name string
			r    *Reach
			want Weight
		}{{"from sources", fwd, best}, {"to the target", back, toTarget}} {
			in, near := inside(c.r.Within(p.Seg, limit), p.T)
			// Rounding to whole milliseconds can only matter within a few ms of the limit.
			if near || c.want > limit-5 && c.want < limit+5 {
				continue
			}
			checked++
			if in {
				covered++
			}
			if in != (c.want <= limit) {
				t.Fatalf("%s: point %+v: Within says %v, reference weight %d (limit %d)", c.name, p, in, c.want, limit)
			}
		}
	}
	if checked < 5000 || covered < checked/10 || covered > checked*9/10 {
		t.Errorf("%d points checked, %d of them within the limit: the test needs both kinds", checked, covered)
	}
}

// simpleDijkstra is the textbook O(n²) Dijkstra from one vertex, the reference for Search.
func simpleDijkstra(g *Graph, w []Weight, from int32) []Weight {
	n := g.NumVertices()
	dist, done := make([]Weight, n), make([]bool, n)
	for i := range dist {
		dist[i] = Inf
	}
	dist[from] = 0
	for {
		u := int32(-1)
		for v := range n {
			if !done[v] && dist[v] < Inf && (u < 0 || dist[v] < dist[u]) {
				u = int32(v)
			}
		}
		if u < 0 {
			return dist
		}
		done[u] = true
		for a := g.OutStart[u]; a < g.OutStart[u+1]; a++ {
			if d := add(dist[u], w[a]); d < dist[g.Head[a]] {
				dist[g.Head[a]] = d
			}
		}
	}
}

func TestSearchAgainstSimpleDijkstra(t *testing.T) {
	g, err := Build(gridCity(12, 5))
	if err != nil {
		t.Fatal(err)
	}
	w := closeRandom(g, g.Weights(Car, Duration), 20, 6)
	s := NewSearch(g)
	rng := rand.New(rand.NewPCG(9, 9))
	for range 30 {
		from := int32(rng.IntN(g.NumVertices()))
		want := simpleDijkstra(g, w, from)
		t1 := int32(rng.IntN(g.NumVertices()))
		targets := []int32{t1, int32(rng.IntN(g.NumVertices())), t1} // one listed twice
		limit := Inf
		if rng.IntN(2) == 0 {
			limit = want[t1] // some targets lie beyond it
		}
		s.Run(w, []int32{from}, targets, limit)
		// The search stops once every target is settled: nothing farther than the farthest.
		far := Weight(0)
		for _, v := range targets {
			if want[v] != Inf && want[v] <= limit {
				far = max(far, want[v])
			}
		}
		for v, done := range s.done {
			if done && want[v] > far {
				t.Fatalf("from %d: settled %d at %d, beyond the farthest target at %d", from, v, want[v], far)
			}
		}
		for _, v := range targets {
			if want[v] > limit {
				want[v] = Inf // beyond the limit: not reached
			}
			if s.Weight[v] != want[v] && !(want[v] == Inf && s.Weight[v] > limit) {
				t.Fatalf("from %d to %d: search %d, reference %d", from, v, s.Weight[v], want[v])
			}
			if want[v] == Inf {
				continue
			}
			sum := Weight(0)
			for _, a := range s.PathTo(v) {
				sum = add(sum, w[a])
			}
			if sum != want[v] {
				t.Fatalf("path to %d weighs %d, want %d", v, sum, want[v])
			}
		}
	}
}

func TestReachToTargetAgainstDijkstra(t *testing.T) {
	g, err := Build(gridCity(12, 13))
	if err != nil {
		t.Fatal(err)
	}
	w := g.Weights(Car, Duration)
	rng := rand.New(rand.NewPCG(10, 10))
	target := randomPlace(g, rng)
	r := g.ReachTo(w, []Place{target}, Inf)
	d := NewDijkstra(g)
	for range 500 {
		p := randomPlace(g, rng)
		got, _ := r.ToTarget(p)
		want := Inf
		if path, err := d.Route(w, p, target); err == nil {
			want = path.Weight
		}
		if got != want {
			t.Fatalf("from %+v: reach %d, reference %d", p, got, want)
		}
	}
}
