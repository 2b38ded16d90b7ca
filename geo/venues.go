package geo

import "github.com/paulmach/orb/geojson"

func (c *City) readVenues(lr *layerReader) error {
	c.Venues = make([]Venue, len(lr.features))
	for i := range lr.features {
		v := &c.Venues[i]
		var err error
		if v.ID, err = lr.id(i); err != nil {
			return err
		}
		if v.Point, err = lr.point(i); err != nil {
			return err
		}
		if v.Kind, err = lr.oneOf(i, "kind", ValidVenueKind, "one of "+list(VenueKinds)); err != nil {
			return err
		}
		if v.Name, err = lr.str(i, "name", true); err != nil {
			return err
		}
		if v.NameEn, err = lr.str(i, "name_en", false); err != nil {
			return err
		}
	}
	return nil
}

// Feature returns the venue as a GeoJSON Feature with the venues layer's properties.
func (v *Venue) Feature() *geojson.Feature {
	f := geojson.NewFeature(v.Point)
	f.ID = v.ID
	f.Properties["kind"] = v.Kind
	f.Properties["name"] = v.Name
	if v.NameEn != "" {
		f.Properties["name_en"] = v.NameEn
	}
	return f
}
