package osmimport

import (
	"fmt"
	"slices"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// restriction is a turn restriction relation kept by the first pass.
type restriction struct {
	id       osm.RelationID
	kind     string
	from, to osm.WayID
	via      osm.NodeID
}

func isRestriction(t osm.Tags) bool { return t.Find("type") == "restriction" }

// restriction keeps a turn restriction relation, or counts why it cannot be imported.
func (im *importer) restriction(r *osm.Relation) {
	rs, reason := parseRestriction(r)
	if reason != "" {
		im.skipRestriction(reason)
		return
	}
	im.restrictions = append(im.restrictions, rs)
}

func (im *importer) skipRestriction(reason string) {
	im.rep.SkippedRestrictions++
	im.rep.drop("restriction: " + reason)
}

// parseRestriction reads a restriction from one from way, via one node, to one to way.
// restriction:motorcar, when it holds a known kind, overrides restriction.
func parseRestriction(r *osm.Relation) (restriction, string) {
	rs := restriction{id: r.ID, kind: r.Tags.Find("restriction:motorcar")}
	if !geo.ValidRestrictionKind(rs.kind) {
		rs.kind = r.Tags.Find("restriction")
	}
	if !geo.ValidRestrictionKind(rs.kind) {
		return rs, "unsupported kind"
	}
	if slices.Contains(strings.Split(r.Tags.Find("except"), ";"), "motorcar") {
		return rs, "cars excepted"
	}
	var from, via, to []osm.Member
	for _, m := range r.Members {
		switch m.Role {
		case "from":
			from = append(from, m)
		case "via":
			via = append(via, m)
		case "to":
			to = append(to, m)
		}
	}
	for _, m := range via {
		if m.Type == osm.TypeWay {
			return rs, "via way"
		}
	}
	if len(from) != 1 || len(via) != 1 || len(to) != 1 ||
		from[0].Type != osm.TypeWay || via[0].Type != osm.TypeNode || to[0].Type != osm.TypeWay {
		return rs, "want one from way, one via node, one to way"
	}
	rs.from, rs.via, rs.to = osm.WayID(from[0].Ref), osm.NodeID(via[0].Ref), osm.WayID(to[0].Ref)
	return rs, ""
}

// buildRestrictions resolves the restrictions against the built roads: pieces[i] are the
// roads (indices into roads) cut from im.roads[i].
func (im *importer) buildRestrictions(roads []geo.Road, pieces []span) []geo.Restriction {
	if len(im.restrictions) == 0 {
		return nil
	}
	ways := map[osm.WayID]int{}
	for _, r := range im.restrictions {
		ways[r.from], ways[r.to] = -1, -1
	}
	for i, w := range im.roads {
		if _, ok := ways[w.id]; ok {
			ways[w.id] = i
		}
	}
	// road returns the road cut from way w that passes through via.
	road := func(w osm.WayID, via orb.Point) (string, string) {
		i := ways[w]
		if i < 0 || pieces[i].start == pieces[i].end {
			return "", "road not kept"
		}
		for _, r := range roads[pieces[i].start:pieces[i].end] {
			if slices.Contains(r.Line, via) {
				return r.ID, ""
			}
		}
		return "", "via node not on the road"
	}
	var out []geo.Restriction
	for _, rs := range im.restrictions {
		via, ok := im.store.point(rs.via)
		if !ok || !im.inside(via) {
			im.skipRestriction("via node missing or outside bbox")
			continue
		}
		from, reason := road(rs.from, via)
		to, reason2 := road(rs.to, via)
		if reason == "" {
			reason = reason2
		}
		if reason != "" {
			im.skipRestriction(reason)
			continue
		}
		out = append(out, geo.Restriction{ID: fmt.Sprintf("r%d", rs.id), Kind: rs.kind, From: from, To: to, Via: via})
	}
	return out
}
