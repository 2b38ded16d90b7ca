package routing

import (
	"slices"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// crossCity is a junction J with four arms (west, east, north, south) and two short loops
// joining the ends of east-north and east-south, so a forbidden turn at J has a detour.
func crossCity(rs ...geo.Restriction) *geo.City {
	j := orb.Point{105.800, 21.000}
	w, e := orb.Point{105.799, 21.000}, orb.Point{105.801, 21.000}
	n, s := orb.Point{105.800, 21.001}, orb.Point{105.800, 20.999}
	road := func(id string, line ...orb.Point) geo.Road {
		return geo.Road{ID: id, Highway: "secondary", Line: line}
	}
	return &geo.City{ID: "cross", Roads: []geo.Road{
		road("west", orb.Point{105.795, 21.000}, w, j),
		road("east", j, e),
		road("north", j, n, orb.Point{105.800, 21.005}),
		road("south", j, s, orb.Point{105.800, 20.995}),
		road("loop-n", e, n), // diagonals: shorter than a U-turn at e
		road("loop-s", e, s),
	}, Restrictions: rs}
}

// roadsOf returns the road ids a path drives, without repeats in a row.
func roadsOf(g *Graph, p Path) []string {
	var ids []string
	for _, a := range p.Arcs {
		id := g.Road(a).ID
		if len(ids) == 0 || ids[len(ids)-1] != id {
			ids = append(ids, id)
		}
	}
	return ids
}

func TestTurnRestrictions(t *testing.T) {
	via := orb.Point{105.800, 21.000}
	tests := []struct {
		name     string
		rs       []geo.Restriction
		from, to string
		want     []string
	}{
		{"no restriction", nil, "west", "north", []string{"west", "north"}},
		{"no_left_turn", []geo.Restriction{{ID: "t1", Kind: "no_left_turn", From: "west", To: "north", Via: via}},
			"west", "north", []string{"west", "east", "loop-n", "north"}},
		{"other turns stay open", []geo.Restriction{{ID: "t1", Kind: "no_left_turn", From: "west", To: "north", Via: via}},
			"west", "south", []string{"west", "south"}},
		{"only_straight_on", []geo.Restriction{{ID: "t2", Kind: "only_straight_on", From: "west", To: "east", Via: via}},
			"west", "south", []string{"west", "east", "loop-s", "south"}},
		{"only applies to its from road", []geo.Restriction{{ID: "t2", Kind: "only_straight_on", From: "west", To: "east", Via: via}},
			"north", "south", []string{"north", "south"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Build(crossCity(tt.rs...))
			if err != nil {
				t.Fatal(err)
			}
			src, dst := placeOnRoad(t, g, tt.from), placeOnRoad(t, g, tt.to)
			w := g.Weights(Car, Distance)
			ref, err := NewDijkstra(g).Route(w, src, dst)
			if err != nil {
				t.Fatal(err)
			}
			c := NewCCH(g, Order(g))
			got, err := NewQuery(c).Route(c.Customize(w), src, dst)
			if err != nil {
				t.Fatal(err)
			}
			if got.Weight != ref.Weight {
				t.Errorf("hierarchy %d, reference %d", got.Weight, ref.Weight)
			}
			for _, p := range []Path{ref, got} {
				if r := roadsOf(g, p); !slices.Equal(r, tt.want) {
					t.Errorf("route drives %v, want %v", r, tt.want)
				}
			}
		})
	}
}

// placeOnRoad returns the middle of a road's last segment (the outer end of an arm).
func placeOnRoad(t *testing.T, g *Graph, id string) Place {
	t.Helper()
	seg := int32(-1)
	for s := range g.Segs {
		if g.Roads[g.Segs[s].Road].ID == id {
			seg = int32(s) // segments come in road order: the last is the outer end
		}
	}
	if seg < 0 {
		t.Fatalf("no road %s", id)
	}
	return Place{Seg: seg, T: 0.5}
}

func TestOneway(t *testing.T) {
	c := crossCity()
	c.Roads[1].Oneway = geo.OnewayBackward // east: only towards J
	g, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	src, dst := placeOnRoad(t, g, "west"), placeOnRoad(t, g, "loop-n")
	p, err := NewDijkstra(g).Route(g.Weights(Car, Distance), src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if r := roadsOf(g, p); !slices.Equal(r, []string{"west", "north", "loop-n"}) {
		t.Errorf("route drives %v, want west, north, loop-n (east is one-way towards the junction)", r)
	}
}

func TestBuildDropsWhatCannotBeDriven(t *testing.T) {
	c := crossCity()
	// A one-way spur that leads out of the network and never back.
	c.Roads = append(c.Roads, geo.Road{ID: "trap", Highway: "residential", Oneway: geo.OnewayForward,
		Line: orb.LineString{{105.795, 21.000}, {105.794, 21.001}}})
	c.Roads = append(c.Roads, geo.Road{ID: "walk", Highway: "pedestrian",
		Line: orb.LineString{{105.800, 21.005}, {105.801, 21.006}}})
	g, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	if g.Dropped.Vertices != 1 || g.Dropped.Segments != 1 {
		t.Errorf("dropped %+v, want the trap's end vertex and segment", g.Dropped)
	}
	for s := range g.Segs {
		if id := g.Roads[g.Segs[s].Road].ID; id == "trap" || id == "walk" {
			t.Errorf("segment of %s kept", id)
		}
	}
}

// TestRoundabout: a one-way ring turning anticlockwise (as traffic keeps right) with four
// arms. From the west arm to the north arm the route must go three quarters round the ring,
// by the south and the east, never against the ring.
func TestRoundabout(t *testing.T) {
	c0 := orb.Point{105.800, 21.000}
	const r = 0.0005 // about 50 m
	e, n := orb.Point{c0[0] + r, c0[1]}, orb.Point{c0[0], c0[1] + r}
	w, s := orb.Point{c0[0] - r, c0[1]}, orb.Point{c0[0], c0[1] - r}
	ring := func(id string, a, b orb.Point) geo.Road {
		mid := orb.Point{(a[0]+b[0])/2 + (a[0]+b[0]-2*c0[0])*0.2, (a[1]+b[1])/2 + (a[1]+b[1]-2*c0[1])*0.2}
		return geo.Road{ID: id, Highway: "primary", Name: "Vòng xuyến", Oneway: geo.OnewayForward, Line: orb.LineString{a, mid, b}}
	}
	arm := func(id string, at orb.Point, dx, dy float64) geo.Road {
		return geo.Road{ID: id, Highway: "primary", Name: id, Line: orb.LineString{at, {at[0] + dx, at[1] + dy}}}
	}
	city := &geo.City{ID: "roundabout", Roads: []geo.Road{
		ring("ring-en", e, n), ring("ring-nw", n, w), ring("ring-ws", w, s), ring("ring-se", s, e),
		arm("arm-e", e, 0.003, 0), arm("arm-n", n, 0, 0.003), arm("arm-w", w, -0.003, 0), arm("arm-s", s, 0, -0.003),
	}}
	g, err := Build(city)
	if err != nil {
		t.Fatal(err)
	}
	src, dst := placeOnRoad(t, g, "arm-w"), placeOnRoad(t, g, "arm-n")
	w8 := g.Weights(Car, Distance)
	ref, err := NewDijkstra(g).Route(w8, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCCH(g, Order(g))
	got, err := NewQuery(c).Route(c.Customize(w8), src, dst)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"arm-w", "ring-ws", "ring-se", "ring-en", "arm-n"}
	for _, p := range []Path{ref, got} {
		if r := roadsOf(g, p); !slices.Equal(r, want) {
			t.Errorf("route drives %v, want %v", r, want)
		}
	}
	if got.Weight != ref.Weight {
		t.Errorf("hierarchy %d, reference %d", got.Weight, ref.Weight)
	}
}
