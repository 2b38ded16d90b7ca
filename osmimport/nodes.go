package osmimport

import (
	"fmt"
	"math"
	"slices"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// nodeStore holds the coordinates of the nodes an import needs: sorted ids and, beside them,
// coordinates in fixed point (1e-7 degrees, OSM's own precision): 16 bytes a node.
type nodeStore struct {
	ids []osm.NodeID
	pts [][2]int32 // lon, lat; missing until the node is read
}

const missing = math.MinInt32

func newNodeStore(ids []osm.NodeID) *nodeStore {
	slices.Sort(ids)
	ids = slices.Clip(slices.Compact(ids))
	pts := make([][2]int32, len(ids))
	for i := range pts {
		pts[i] = [2]int32{missing, missing}
	}
	return &nodeStore{ids: ids, pts: pts}
}

// has reports whether the node is needed. It only reads, so decoders may call it concurrently.
func (s *nodeStore) has(id osm.NodeID) bool {
	_, ok := slices.BinarySearch(s.ids, id)
	return ok
}

// set records a needed node's coordinates; others are ignored.
func (s *nodeStore) set(id osm.NodeID, p orb.Point) {
	if i, ok := slices.BinarySearch(s.ids, id); ok {
		s.pts[i] = [2]int32{int32(math.Round(p[0] * 1e7)), int32(math.Round(p[1] * 1e7))}
	}
}

// point returns a node's coordinates, false when the node is not in the file.
func (s *nodeStore) point(id osm.NodeID) (orb.Point, bool) {
	i, ok := slices.BinarySearch(s.ids, id)
	if !ok || s.pts[i][0] == missing {
		return orb.Point{}, false
	}
	return orb.Point{float64(s.pts[i][0]) / 1e7, float64(s.pts[i][1]) / 1e7}, true
}

// round7 rounds a point to OSM's 7 decimals, as the store keeps it.
func round7(p orb.Point) orb.Point {
	return orb.Round(p, 1e7).(orb.Point)
}

// neededNodes lists the nodes of the kept ways and the restrictions' via nodes.
func (im *importer) neededNodes() []osm.NodeID {
	ids := make([]osm.NodeID, 0, len(im.refs)+len(im.restrictions))
	ids = append(ids, im.refs...)
	for _, r := range im.restrictions {
		ids = append(ids, r.via)
	}
	return ids
}

// nodePass is the last pass: the coordinates of the needed nodes, and the tagged nodes that
// are venues or checkpoints.
func (im *importer) nodePass() pass {
	s := im.store
	return pass{
		phase: PhaseNodes,
		filterNode: func(n *osm.Node) bool {
			im.nodes.Add(1)
			return s.has(n.ID) || interesting(n.Tags)
		},
		handle: func(o osm.Object) {
			n, ok := o.(*osm.Node)
			if !ok {
				return
			}
			p := orb.Point{n.Lon, n.Lat}
			if !geo.ValidPoint(p) {
				im.rep.drop("node: invalid coordinates")
				return
			}
			s.set(n.ID, p)
			if interesting(n.Tags) {
				id := fmt.Sprintf("n%d", n.ID)
				a, ok := im.newPOI(n.Tags, id)
				if ok {
					im.place(round7(p), a)
				}
			}
		},
	}
}

// place adds a poi's venue and checkpoint at p, unless p lies outside the bound.
func (im *importer) place(p orb.Point, a poi) {
	if !im.inside(p) {
		if a.venue != nil {
			im.rep.drop("venue: outside bbox")
		}
		if a.cp != nil {
			im.rep.drop("checkpoint: outside bbox")
		}
		return
	}
	if a.venue != nil {
		v := *a.venue
		v.Point = p
		im.venues = append(im.venues, v)
	}
	if a.cp != nil {
		cp := *a.cp
		cp.Point = p
		im.checkpoints = append(im.checkpoints, cp)
	}
}

// inside reports whether p lies in the import's bound (everything does without one).
func (im *importer) inside(p orb.Point) bool {
	return im.opt.Bound.IsZero() || im.opt.Bound.Contains(p)
}
