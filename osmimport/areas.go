package osmimport

import (
	"fmt"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/osm"
)

// areaWay is a closed way or a multipolygon relation that is water or a park, waiting for its
// member ways (relations) and coordinates.
type areaWay struct {
	nodes        span        // closed ways: the way's nodes
	outer, inner []osm.WayID // relations: the member ways by role
	proto        geo.Area    // everything but the polygon
}

// areaKind returns the kind of area the tags describe: "water" (a lake, a pond, a reservoir, a
// river's area), "park", or "" for neither.
func areaKind(t osm.Tags) string {
	switch {
	case t.Find("natural") == "water", t.Find("waterway") == "riverbank",
		t.Find("landuse") == "reservoir", t.Find("landuse") == "basin":
		return "water"
	case t.Find("leisure") == "park":
		return "park"
	}
	return ""
}

func newArea(t osm.Tags, id string) geo.Area {
	return geo.Area{ID: id, Kind: areaKind(t), Name: name(t), NameEn: t.Find("name:en")}
}

// areaFromWay keeps a closed way that is water or a park; keep keeps its node ids.
func (im *importer) areaFromWay(w *osm.Way, keep func() span) {
	n := len(w.Nodes)
	if n < 4 || w.Nodes[0].ID != w.Nodes[n-1].ID {
		im.rep.drop("area: open way")
		return
	}
	im.areaWays = append(im.areaWays, areaWay{nodes: keep(), proto: newArea(w.Tags, fmt.Sprintf("w%d", w.ID))})
}

func isMultipolygonArea(t osm.Tags) bool {
	return t.Find("type") == "multipolygon" && areaKind(t) != ""
}

// areaFromRelation keeps a multipolygon that is water or a park; its member ways are read by
// the members pass.
func (im *importer) areaFromRelation(r *osm.Relation) {
	a := areaWay{proto: newArea(r.Tags, fmt.Sprintf("r%d", r.ID))}
	for _, m := range r.Members {
		if m.Type != osm.TypeWay {
			continue
		}
		switch m.Role {
		case "outer", "":
			a.outer = append(a.outer, osm.WayID(m.Ref))
		case "inner":
			a.inner = append(a.inner, osm.WayID(m.Ref))
		}
	}
	if len(a.outer) == 0 {
		im.rep.drop("area: relation without outer ways")
		return
	}
	im.areaRels = append(im.areaRels, a)
}

// buildAreas makes the areas' polygons, cut to the city's bound: a closed way is one ring;
// a relation's member ways are joined end to end into rings, and each inner ring goes to the
// outer ring around it. An area with a missing node, or whose ways do not close, is dropped.
func (im *importer) buildAreas(bound orb.Bound) []geo.Area {
	var out []geo.Area
	add := func(proto geo.Area, mp orb.MultiPolygon) {
		pieces := proto.Cut(bound, mp)
		if len(pieces) == 0 {
			im.rep.drop("area: outside bbox")
		}
		out = append(out, pieces...)
	}
	for _, a := range im.areaWays {
		ring, ok := im.ring(im.refs[a.nodes.start:a.nodes.end])
		if !ok {
			im.rep.drop("area: nodes missing")
			continue
		}
		add(a.proto, orb.MultiPolygon{{ring}})
	}
	for _, a := range im.areaRels {
		outer, ok1 := im.rings(a.outer)
		inner, ok2 := im.rings(a.inner)
		if !ok1 || !ok2 || len(outer) == 0 {
			im.rep.drop("area: relation's ways missing or not closed")
			continue
		}
		mp := make(orb.MultiPolygon, len(outer))
		for i, r := range outer {
			mp[i] = orb.Polygon{r}
		}
		for _, r := range inner {
			for i := range mp {
				if planar.RingContains(mp[i][0], r[0]) {
					mp[i] = append(mp[i], r)
					break
				}
			}
		}
		add(a.proto, mp)
	}
	return out
}

// rings joins the member ways into closed rings by their end nodes; ok is false when a way
// was not read or the ways do not close.
func (im *importer) rings(ways []osm.WayID) (rings []orb.Ring, ok bool) {
	var open [][]osm.NodeID
	for _, w := range ways {
		s, found := im.members[w]
		if !found || s.end-s.start < 2 {
			return nil, false
		}
		open = append(open, im.refs[s.start:s.end])
	}
	for len(open) > 0 {
		cur := append([]osm.NodeID(nil), open[0]...)
		open = open[1:]
		for cur[0] != cur[len(cur)-1] {
			last, joined := cur[len(cur)-1], false
			for i, w := range open {
				switch last {
				case w[0]:
					cur = append(cur, w[1:]...)
				case w[len(w)-1]:
					for j := len(w) - 2; j >= 0; j-- {
						cur = append(cur, w[j])
					}
				default:
					continue
				}
				open, joined = append(open[:i], open[i+1:]...), true
				break
			}
			if !joined {
				return nil, false
			}
		}
		r, ok := im.ring(cur)
		if !ok {
			return nil, false
		}
		rings = append(rings, r)
	}
	return rings, true
}

// ring returns the coordinates of a closed run of nodes; ok is false when a node is missing
// or the ring has fewer than three corners.
func (im *importer) ring(nodes []osm.NodeID) (orb.Ring, bool) {
	if len(nodes) < 4 {
		return nil, false
	}
	r := make(orb.Ring, len(nodes))
	for i, id := range nodes {
		p, ok := im.store.point(id)
		if !ok {
			return nil, false
		}
		r[i] = p
	}
	return r, true
}
