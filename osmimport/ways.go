package osmimport

import (
	"fmt"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/osm"
)

// span is a run of importer.refs: the node ids of one way.
type span struct{ start, end int }

// roadWay is a road way kept by the first pass, waiting for its coordinates.
type roadWay struct {
	id    osm.WayID
	nodes span
	proto geo.Road // everything but ID and Line
}

// poi is a node, closed way or multipolygon relation that is a venue, a checkpoint or both.
// The point of a way or relation is the centroid of its nodes.
type poi struct {
	nodes span        // closed ways: the way's nodes
	ways  []osm.WayID // relations: the outer member ways
	venue *geo.Venue
	cp    *geo.Checkpoint
}

// wayPass is the first pass: roads, venue and checkpoint areas, turn restrictions.
func (im *importer) wayPass() pass {
	return pass{
		phase: PhaseWays,
		filterWay: func(w *osm.Way) bool {
			im.ways.Add(1)
			return w.Tags.Find("highway") != "" || interesting(w.Tags) || areaKind(w.Tags) != ""
		},
		filterRel: func(r *osm.Relation) bool {
			im.relations.Add(1)
			return isRestriction(r.Tags) || isMultipolygonPOI(r.Tags) || isMultipolygonArea(r.Tags)
		},
		handle: func(o osm.Object) {
			switch o := o.(type) {
			case *osm.Way:
				im.way(o)
			case *osm.Relation:
				if isRestriction(o.Tags) {
					im.restriction(o)
					return
				}
				if isMultipolygonPOI(o.Tags) {
					im.multiPOI(o)
				}
				if isMultipolygonArea(o.Tags) {
					im.areaFromRelation(o)
				}
			}
		},
	}
}

func (im *importer) addRefs(ns osm.WayNodes) span {
	s := span{start: len(im.refs)}
	for _, n := range ns {
		im.refs = append(im.refs, n.ID)
	}
	s.end = len(im.refs)
	return s
}

func (im *importer) way(w *osm.Way) {
	r, isRoad, reason := road(w.Tags)
	if reason != "" {
		im.rep.drop(reason)
	}
	// The way's node ids, added to im.refs once however many features share them.
	var nodes span
	kept := false
	keep := func() span {
		if !kept {
			nodes, kept = im.addRefs(w.Nodes), true
		}
		return nodes
	}
	if isRoad {
		im.roads = append(im.roads, roadWay{id: w.ID, nodes: keep(), proto: r})
	}
	if areaKind(w.Tags) != "" {
		im.areaFromWay(w, keep)
	}
	if !interesting(w.Tags) {
		return
	}
	n := len(w.Nodes)
	if n < 3 || w.Nodes[0].ID != w.Nodes[n-1].ID {
		im.rep.drop("venue or checkpoint: open way")
		return
	}
	a, ok := im.newPOI(w.Tags, fmt.Sprintf("w%d", w.ID))
	if !ok {
		return
	}
	a.nodes = keep()
	im.areas = append(im.areas, a)
}

// newPOI reads an element's tags as a venue and a checkpoint; ok is false when it is neither.
func (im *importer) newPOI(t osm.Tags, id string) (a poi, ok bool) {
	if v, ok, reason := venue(t, id); ok {
		a.venue = &v
	} else if reason != "" {
		im.rep.drop(reason)
	}
	if cp, ok := checkpoint(t, id); ok {
		a.cp = &cp
	}
	return a, a.venue != nil || a.cp != nil
}

func isMultipolygonPOI(t osm.Tags) bool { return t.Find("type") == "multipolygon" && interesting(t) }

// multiPOI keeps a venue multipolygon; its outer ways are read by the members pass.
func (im *importer) multiPOI(r *osm.Relation) {
	a, ok := im.newPOI(r.Tags, fmt.Sprintf("r%d", r.ID))
	if !ok {
		return
	}
	for _, m := range r.Members {
		if m.Type == osm.TypeWay && (m.Role == "outer" || m.Role == "") {
			a.ways = append(a.ways, osm.WayID(m.Ref))
		}
	}
	if len(a.ways) == 0 {
		im.rep.drop("venue or checkpoint: relation without outer ways")
		return
	}
	im.multiPOIs = append(im.multiPOIs, a)
}

// memberPass reads the node lists of the venue multipolygons' outer ways and of the water
// and park multipolygons' ways.
func (im *importer) memberPass() pass {
	want := map[osm.WayID]bool{}
	for _, a := range im.multiPOIs {
		for _, w := range a.ways {
			want[w] = true
		}
	}
	for _, a := range im.areaRels {
		for _, w := range append(a.outer, a.inner...) {
			want[w] = true
		}
	}
	im.members = make(map[osm.WayID]span, len(want))
	return pass{
		phase:     PhaseMembers,
		filterWay: func(w *osm.Way) bool { return want[w.ID] },
		handle: func(o osm.Object) {
			if w, ok := o.(*osm.Way); ok {
				im.members[w.ID] = im.addRefs(w.Nodes)
			}
		},
	}
}
