package geo

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// AreasFile is the optional layer of areas: water and parks, drawn under the roads.
const AreasFile = "areas.geojson"

// Area is a polygon of the map that is not a road: a lake, a river, a park. Its rings are
// closed, the shell counter-clockwise and the holes clockwise (RFC 7946).
type Area struct {
	ID      string
	Kind    string // one of AreaKinds
	Name    string
	NameEn  string
	Polygon orb.Polygon
}

// AreaKinds are the kinds of area a map may carry.
var AreaKinds = []string{"water", "park"}

// ValidAreaKind reports whether s is a known kind of area.
func ValidAreaKind(s string) bool { return slices.Contains(AreaKinds, s) }

func (c *City) readAreas(lr *layerReader) error {
	c.Areas = make([]Area, len(lr.features))
	for i, f := range lr.features {
		a := &c.Areas[i]
		var err error
		if a.ID, err = lr.id(i); err != nil {
			return err
		}
		p, ok := f.Geometry.(orb.Polygon)
		if !ok {
			return lr.errf(i, "geometry", "want Polygon, got %s", geometryType(f.Geometry))
		}
		if len(p) == 0 {
			return lr.errf(i, "geometry", "want a polygon with a shell, got no ring")
		}
		for k, r := range p {
			if len(r) < 4 || !r.Closed() {
				return lr.errf(i, "geometry", "ring %d: want a closed ring of at least 4 points, got %d points (closed: %v)", k, len(r), r.Closed())
			}
			if err := lr.inside(i, r...); err != nil {
				return err
			}
			if planar.Area(r) == 0 {
				return lr.errf(i, "geometry", "ring %d encloses no area", k)
			}
		}
		a.Polygon = Orient(p)
		if a.Kind, err = lr.oneOf(i, "kind", ValidAreaKind, "one of "+list(AreaKinds)); err != nil {
			return err
		}
		if a.Name, err = lr.str(i, "name", false); err != nil {
			return err
		}
		if a.NameEn, err = lr.str(i, "name_en", false); err != nil {
			return err
		}
	}
	return nil
}

// Orient returns p with its shell counter-clockwise and its holes clockwise, reversing rings
// in a copy where needed.
func Orient(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for k, r := range p {
		want := orb.CCW
		if k > 0 {
			want = orb.CW
		}
		if r.Orientation() != want {
			r = slices.Clone(r)
			r.Reverse()
		}
		out[k] = r
	}
	return out
}

// Cut returns a's pieces within b, made from the polygons mp: its shape cut to the bound,
// without the slivers a cut leaves, oriented as an Area's. The first piece keeps a's id; the
// others are numbered "<id>.2", "<id>.3", ... None when nothing of mp lies within b.
func (a Area) Cut(b orb.Bound, mp orb.MultiPolygon) []Area {
	var out []Area
	for _, p := range clip.MultiPolygon(b, mp) {
		var kept orb.Polygon
		for k, r := range p {
			if len(r) >= 4 && r.Closed() && planar.Area(r) != 0 { // signed: negative when clockwise
				kept = append(kept, r)
			} else if k == 0 {
				break
			}
		}
		if len(kept) > 0 {
			piece := a
			if len(out) > 0 {
				piece.ID = fmt.Sprintf("%s.%d", a.ID, len(out)+1)
			}
			piece.Polygon = Orient(kept)
			out = append(out, piece)
		}
	}
	return out
}

// Feature returns the area as a GeoJSON Feature.
func (a *Area) Feature() *geojson.Feature {
	f := geojson.NewFeature(a.Polygon)
	f.ID = a.ID
	f.Properties["kind"] = a.Kind
	if a.Name != "" {
		f.Properties["name"] = a.Name
	}
	if a.NameEn != "" {
		f.Properties["name_en"] = a.NameEn
	}
	return f
}
