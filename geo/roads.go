package geo

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func (c *City) readRoads(lr *layerReader) error {
	c.Roads = make([]Road, len(lr.features))
	for i, f := range lr.features {
		r := &c.Roads[i]
		var err error
		if r.ID, err = lr.id(i); err != nil {
			return err
		}
		ls, ok := f.Geometry.(orb.LineString)
		if !ok {
			return lr.errf(i, "geometry", "want LineString, got %s", geometryType(f.Geometry))
		}
		if len(ls) < 2 {
			return lr.errf(i, "geometry", "want at least 2 points, got %d", len(ls))
		}
		if err := lr.inside(i, ls...); err != nil {
			return err
		}
		if ls.Bound().IsEmpty() {
			return lr.errf(i, "geometry", "all %d points are the same", len(ls))
		}
		r.Line = ls
		if err := readRoadProps(lr, i, r); err != nil {
			return err
		}
	}
	return nil
}

func readRoadProps(lr *layerReader, i int, r *Road) error {
	var err error
	if r.Highway, err = lr.oneOf(i, "highway", ValidHighway, "an OSM highway class such as primary or residential"); err != nil {
		return err
	}
	if r.Name, err = lr.str(i, "name", false); err != nil {
		return err
	}
	if r.Ref, err = lr.str(i, "ref", false); err != nil {
		return err
	}
	ow, err := lr.str(i, "oneway", false)
	if err != nil {
		return err
	}
	switch ow {
	case "", "no":
		r.Oneway = TwoWay
	case "yes":
		r.Oneway = OnewayForward
	case "-1":
		r.Oneway = OnewayBackward
	default:
		return lr.errf(i, "oneway", "want yes, no or -1, got %q", ow)
	}
	speed, err := lr.number(i, "maxspeed", 5, 150, true, false)
	if err != nil {
		return err
	}
	lanes, err := lr.number(i, "lanes", 1, 16, true, false)
	if err != nil {
		return err
	}
	r.MaxSpeed, r.Lanes = int(speed), int(lanes)
	if v, ok := lr.features[i].Properties["bridge"]; ok && v != nil {
		b, ok := v.(bool)
		if !ok {
			return lr.errf(i, "bridge", "want true or false, got %s", jsonValue(v))
		}
		r.Bridge = b
	}
	return nil
}

// Feature returns the road as a GeoJSON Feature with the roads layer's properties.
func (r *Road) Feature() *geojson.Feature {
	f := geojson.NewFeature(r.Line)
	f.ID = r.ID
	f.Properties["highway"] = r.Highway
	f.Properties["oneway"] = r.Oneway.String()
	if r.Name != "" {
		f.Properties["name"] = r.Name
	}
	if r.Ref != "" {
		f.Properties["ref"] = r.Ref
	}
	if r.MaxSpeed > 0 {
		f.Properties["maxspeed"] = r.MaxSpeed
	}
	if r.Lanes > 0 {
		f.Properties["lanes"] = r.Lanes
	}
	if r.Bridge {
		f.Properties["bridge"] = true
	}
	return f
}
