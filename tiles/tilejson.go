package tiles

import (
	"strconv"

	"github.com/chotmap/chot/geo"
)

// TileJSON returns the TileJSON 3.0.0 document of a city's tiles, whose URLs start at base
// (e.g. "http://localhost:8080") and carry the data version, so that a browser never shows a
// tile it cached before an edit.
func TileJSON(c *geo.City, base string, version uint64) map[string]any {
	b := c.Bound
	return map[string]any{
		"tilejson":    "3.0.0",
		"name":        c.Name,
		"tiles":       []string{base + "/tiles/" + c.ID + "/{z}/{x}/{y}.mvt?v=" + strconv.FormatUint(version, 10)},
		"minzoom":     0,
		"maxzoom":     MaxZoom,
		"bounds":      []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]},
		"center":      []float64{c.Centre[0], c.Centre[1], 13},
		"attribution": attribution(c),
		"vector_layers": []map[string]any{
			{"id": "areas", "minzoom": AreaMinZoom, "maxzoom": MaxZoom, "description": "Water and parks",
				"fields": map[string]string{"id": "String", "kind": "String (water or park)", "name": "String", "name_en": "String"}},
			{"id": "roads", "minzoom": 0, "maxzoom": MaxZoom, "description": "Road network",
				"fields": map[string]string{"class": "String", "name": "String", "ref": "String", "oneway": "String (yes or -1; absent when two-way)"}},
			{"id": "venues", "minzoom": VenueMinZoom, "maxzoom": MaxZoom, "description": "Event venues",
				"fields": map[string]string{"id": "String", "kind": "String", "name": "String", "name_en": "String"}},
			{"id": "checkpoints", "minzoom": CheckpointMinZoom, "maxzoom": MaxZoom, "description": "Checkpoints (điểm, chốt)",
				"fields": map[string]string{"id": "String", "kind": "String", "name": "String", "unit": "String", "officers": "Number", "radius_m": "Number"}},
		},
	}
}

func attribution(c *geo.City) string {
	if c.Attribution != "" {
		return c.Attribution
	}
	return "chot"
}
