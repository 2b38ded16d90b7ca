package osmimport

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// pad is how far the computed bbox reaches beyond the data, at least, in degrees (about 100 m).
const pad = 0.001

// city assembles the city from what the passes kept.
func (im *importer) city() (*geo.City, error) {
	roads, pieces := im.buildRoads()
	for _, a := range im.areas {
		im.placeArea(im.refs[a.nodes.start:a.nodes.end], a)
	}
	for _, a := range im.multiPOIs {
		var nodes []osm.NodeID
		for _, w := range a.ways {
			if s, ok := im.members[w]; ok {
				nodes = append(nodes, im.refs[s.start:s.end]...)
			}
		}
		im.placeArea(nodes, a)
	}
	c := &geo.City{ID: im.opt.ID, Name: im.opt.Name, TimeZone: TimeZone, Attribution: Attribution,
		Roads: roads, Venues: im.venues, Checkpoints: im.checkpoints,
		Restrictions: im.buildRestrictions(roads, pieces)}
	if len(c.Roads)+len(c.Venues)+len(c.Checkpoints) == 0 {
		return nil, ErrEmpty
	}
	loc, err := time.LoadLocation(TimeZone)
	if err != nil {
		return nil, fmt.Errorf("osmimport: %w", err)
	}
	c.Location = loc
	c.Bound = im.opt.Bound
	if c.Bound.IsZero() {
		c.Bound = extent(c)
	}
	c.Centre = round7(c.Bound.Center())
	c.Areas = im.buildAreas(c.Bound)
	uniqueIDs(c)
	im.rep.Roads, im.rep.Venues, im.rep.Checkpoints = len(c.Roads), len(c.Venues), len(c.Checkpoints)
	im.rep.Restrictions, im.rep.Areas = len(c.Restrictions), len(c.Areas)
	return c, nil
}

// buildRoads cuts every road way into the runs of its nodes that are present and inside the
// bound. pieces[i] spans the roads cut from im.roads[i].
func (im *importer) buildRoads() ([]geo.Road, []span) {
	roads := make([]geo.Road, 0, len(im.roads))
	pieces := make([]span, len(im.roads))
	for i, w := range im.roads {
		lines, reason := im.cut(im.refs[w.nodes.start:w.nodes.end])
		if reason != "" {
			im.rep.drop(reason)
		}
		pieces[i] = span{start: len(roads), end: len(roads) + len(lines)}
		for k, line := range lines {
			r := w.proto
			r.ID, r.Line = fmt.Sprintf("w%d", w.id), line
			if len(lines) > 1 {
				r.ID += fmt.Sprintf("-%d", k+1)
			}
			roads = append(roads, r)
		}
	}
	return roads, pieces
}

// cut returns the runs of consecutive nodes that are present and inside the bound, without
// consecutive duplicate points, that have 2 points or more; with none, it says why.
func (im *importer) cut(refs []osm.NodeID) (lines []orb.LineString, reason string) {
	var cur orb.LineString
	present, inside := 0, 0
	flush := func() {
		if len(cur) >= 2 {
			lines = append(lines, cur)
		}
		cur = nil
	}
	for _, id := range refs {
		p, ok := im.store.point(id)
		if ok {
			present++
		}
		if !ok || !im.inside(p) {
			flush()
			continue
		}
		inside++
		if len(cur) == 0 || cur[len(cur)-1] != p {
			cur = append(cur, p)
		}
	}
	flush()
	switch {
	case len(lines) > 0:
		return lines, ""
	case present == 0:
		return nil, "road: nodes missing"
	case inside == 0:
		return nil, "road: outside bbox"
	}
	return nil, "road: fewer than 2 distinct points"
}

// placeArea places a way's or relation's venue and checkpoint at the centroid of its nodes.
func (im *importer) placeArea(nodes []osm.NodeID, a poi) {
	nodes = slices.Compact(slices.Sorted(slices.Values(nodes)))
	var sum orb.Point
	n := 0
	for _, id := range nodes {
		if p, ok := im.store.point(id); ok {
			sum[0], sum[1], n = sum[0]+p[0], sum[1]+p[1], n+1
		}
	}
	if n == 0 {
		im.rep.drop("venue or checkpoint: nodes missing")
		return
	}
	im.place(round7(orb.Point{sum[0] / float64(n), sum[1] / float64(n)}), a)
}

// uniqueIDs keeps feature ids unique across layers: the rare venue (or checkpoint,
// restriction or area) whose id an earlier layer already has is renamed with a layer prefix.
func uniqueIDs(c *geo.City) {
	used := make(map[string]bool, len(c.Roads)+len(c.Venues))
	for _, r := range c.Roads {
		used[r.ID] = true
	}
	fix := func(id *string, prefix string) {
		for used[*id] {
			*id = prefix + *id
		}
		used[*id] = true
	}
	for i := range c.Venues {
		fix(&c.Venues[i].ID, "venue-")
	}
	for i := range c.Checkpoints {
		fix(&c.Checkpoints[i].ID, "checkpoint-")
	}
	for i := range c.Restrictions {
		fix(&c.Restrictions[i].ID, "restriction-")
	}
	for i := range c.Areas {
		fix(&c.Areas[i].ID, "area-")
	}
}

// extent is the bound of every feature of c, padded and kept within WGS 84.
func extent(c *geo.City) orb.Bound {
	inf := math.Inf(1)
	b := orb.Bound{Min: orb.Point{inf, inf}, Max: orb.Point{-inf, -inf}}
	for _, r := range c.Roads {
		for _, p := range r.Line {
			b = b.Extend(p)
		}
	}
	for _, v := range c.Venues {
		b = b.Extend(v.Point)
	}
	for _, cp := range c.Checkpoints {
		b = b.Extend(cp.Point)
	}
	// pad, round outwards to 1e-4 degrees (about 10 m) for a readable city.json, clamp
	b = b.Pad(pad)
	// (x*1e7 is rounded first, so that 105.83 - 0.001 floors to 105.829, not 105.8289)
	down := func(x, lo float64) float64 { return max(math.Floor(math.Round(x*1e7)/1e3)/1e4, lo) }
	up := func(x, hi float64) float64 { return min(math.Ceil(math.Round(x*1e7)/1e3)/1e4, hi) }
	b.Min = orb.Point{down(b.Min[0], -180), down(b.Min[1], -90)}
	b.Max = orb.Point{up(b.Max[0], 180), up(b.Max[1], 90)}
	return b
}
