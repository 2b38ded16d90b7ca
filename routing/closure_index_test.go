package routing

import (
	"slices"
	"testing"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
)

// TestClosedArcsMatchesScan checks the closure index against a scan of every segment, for
// every road id, street name and ref of the embedded Hà Nội map.
func TestClosedArcsMatchesScan(t *testing.T) {
	cities, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	c := cities[slices.IndexFunc(cities, func(c *geo.City) bool { return c.ID == "ha-noi" })]
	r, err := NewRouter(c)
	if err != nil {
		t.Fatal(err)
	}
	g := r.Graph
	scan := func(match func(road *geo.Road) bool) []int32 {
		var arcs []int32
		for s := range g.Segs {
			if match(&g.Roads[g.Segs[s].Road]) {
				arcs = append(arcs, g.SegArcs(int32(s))...)
			}
		}
		slices.Sort(arcs)
		return arcs
	}
	n := 0
	for _, road := range c.Roads {
		for _, cl := range []Closure{{Roads: []string{road.ID}}, {Names: []string{road.Name}}, {Names: []string{road.Ref}}} {
			if len(cl.Names) > 0 && cl.Names[0] == "" {
				continue
			}
			got, err := r.ClosedArcs(cl)
			var want []int32
			if len(cl.Roads) > 0 {
				want = scan(func(rd *geo.Road) bool { return rd.ID == road.ID })
			} else {
				k := streetKey(cl.Names[0])
				want = scan(func(rd *geo.Road) bool {
					return streetKey(rd.Name) == k || geo.Fold(rd.Ref) == geo.Fold(cl.Names[0])
				})
			}
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("%+v: %d arcs (%v), the scan %d", cl, len(got), err, len(want))
			}
			n++
		}
	}
	t.Logf("%d closures compared", n)
}
