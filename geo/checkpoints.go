package geo

import (
	"strings"

	"github.com/paulmach/orb/geojson"
)

// Checkpoint field limits.
const (
	MaxOfficers = 200
	MinRadiusM  = 20
	MaxRadiusM  = 3000
)

func (c *City) readCheckpoints(lr *layerReader) error {
	c.Checkpoints = make([]Checkpoint, len(lr.features))
	for i := range lr.features {
		cp := &c.Checkpoints[i]
		var err error
		if cp.ID, err = lr.id(i); err != nil {
			return err
		}
		if cp.Point, err = lr.point(i); err != nil {
			return err
		}
		if cp.Kind, err = lr.oneOf(i, "kind", ValidCheckpointKind, "one of "+list(CheckpointKinds)); err != nil {
			return err
		}
		if cp.Name, err = lr.str(i, "name", true); err != nil {
			return err
		}
		if cp.Unit, err = lr.str(i, "unit", true); err != nil {
			return err
		}
		if cp.Note, err = lr.str(i, "note", false); err != nil {
			return err
		}
		officers, err := lr.number(i, "officers", 0, MaxOfficers, true, true)
		if err != nil {
			return err
		}
		if officers == 0 && cp.Kind != "camera" {
			return lr.errf(i, "officers", "want at least 1 officer at a %s, got 0", cp.Kind)
		}
		cp.Officers = int(officers)
		if cp.RadiusM, err = lr.number(i, "radius_m", MinRadiusM, MaxRadiusM, false, true); err != nil {
			return err
		}
	}
	return nil
}

// Feature returns the checkpoint as a GeoJSON Feature with the checkpoints layer's properties.
func (cp *Checkpoint) Feature() *geojson.Feature {
	f := geojson.NewFeature(cp.Point)
	f.ID = cp.ID
	f.Properties["kind"] = cp.Kind
	f.Properties["name"] = cp.Name
	f.Properties["unit"] = cp.Unit
	f.Properties["officers"] = cp.Officers
	f.Properties["radius_m"] = cp.RadiusM
	if cp.Note != "" {
		f.Properties["note"] = cp.Note
	}
	return f
}

func list(words []string) string { return strings.Join(words, ", ") }
