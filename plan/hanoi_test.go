package plan

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport/osmtest"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

var hanoi struct {
	once sync.Once
	e    *Evaluator
	err  error
}

// hanoiEvaluator returns an evaluator on the real Hà Nội extract (© OpenStreetMap
// contributors) with 300 checkpoints on random junctions (fixed seed). Outside CI a missing
// extract skips; under CI it fails.
func hanoiEvaluator(tb testing.TB) *Evaluator {
	tb.Helper()
	shared := osmtest.Hanoi(tb)
	hanoi.once.Do(func() {
		c := *shared // the checkpoints below are this test's own
		r, err := routing.NewRouter(&c)
		if err != nil {
			hanoi.err = err
			return
		}
		rng := rand.New(rand.NewPCG(300, 300))
		kinds := []string{"traffic_post", "traffic_post", "security_post", "camera"}
		c.Checkpoints = nil
		for i := range 300 {
			p := r.Graph.Points[rng.IntN(r.Graph.NumVertices())]
			k := kinds[i%len(kinds)]
			officers := 4
			if k == "camera" {
				officers = 0
			}
			c.Checkpoints = append(c.Checkpoints, geo.Checkpoint{ID: fmt.Sprintf("cp-%03d", i), Kind: k, Name: "Chốt",
				Unit: "CSGT", Officers: officers, RadiusM: 150 + float64(rng.IntN(250)), Point: p})
		}
		hanoi.e, hanoi.err = NewEvaluator(&c, r, nil)
	})
	if hanoi.err != nil {
		tb.Fatal(hanoi.err)
	}
	return hanoi.e
}

// hanoiPlan is a motorcade from the National Convention Center (Mỹ Đình) through Hoàn Kiếm
// to Long Biên.
func hanoiPlan() Plan {
	return Plan{Name: "Mỹ Đình – Hoàn Kiếm – Long Biên", Departure: departure,
		Stops: []Stop{{Point: orb.Point{105.7790, 21.0205}}, {Point: orb.Point{105.8555, 21.0245}, Dwell: 20 * time.Minute},
			{Point: orb.Point{105.8930, 21.0450}}},
		Coverage: CoverageSettings{Suggest: 10}}
}

func TestHanoiPlanProperties(t *testing.T) {
	e := hanoiEvaluator(t)
	for _, byRoad := range []bool{false, true} {
		p := hanoiPlan()
		p.Coverage.ByRoad = byRoad
		start := time.Now()
		res, err := e.Evaluate(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("by road %v: %.1f km, %d stretches, %d diversion points (%d need an officer), worst +%.0f s, covered %.0f%%, %d gaps, %d sites, in %v",
			byRoad, res.Route.DistanceM/1000, len(res.Stretches), len(res.Diversions), res.Summary.NeedOfficer,
			res.Summary.WorstAddedSeconds, 100*res.Coverage.Fraction, len(res.Coverage.Gaps), len(res.Suggestions), time.Since(start))
		c := res.Coverage
		if d := c.CoveredM + c.UncoveredM - res.Route.DistanceM; d > 1e-6 || d < -1e-6 {
			t.Errorf("covered %.3f + uncovered %.3f != route %.3f", c.CoveredM, c.UncoveredM, res.Route.DistanceM)
		}
		checkDiversions(t, e, res)
		if len(res.Suggestions) == 0 || len(res.Diversions) < 10 {
			t.Errorf("%d suggestions, %d diversions", len(res.Suggestions), len(res.Diversions))
		}
	}
}

// checkDiversions: every diversion point is a route junction where a side road crosses or
// joins the route, and no detour uses a road closed when the convoy passes that junction
// or crosses the route where it is closed.
func checkDiversions(t *testing.T, e *Evaluator, res *Result) {
	t.Helper()
	g := e.Router.Graph
	onRoute := map[int32]bool{}
	routePts := map[orb.Point]bool{}
	for _, p := range res.Passes {
		onRoute[g.ArcSeg[p.Arc]] = true
		routePts[g.Points[g.Head[p.Arc]]] = true
	}
	for _, d := range res.Diversions {
		if !routePts[d.Point] || len(d.SideStreets) == 0 {
			t.Fatalf("diversion at %v is no junction of the route with a side road", d.Point)
		}
		closed := map[int32]bool{}
		closedPts := map[orb.Point]bool{}
		for _, s := range res.ClosedAt(d.Pass) {
			for _, seg := range s.Segs {
				closed[seg] = true
				for _, a := range g.SegArcs(seg) {
					closedPts[g.Points[g.Tail[a]]], closedPts[g.Points[g.Head[a]]] = true, true
				}
			}
		}
		for _, m := range d.Movements {
			for i, a := range m.Arcs {
				if closed[g.ArcSeg[a]] {
					t.Fatalf("detour at %v uses closed segment %d", d.Point, g.ArcSeg[a])
				}
				if i > 0 && closedPts[g.Points[g.Tail[a]]] {
					t.Fatalf("detour at %v crosses the closed route at %v", d.Point, g.Points[g.Tail[a]])
				}
			}
		}
	}
}

func BenchmarkEvaluateHanoi(b *testing.B) {
	e := hanoiEvaluator(b)
	p := hanoiPlan()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Evaluate(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkServiceAreaHanoi(b *testing.B) {
	e := hanoiEvaluator(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.ServiceAreas("cp-001", []float64{10}); err != nil {
			b.Fatal(err)
		}
	}
}

// perCheckpoint is the reference for NearestByRoad: one Dijkstra from every checkpoint.
func perCheckpoint(e *Evaluator, d *routing.Dijkstra, at routing.Place) []float64 {
	w := e.Router.Weights(routing.Car, routing.Duration)
	out := make([]float64, len(e.City.Checkpoints))
	for i := range e.City.Checkpoints {
		out[i] = -1
		if pl, ok := e.checkpointPlace(i); ok {
			if p, err := d.Route(w, pl, at); err == nil {
				out[i] = float64(p.Weight) / 1000
			}
		}
	}
	return out
}

func TestNearestByRoadAgainstPerCheckpointSearches(t *testing.T) {
	e := hanoiEvaluator(t)
	d := routing.NewDijkstra(e.Router.Graph)
	rng := rand.New(rand.NewPCG(77, 77))
	for range 6 {
		p := orb.Point{105.80 + rng.Float64()*0.07, 21.00 + rng.Float64()*0.035}
		hits, at, err := e.NearestByRoad(p, 10, nil, 60)
		if err != nil {
			continue // in a lake or a park
		}
		ref := perCheckpoint(e, d, at)
		for _, h := range hits {
			i := e.byID[h.Checkpoint.ID]
			if ref[i] < 0 || ref[i] != h.Seconds {
				t.Fatalf("%s: one search %.3f s, its own search %.3f s", h.Checkpoint.ID, h.Seconds, ref[i])
			}
		}
		// Nothing the reference finds sooner is missing.
		last := hits[len(hits)-1].Seconds
		for i, s := range ref {
			if s >= 0 && s < last {
				found := false
				for _, h := range hits {
					found = found || e.byID[h.Checkpoint.ID] == i
				}
				if !found {
					t.Fatalf("checkpoint %d reaches in %.1f s but is not among the nearest", i, s)
				}
			}
		}
	}
}

func BenchmarkNearestByRoadHanoi(b *testing.B) {
	e := hanoiEvaluator(b)
	p := orb.Point{105.8523, 21.0285}
	b.Run("one-search", func(b *testing.B) {
		for b.Loop() {
			e.NearestByRoad(p, 5, nil, 60)
		}
	})
	b.Run("search-per-checkpoint", func(b *testing.B) {
		d := routing.NewDijkstra(e.Router.Graph)
		at, _ := e.Router.Snapper.Snap(p, routing.DefaultSnapLimitM)
		for b.Loop() {
			perCheckpoint(e, d, at)
		}
	})
}
