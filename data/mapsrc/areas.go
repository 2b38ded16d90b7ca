package mapsrc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// area is a source area before its points are resolved: a ring, or with a width a centre
// line (a river) to be widened into polygons.
type area struct {
	line   int
	proto  geo.Area
	width  float64 // metres; 0 for a ring
	points []point
}

var areaAttrs = map[string]bool{"kind": true, "name": true, "name_en": true, "width": true}

// areaLine reads "area <id> kind=<water|park> name=... [width=<m>] : <point> <point> ...".
func (c *compiler) areaLine(s statement) error {
	if len(s.args) != 1 || s.points == nil {
		return fmt.Errorf("want: area <id> kind=<%s> name=\"...\" [width=<m>] : <point> <point> ...", strings.Join(geo.AreaKinds, ", "))
	}
	if err := known(s, areaAttrs); err != nil {
		return err
	}
	a := area{line: s.line, proto: geo.Area{ID: s.args[0], Kind: s.attrs["kind"], Name: s.attrs["name"], NameEn: s.attrs["name_en"]}}
	if !geo.ValidAreaKind(a.proto.Kind) {
		return fmt.Errorf("kind: want one of %s, got %q", strings.Join(geo.AreaKinds, ", "), a.proto.Kind)
	}
	if w, ok := s.attrs["width"]; ok {
		v, err := strconv.ParseFloat(w, 64)
		if err != nil || !(v > 0 && v <= 10000) {
			return fmt.Errorf("width: want metres in (0, 10000], got %q", w)
		}
		a.width = v
	}
	a.points = parsePoints(s.points)
	least := 3 // a ring
	if a.width > 0 {
		least = 2 // a river's centre line
	}
	if len(a.points) < least {
		return fmt.Errorf("area %s: want at least %d points", a.proto.ID, least)
	}
	c.areas = append(c.areas, a)
	return nil
}

// finishAreas resolves the areas' points, widens the rivers and clips every area to the
// city's bbox; an area the bbox cuts in several pieces gets one per piece, numbered.
func (c *compiler) finishAreas() error {
	for _, a := range c.areas {
		pts := make([]orb.Point, len(a.points))
		for i, p := range a.points {
			pts[i] = p.p
			if p.node != "" {
				q, ok := c.nodes[p.node]
				if !ok {
					return fmt.Errorf("line %d: area %s: unknown node %q", a.line, a.proto.ID, p.node)
				}
				pts[i] = q
			}
		}
		var mp orb.MultiPolygon
		if a.width > 0 {
			var err error
			if mp, err = geo.BufferLines([]orb.LineString{pts}, a.width/2); err != nil {
				return fmt.Errorf("line %d: area %s: %v", a.line, a.proto.ID, err)
			}
		} else {
			ring := orb.Ring(pts)
			if !ring.Closed() {
				ring = append(ring, ring[0])
			}
			mp = orb.MultiPolygon{{ring}}
		}
		pieces := a.proto.Cut(c.city.Bound, mp)
		if len(pieces) == 0 {
			return fmt.Errorf("line %d: area %s lies outside the bbox", a.line, a.proto.ID)
		}
		c.city.Areas = append(c.city.Areas, pieces...)
	}
	return nil
}
