package mapsrc

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Files returns the city folder's files (city.json, the three layers and, when the city has
// them, restrictions.geojson and areas.geojson) by name.
// Coordinates are rounded to 7 decimals (about 1 cm).
func Files(c *geo.City) (map[string][]byte, error) {
	meta := geo.Meta{
		Name: c.Name, NameEn: c.NameEn, TimeZone: c.TimeZone,
		BBox:   [4]float64{c.Bound.Min[0], c.Bound.Min[1], c.Bound.Max[0], c.Bound.Max[1]},
		Centre: [2]float64{c.Centre[0], c.Centre[1]}, Events: c.Events, Attribution: c.Attribution,
	}
	m, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{geo.MetaFile: append(m, '\n')}
	var roads, venues, cps []*geojson.Feature
	for i := range c.Roads {
		roads = append(roads, c.Roads[i].Feature())
	}
	for i := range c.Venues {
		venues = append(venues, c.Venues[i].Feature())
	}
	for i := range c.Checkpoints {
		cps = append(cps, c.Checkpoints[i].Feature())
	}
	for name, fs := range map[string][]*geojson.Feature{geo.RoadsFile: roads, geo.VenuesFile: venues, geo.CheckpointsFile: cps} {
		b, err := encodeLayer(fs)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		files[name] = b
	}
	if len(c.Areas) > 0 {
		var as []*geojson.Feature
		for i := range c.Areas {
			as = append(as, c.Areas[i].Feature())
		}
		b, err := encodeLayer(as)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", geo.AreasFile, err)
		}
		files[geo.AreasFile] = b
	}
	if len(c.Restrictions) > 0 {
		var rs []*geojson.Feature
		for i := range c.Restrictions {
			rs = append(rs, c.Restrictions[i].Feature())
		}
		b, err := encodeLayer(rs)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", geo.RestrictionsFile, err)
		}
		files[geo.RestrictionsFile] = b
	}
	return files, nil
}

// encodeLayer writes a FeatureCollection with one feature per line, for readable diffs.
func encodeLayer(features []*geojson.Feature) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, f := range features {
		f.Geometry = orb.Round(orb.Clone(f.Geometry), 1e7) // about 1 cm
		j, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		b.Write(j)
		if i < len(features)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes(), nil
}
