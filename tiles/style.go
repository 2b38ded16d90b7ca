package tiles

import "github.com/chotmap/chot/geo"

// Font is the fontstack the style's labels use; the service serves its glyphs.
const Font = "DejaVu Sans Book"

// CheckpointColours are the colours of the checkpoint kinds on the map and in its legend.
var CheckpointColours = map[string]string{
	"traffic_post": "#d7191c", "security_post": "#2c7bb6", "camera": "#636363",
	"fire_rescue": "#f46d43", "medical": "#1a9641",
}

// Style returns a MapLibre style (version 8) for a city, with every URL under base: the
// TileJSON, and the glyphs the service serves itself, so the map needs no outside server.
func Style(c *geo.City, base string) map[string]any {
	kinds := []any{"match", []any{"get", "kind"}}
	for _, k := range geo.CheckpointKinds {
		kinds = append(kinds, k, CheckpointColours[k])
	}
	kinds = append(kinds, "#000000")
	return map[string]any{
		"version": 8,
		"name":    "chot " + c.Name,
		"center":  []float64{c.Centre[0], c.Centre[1]},
		"zoom":    13,
		"sources": map[string]any{
			c.ID: map[string]any{"type": "vector", "url": base + "/tiles/" + c.ID + ".json"},
		},
		"glyphs": base + "/fonts/{fontstack}/{range}.pbf",
		"layers": []any{
			map[string]any{"id": "background", "type": "background", "paint": map[string]any{"background-color": "#f4f1ea"}},
			roadLayer(c.ID),
			map[string]any{"id": "road-labels", "type": "symbol", "source": c.ID, "source-layer": "roads", "minzoom": 13,
				"layout": map[string]any{"symbol-placement": "line", "text-field": []any{"get", "name"}, "text-font": []string{Font},
					"text-size": 11},
				"paint": map[string]any{"text-color": "#333333", "text-halo-color": "#ffffff", "text-halo-width": 1.5}},
			map[string]any{"id": "venues", "type": "circle", "source": c.ID, "source-layer": "venues",
				"paint": map[string]any{"circle-radius": 6, "circle-color": "#7b3294", "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5}},
			map[string]any{"id": "venue-labels", "type": "symbol", "source": c.ID, "source-layer": "venues",
				"layout": map[string]any{"text-field": []any{"get", "name"}, "text-font": []string{Font}, "text-size": 12,
					"text-offset": []float64{0, 1.2}, "text-anchor": "top"},
				"paint": map[string]any{"text-color": "#4a1a5c", "text-halo-color": "#ffffff", "text-halo-width": 1.5}},
			map[string]any{"id": "checkpoints", "type": "circle", "source": c.ID, "source-layer": "checkpoints",
				"paint": map[string]any{"circle-radius": []any{"interpolate", []any{"linear"}, []any{"zoom"}, 12, 3, 17, 8},
					"circle-color": kinds, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1}},
		},
	}
}

func roadLayer(source string) map[string]any {
	colour := []any{"match", []any{"get", "class"},
		[]any{"motorway", "motorway_link"}, "#e892a2", []any{"trunk", "trunk_link"}, "#f9b29c",
		[]any{"primary", "primary_link"}, "#fcd6a4", []any{"secondary", "secondary_link"}, "#f7fabf",
		"#ffffff"}
	width := []any{"interpolate", []any{"exponential", 1.5}, []any{"zoom"}, 8, 0.5, 13, 2, 18, 14}
	return map[string]any{"id": "roads", "type": "line", "source": source, "source-layer": "roads",
		"layout": map[string]any{"line-cap": "round", "line-join": "round"},
		"paint":  map[string]any{"line-color": colour, "line-width": width}}
}
