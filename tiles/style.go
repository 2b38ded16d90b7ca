package tiles

import "github.com/chotmap/chot/geo"

// Font is the fontstack the style's labels use; the service serves its glyphs.
const Font = "DejaVu Sans Book"

// CheckpointColours are the colours of the checkpoint kinds on the map and in its legend.
var CheckpointColours = map[string]string{
	"traffic_post": "#d7191c", "security_post": "#2c7bb6", "camera": "#636363",
	"fire_rescue": "#f46d43", "medical": "#1a9641",
}

// Colours of the areas.
const (
	WaterColour = "#aad3df"
	ParkColour  = "#c8facc"
)

// Style returns a MapLibre style (version 8) for a city, with every URL under base: the
// TileJSON, and the glyphs the service serves itself, so the map needs no outside server.
func Style(c *geo.City, base string) map[string]any {
	kinds := []any{"match", []any{"get", "kind"}}
	for _, k := range geo.CheckpointKinds {
		kinds = append(kinds, k, CheckpointColours[k])
	}
	kinds = append(kinds, "#000000")
	layers := append([]any{
		map[string]any{"id": "background", "type": "background", "paint": map[string]any{"background-color": "#f4f1ea"}},
		map[string]any{"id": "areas", "type": "fill", "source": c.ID, "source-layer": "areas",
			"paint": map[string]any{"fill-color": []any{"match", []any{"get", "kind"}, "water", WaterColour, "park", ParkColour, "#dddddd"}}},
	}, roadLayers(c.ID)...)
	return map[string]any{
		"version": 8,
		"name":    "chot " + c.Name,
		"center":  []float64{c.Centre[0], c.Centre[1]},
		"zoom":    13,
		"sources": map[string]any{
			c.ID: map[string]any{"type": "vector", "url": base + "/tiles/" + c.ID + ".json"},
		},
		"glyphs": base + "/fonts/{fontstack}/{range}.pbf",
		"layers": append(layers,
			map[string]any{"id": "road-labels", "type": "symbol", "source": c.ID, "source-layer": "roads", "minzoom": 13,
				"layout": map[string]any{"symbol-placement": "line", "text-field": []any{"get", "name"}, "text-font": []string{Font},
					"text-size": 11},
				"paint": map[string]any{"text-color": "#333333", "text-halo-color": "#ffffff", "text-halo-width": 1.5}},
			map[string]any{"id": "area-labels", "type": "symbol", "source": c.ID, "source-layer": "areas", "minzoom": 12,
				"layout": map[string]any{"text-field": []any{"get", "name"}, "text-font": []string{Font}, "text-size": 12,
					"symbol-placement": "point", "text-max-width": 8},
				"paint": map[string]any{"text-color": []any{"match", []any{"get", "kind"}, "water", "#1f5f8b", "#2e6b2e"},
					"text-halo-color": "rgba(255,255,255,0.7)", "text-halo-width": 1}},
			map[string]any{"id": "venues", "type": "circle", "source": c.ID, "source-layer": "venues",
				"paint": map[string]any{"circle-radius": 6, "circle-color": "#7b3294", "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5}},
			map[string]any{"id": "venue-labels", "type": "symbol", "source": c.ID, "source-layer": "venues",
				"layout": map[string]any{"text-field": []any{"get", "name"}, "text-font": []string{Font}, "text-size": 12,
					"text-offset": []float64{0, 1.2}, "text-anchor": "top"},
				"paint": map[string]any{"text-color": "#4a1a5c", "text-halo-color": "#ffffff", "text-halo-width": 1.5}},
			map[string]any{"id": "checkpoints", "type": "circle", "source": c.ID, "source-layer": "checkpoints",
				"paint": map[string]any{"circle-radius": []any{"interpolate", []any{"linear"}, []any{"zoom"}, 12, 3, 17, 8},
					"circle-color": kinds, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1}},
		),
	}
}

// roadClasses groups the road classes for the style: each group's fill and casing colours
// and its widths in pixels at zooms 8, 12, 14 and 18.
var roadClasses = []struct {
	classes           []string
	fill, casing      string
	w8, w12, w14, w18 float64
}{
	{[]string{"motorway", "motorway_link"}, "#e892a2", "#b5485f", 1.6, 3.5, 7, 22},
	{[]string{"trunk", "trunk_link"}, "#f9b29c", "#b8583a", 1.4, 3, 6.5, 20},
	{[]string{"primary", "primary_link"}, "#fcd6a4", "#a8731e", 1, 2.5, 5.5, 18},
	{[]string{"secondary", "secondary_link"}, "#f7fabf", "#8a8f3a", 0.6, 1.8, 4.5, 16},
	{[]string{"tertiary", "tertiary_link"}, "#ffffff", "#9a9a9a", 0.4, 1.4, 3.5, 14},
}

// Widths of the other (minor) roads.
const minorW8, minorW12, minorW14, minorW18 = 0.2, 0.8, 2.5, 11

// roadWidth is the width expression of the road lines, wider by extra pixels (the casing is
// the fill plus two).
func roadWidth(extra float64) []any {
	at := func(w func(i int) float64, minor float64) []any {
		m := []any{"match", []any{"get", "class"}}
		for i, g := range roadClasses {
			m = append(m, g.classes, w(i)+extra)
		}
		return append(m, minor+extra)
	}
	return []any{"interpolate", []any{"exponential", 1.5}, []any{"zoom"},
		8, at(func(i int) float64 { return roadClasses[i].w8 }, minorW8),
		12, at(func(i int) float64 { return roadClasses[i].w12 }, minorW12),
		14, at(func(i int) float64 { return roadClasses[i].w14 }, minorW14),
		18, at(func(i int) float64 { return roadClasses[i].w18 }, minorW18)}
}

func roadColour(casing bool) []any {
	m := []any{"match", []any{"get", "class"}}
	for _, g := range roadClasses {
		c := g.fill
		if casing {
			c = g.casing
		}
		m = append(m, g.classes, c)
	}
	if casing {
		return append(m, "#b4b0a8")
	}
	return append(m, "#ffffff")
}

// roadLayers are the roads drawn as a darker casing under a lighter fill, so that even white
// minor roads stand out from the background.
func roadLayers(source string) []any {
	layout := map[string]any{"line-cap": "round", "line-join": "round"}
	return []any{
		map[string]any{"id": "road-casing", "type": "line", "source": source, "source-layer": "roads", "layout": layout,
			"paint": map[string]any{"line-color": roadColour(true), "line-width": roadWidth(2)}},
		map[string]any{"id": "roads", "type": "line", "source": source, "source-layer": "roads", "layout": layout,
			"paint": map[string]any{"line-color": roadColour(false), "line-width": roadWidth(0)}},
	}
}
