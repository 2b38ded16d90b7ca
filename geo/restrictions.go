package geo

import (
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// RestrictionsFile is the optional layer of turn restrictions.
const RestrictionsFile = "restrictions.geojson"

// Restriction is a turn restriction as OSM tags it: from one road, via a junction, to another.
// A no_* restriction forbids the turn; an only_* restriction forbids every other turn from
// the from road at that junction.
type Restriction struct {
	ID   string
	Kind string // one of RestrictionKinds
	From string // road id
	To   string // road id
	Via  orb.Point
}

// RestrictionKinds are the kinds of turn restriction a map may carry.
var RestrictionKinds = []string{
	"no_left_turn", "no_right_turn", "no_straight_on", "no_u_turn",
	"only_left_turn", "only_right_turn", "only_straight_on",
}

// ValidRestrictionKind reports whether s is a known turn restriction.
func ValidRestrictionKind(s string) bool { return slices.Contains(RestrictionKinds, s) }

// Only reports whether the restriction is mandatory (only_*) rather than prohibitive (no_*).
func (r *Restriction) Only() bool { return len(r.Kind) > 5 && r.Kind[:5] == "only_" }

func (c *City) readRestrictions(lr *layerReader) error {
	roads := make(map[string]*Road, len(c.Roads))
	for i := range c.Roads {
		roads[c.Roads[i].ID] = &c.Roads[i]
	}
	c.Restrictions = make([]Restriction, len(lr.features))
	for i := range lr.features {
		r := &c.Restrictions[i]
		var err error
		if r.ID, err = lr.id(i); err != nil {
			return err
		}
		if r.Via, err = lr.point(i); err != nil {
			return err
		}
		if r.Kind, err = lr.oneOf(i, "restriction", ValidRestrictionKind, "one of "+list(RestrictionKinds)); err != nil {
			return err
		}
		for _, f := range []struct {
			key string
			dst *string
		}{{"from", &r.From}, {"to", &r.To}} {
			if *f.dst, err = lr.str(i, f.key, true); err != nil {
				return err
			}
			road, ok := roads[*f.dst]
			if !ok {
				return lr.errf(i, f.key, "no road with id %q", *f.dst)
			}
			if !slices.Contains(road.Line, r.Via) {
				return lr.errf(i, f.key, "road %q does not pass through the via point [%g, %g]", *f.dst, r.Via[0], r.Via[1])
			}
		}
	}
	return nil
}

// Feature returns the restriction as a GeoJSON Feature at its via point.
func (r *Restriction) Feature() *geojson.Feature {
	f := geojson.NewFeature(r.Via)
	f.ID = r.ID
	f.Properties["restriction"] = r.Kind
	f.Properties["from"] = r.From
	f.Properties["to"] = r.To
	return f
}
