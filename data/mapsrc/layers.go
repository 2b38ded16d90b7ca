package mapsrc

import (
	"fmt"
	"strconv"

	"github.com/chotmap/chot/geo"
)

var roadAttrs = map[string]bool{"highway": true, "name": true, "ref": true, "oneway": true,
	"maxspeed": true, "lanes": true, "bridge": true}

func (c *compiler) roadLine(s statement) error {
	if len(s.args) != 1 || s.points == nil {
		return fmt.Errorf("want: road <id> highway=<class> ... : <point> <point> ...")
	}
	if err := known(s, roadAttrs); err != nil {
		return err
	}
	r := road{line: s.line, proto: geo.Road{ID: s.args[0], Highway: s.attrs["highway"],
		Name: s.attrs["name"], Ref: s.attrs["ref"]}}
	switch s.attrs["oneway"] {
	case "", "no":
	case "yes":
		r.proto.Oneway = geo.OnewayForward
	case "-1":
		r.proto.Oneway = geo.OnewayBackward
	default:
		return fmt.Errorf("oneway: want yes, no or -1, got %q", s.attrs["oneway"])
	}
	var err error
	if r.proto.MaxSpeed, err = intAttr(s, "maxspeed"); err != nil {
		return err
	}
	if r.proto.Lanes, err = intAttr(s, "lanes"); err != nil {
		return err
	}
	r.proto.Bridge = s.attrs["bridge"] == "yes"
	r.points = parsePoints(s.points)
	if len(r.points) < 2 {
		return fmt.Errorf("road %s: want at least 2 points", r.proto.ID)
	}
	c.roads = append(c.roads, r)
	return nil
}

// parsePoints reads point tokens: an inline lat,lon, or else a node id.
func parsePoints(tokens []string) []point {
	pts := make([]point, len(tokens))
	for i, t := range tokens {
		if p, err := latLon(t); err == nil {
			pts[i] = point{p: p}
		} else {
			pts[i] = point{node: t}
		}
	}
	return pts
}

func known(s statement, allowed map[string]bool) error {
	for k := range s.attrs {
		if !allowed[k] {
			return fmt.Errorf("unknown attribute %q", k)
		}
	}
	return nil
}

func (c *compiler) venueLine(s statement) error {
	if len(s.args) != 1 {
		return fmt.Errorf("want: venue <id> kind=<kind> name=\"...\" at=<lat>,<lon>")
	}
	if err := known(s, map[string]bool{"kind": true, "name": true, "name_en": true, "at": true}); err != nil {
		return err
	}
	p, err := latLon(s.attrs["at"])
	if err != nil {
		return fmt.Errorf("venue %s: at: %v", s.args[0], err)
	}
	c.city.Venues = append(c.city.Venues, geo.Venue{ID: s.args[0], Kind: s.attrs["kind"],
		Name: s.attrs["name"], NameEn: s.attrs["name_en"], Point: p})
	return nil
}

func (c *compiler) checkpointLine(s statement) error {
	if len(s.args) != 1 {
		return fmt.Errorf("want: checkpoint <id> kind=<kind> name=\"...\" unit=\"...\" officers=<n> radius_m=<m> at=<node|lat,lon>")
	}
	allowed := map[string]bool{"kind": true, "name": true, "unit": true, "officers": true,
		"radius_m": true, "at": true, "note": true}
	if err := known(s, allowed); err != nil {
		return err
	}
	cp := geo.Checkpoint{ID: s.args[0], Kind: s.attrs["kind"], Name: s.attrs["name"],
		Unit: s.attrs["unit"], Note: s.attrs["note"]}
	var err error
	if cp.Officers, err = intAttr(s, "officers"); err != nil {
		return err
	}
	if cp.RadiusM, err = strconv.ParseFloat(s.attrs["radius_m"], 64); err != nil {
		return fmt.Errorf("radius_m: want a number, got %q", s.attrs["radius_m"])
	}
	c.pending = append(c.pending, pendingCheckpoint{line: s.line, cp: cp, at: s.attrs["at"]})
	return nil
}

// finish resolves node references, splits roads into ways, resolves checkpoint sites and
// makes the areas.
func (c *compiler) finish() error {
	if c.city.ID == "" || !c.bbox {
		return fmt.Errorf("want a city line and a bbox line")
	}
	uses := map[string]int{}
	for _, r := range c.roads {
		for _, p := range r.points {
			if p.node == "" {
				continue
			}
			if _, ok := c.nodes[p.node]; !ok {
				return fmt.Errorf("line %d: road %s: unknown node %q", r.line, r.proto.ID, p.node)
			}
			uses[p.node]++
		}
	}
	for _, r := range c.roads {
		c.city.Roads = append(c.city.Roads, c.split(r, uses)...)
	}
	for _, pc := range c.pending {
		p, ok := c.nodes[pc.at]
		if !ok {
			var err error
			if p, err = latLon(pc.at); err != nil {
				return fmt.Errorf("line %d: checkpoint %s: at: want a node id or <lat>,<lon>, got %q", pc.line, pc.cp.ID, pc.at)
			}
		}
		pc.cp.Point = p
		c.city.Checkpoints = append(c.city.Checkpoints, pc.cp)
	}
	return c.finishAreas()
}

// split cuts a road at every interior node another road (or this one again) also uses.
func (c *compiler) split(r road, uses map[string]int) []geo.Road {
	var ways []geo.Road
	cur := geo.Road{}
	for i, p := range r.points {
		pt := p.p
		if p.node != "" {
			pt = c.nodes[p.node]
		}
		cur.Line = append(cur.Line, pt)
		last := i == len(r.points)-1
		if !last && i > 0 && p.node != "" && uses[p.node] > 1 {
			ways = append(ways, cur)
			cur = geo.Road{Line: append(cur.Line[:0:0], pt)}
		}
	}
	ways = append(ways, cur)
	for i := range ways {
		line := ways[i].Line
		ways[i] = r.proto
		ways[i].Line = line
		if len(ways) > 1 {
			ways[i].ID = fmt.Sprintf("%s-%d", r.proto.ID, i+1)
		}
	}
	return ways
}
