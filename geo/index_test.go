package geo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// hanoi is the area the random tests and benchmarks use.
var hanoi = orb.Bound{Min: orb.Point{105.70, 20.90}, Max: orb.Point{105.95, 21.25}}

func randPoint(r *rand.Rand, b orb.Bound) orb.Point {
	return orb.Point{b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1])}
}

// randIndex fills an index with n random checkpoints of random kinds; it also returns them.
func randIndex(tb testing.TB, r *rand.Rand, n int) (*Index, map[string]Item) {
	ix := NewIndex(hanoi.Center())
	items := make(map[string]Item, n)
	for i := range n {
		it := Item{ID: fmt.Sprintf("c%07d", i), Layer: LayerCheckpoints,
			Kind: CheckpointKinds[r.IntN(len(CheckpointKinds))], Point: randPoint(r, hanoi)}
		if err := ix.Insert(it); err != nil {
			tb.Fatal(err)
		}
		items[it.ID] = it
	}
	return ix, items
}

// bruteNearest is the reference: haversine to every item, the k smallest kept in order.
func bruteNearest(items map[string]Item, p orb.Point, q Query) []Hit {
	list := make([]Item, 0, len(items))
	for _, it := range items {
		list = append(list, it)
	}
	return bruteNearestList(list, p, q)
}

func bruteNearestList(items []Item, p orb.Point, q Query) []Hit {
	var out []Hit
	for _, it := range items {
		if it.Layer != q.Layer || (len(q.Kinds) > 0 && !slices.Contains(q.Kinds, it.Kind)) {
			continue
		}
		d := Distance(p, it.Point)
		if q.WithinM > 0 && d > q.WithinM {
			continue
		}
		if q.K > 0 && len(out) == q.K && d >= out[q.K-1].DistanceM {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, d, func(h Hit, d float64) int { return cmp.Compare(h.DistanceM, d) })
		out = slices.Insert(out, i, Hit{Item: it, DistanceM: d})
		if q.K > 0 && len(out) > q.K {
			out = out[:q.K]
		}
	}
	return out
}

func sameHits(got, want []Hit) error {
	if len(got) != len(want) {
		return fmt.Errorf("got %d hits, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i].ID {
			return fmt.Errorf("hit %d: got %s at %.6f m, want %s at %.6f m", i, got[i].ID, got[i].DistanceM, want[i].ID, want[i].DistanceM)
		}
		if math.Abs(got[i].DistanceM-want[i].DistanceM) > 1e-6*max(1, want[i].DistanceM) {
			return fmt.Errorf("hit %d (%s): distance %.9f, want %.9f", i, got[i].ID, got[i].DistanceM, want[i].DistanceM)
		}
	}
	return nil
}

func TestNearestMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ix, byID := randIndex(t, r, 10_000)
	items := make([]Item, 0, len(byID))
	for _, it := range byID {
		items = append(items, it)
	}
	wide := orb.Bound{Min: orb.Point{hanoi.Min[0] - 0.5, hanoi.Min[1] - 0.5}, Max: orb.Point{hanoi.Max[0] + 0.5, hanoi.Max[1] + 0.5}}
	mismatches := 0
	for i := range 10_000 {
		p := randPoint(r, hanoi)
		if i%10 == 0 {
			p = randPoint(r, wide) // queries outside the data too
		}
		q := Query{Layer: LayerCheckpoints, K: 1 + r.IntN(20)}
		switch i % 4 {
		case 1:
			q.Kinds = []string{CheckpointKinds[r.IntN(len(CheckpointKinds))]}
		case 2:
			q.WithinM = 50 + r.Float64()*1500
		case 3:
			q.K, q.WithinM = 0, 50+r.Float64()*300 // radius query: all within
		}
		if err := sameHits(ix.Nearest(p, q), bruteNearestList(items, p, q)); err != nil {
			mismatches++
			if mismatches <= 5 {
				t.Errorf("query %d at %v %+v: %v", i, p, q, err)
			}
		}
	}
	if mismatches > 0 {
		t.Fatalf("%d of 10000 queries differ from brute-force haversine", mismatches)
	}
}

func TestNearestFarAndPolar(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix, items := randIndex(t, r, 2_000)
	for _, p := range []orb.Point{{0, 0}, {105.8, 89.9}, {-179.9, -60}, {106.5, 21.0}, {105.8, 30}} {
		q := Query{Layer: LayerCheckpoints, K: 7}
		if err := sameHits(ix.Nearest(p, q), bruteNearest(items, p, q)); err != nil {
			t.Errorf("query at %v: %v", p, err)
		}
	}
}

func TestIndexUpdates(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ix, items := randIndex(t, r, 3_000)
	ids := func() []string {
		out := make([]string, 0, len(items))
		for id := range items {
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	next := len(items)
	for step := range 3_000 {
		all := ids()
		switch step % 3 {
		case 0: // insert
			it := Item{ID: fmt.Sprintf("n%07d", next), Layer: LayerCheckpoints, Kind: "camera", Point: randPoint(r, hanoi)}
			next++
			if err := ix.Insert(it); err != nil {
				t.Fatal(err)
			}
			items[it.ID] = it
		case 1: // move
			id := all[r.IntN(len(all))]
			p := randPoint(r, hanoi)
			if err := ix.Move(id, p); err != nil {
				t.Fatal(err)
			}
			it := items[id]
			it.Point = p
			items[id] = it
		case 2: // delete
			id := all[r.IntN(len(all))]
			if err := ix.Delete(id); err != nil {
				t.Fatal(err)
			}
			delete(items, id)
		}
		if step%50 == 0 {
			p := randPoint(r, hanoi)
			q := Query{Layer: LayerCheckpoints, K: 10}
			if err := sameHits(ix.Nearest(p, q), bruteNearest(items, p, q)); err != nil {
				t.Fatalf("after %d updates: %v", step, err)
			}
		}
	}
	if ix.Len() != len(items) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(items))
	}
	// Every item is found where it is, and nowhere else.
	for id, it := range items {
		got, ok := ix.Get(id)
		if !ok || got != it {
			t.Fatalf("Get(%s) = %+v, %v; want %+v", id, got, ok, it)
		}
	}
	if n := len(ix.InBound(hanoi, LayerCheckpoints, nil)); n != len(items) {
		t.Fatalf("InBound(all) = %d items, want %d", n, len(items))
	}
}

func TestIndexErrors(t *testing.T) {
	ix := NewIndex(orb.Point{105.85, 21})
	it := Item{ID: "a", Kind: "camera", Point: orb.Point{105.8, 21}}
	if err := ix.Insert(it); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"duplicate", ix.Insert(it), ErrDuplicateID},
		{"NaN insert", ix.Insert(Item{ID: "b", Point: orb.Point{math.NaN(), 21}}), ErrInvalidPoint},
		{"out of range insert", ix.Insert(Item{ID: "b", Point: orb.Point{105, 91}}), ErrInvalidPoint},
		{"move unknown", ix.Move("zz", orb.Point{105, 21}), ErrNotFound},
		{"move to NaN", ix.Move("a", orb.Point{105, math.Inf(1)}), ErrInvalidPoint},
		{"delete unknown", ix.Delete("zz"), ErrNotFound},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	if got, ok := ix.Get("a"); !ok || got != it {
		t.Errorf("failed updates changed the index: %+v", got)
	}
}

func TestInBoundMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ix, items := randIndex(t, r, 5_000)
	for range 500 {
		a, b := randPoint(r, hanoi), randPoint(r, hanoi)
		bound := orb.Bound{Min: a, Max: a}.Extend(b)
		kinds := []string(nil)
		if r.IntN(2) == 0 {
			kinds = []string{"camera", "medical"}
		}
		var want []string
		for id, it := range items {
			if bound.Contains(it.Point) && (kinds == nil || slices.Contains(kinds, it.Kind)) {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		var got []string
		for _, it := range ix.InBound(bound, LayerCheckpoints, kinds) {
			got = append(got, it.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("InBound(%v, %v): got %d items, want %d", bound, kinds, len(got), len(want))
		}
	}
}

func TestNearestLayersAndKinds(t *testing.T) {
	ix := NewIndex(orb.Point{105.85, 21})
	p := orb.Point{105.85, 21.03}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ix.Insert(Item{ID: "v", Layer: LayerVenues, Kind: "hotel", Point: p}))
	must(ix.Insert(Item{ID: "c", Layer: LayerCheckpoints, Kind: "camera", Point: orb.Point{105.851, 21.03}}))
	must(ix.Insert(Item{ID: "t", Layer: LayerCheckpoints, Kind: "traffic_post", Point: orb.Point{105.86, 21.03}}))
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"checkpoints only", Query{Layer: LayerCheckpoints, K: 5}, []string{"c", "t"}},
		{"venues only", Query{Layer: LayerVenues, K: 5}, []string{"v"}},
		{"kind filter", Query{Layer: LayerCheckpoints, K: 5, Kinds: []string{"traffic_post"}}, []string{"t"}},
		{"unknown kind", Query{Layer: LayerCheckpoints, K: 5, Kinds: []string{"nope"}}, nil},
		{"within", Query{Layer: LayerCheckpoints, WithinM: 500}, []string{"c"}},
		{"k=1", Query{Layer: LayerCheckpoints, K: 1}, []string{"c"}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range ix.Nearest(p, tt.q) {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	h := ix.Nearest(p, Query{Layer: LayerCheckpoints, K: 1})[0]
	if math.Abs(h.Bearing-90) > 0.1 || math.Abs(h.DistanceM-104) > 1 {
		t.Errorf("hit = %+v, want about 104 m due east", h)
	}
}

func benchmarkNearest(b *testing.B, n int) {
	r := rand.New(rand.NewPCG(9, 10))
	ix, _ := randIndex(b, r, n)
	qs := make([]orb.Point, 4096)
	for i := range qs {
		qs[i] = randPoint(r, hanoi)
	}
	q := Query{Layer: LayerCheckpoints, K: 5}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if len(ix.Nearest(qs[i%len(qs)], q)) != 5 {
			b.Fatal("short answer")
		}
		i++
	}
}

// BenchmarkNearest100k is k=5 over 100,000 checkpoints.
func BenchmarkNearest100k(b *testing.B) { benchmarkNearest(b, 100_000) }

// BenchmarkNearest1M is k=5 over 1,000,000 checkpoints.
func BenchmarkNearest1M(b *testing.B) { benchmarkNearest(b, 1_000_000) }

// BenchmarkNearestBrute100k is the brute-force reference for BenchmarkNearest100k.
func BenchmarkNearestBrute100k(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	_, byID := randIndex(b, r, 100_000)
	items := make([]Item, 0, len(byID))
	for _, it := range byID {
		items = append(items, it)
	}
	q := Query{Layer: LayerCheckpoints, K: 5}
	b.ReportAllocs()
	for b.Loop() {
		bruteNearestList(items, randPoint(r, hanoi), q)
	}
}
