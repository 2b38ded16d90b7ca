package server

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// keys returns the sorted keys of a JSON object.
func keys(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want an object, got %T %v", v, v)
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func wantKeys(t *testing.T, what string, v any, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := keys(t, v); !slices.Equal(got, want) {
		t.Errorf("%s has keys %v, want %v", what, got, want)
	}
}

func getJSON(t *testing.T, s *Server, target string, status int) map[string]any {
	t.Helper()
	w := get(s, target)
	if w.Code != status {
		t.Fatalf("%s: status %d, want %d: %s", target, w.Code, status, w.Body)
	}
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestOSRMRouteShape checks the response field by field against OSRM v5's documented shape:
// route, leg, step, maneuver, intersection and waypoint objects.
func TestOSRMRouteShape(t *testing.T) {
	s := gridServer(t)
	m := getJSON(t, s, "/route/v1/driving/105.8502,21.0201;105.8531,21.0227;105.8548,21.0244?steps=true&geometries=geojson&overview=full", 200)
	wantKeys(t, "response", m, "code", "routes", "waypoints")
	if m["code"] != "Ok" {
		t.Fatalf("code %v", m["code"])
	}
	routes := m["routes"].([]any)
	if len(routes) != 1 {
		t.Fatalf("%d routes", len(routes))
	}
	route := routes[0].(map[string]any)
	wantKeys(t, "route", route, "geometry", "legs", "weight_name", "weight", "duration", "distance")
	geom := route["geometry"].(map[string]any)
	if geom["type"] != "LineString" || len(geom["coordinates"].([]any)) < 2 {
		t.Errorf("geometry %v", geom)
	}
	legs := route["legs"].([]any)
	if len(legs) != 2 {
		t.Fatalf("%d legs, want 2", len(legs))
	}
	sum := 0.0
	for i, l := range legs {
		leg := l.(map[string]any)
		wantKeys(t, "leg", leg, "steps", "summary", "weight", "duration", "distance")
		sum += leg["distance"].(float64)
		steps := leg["steps"].([]any)
		if len(steps) < 2 {
			t.Fatalf("leg %d: %d steps", i, len(steps))
		}
		for j, st := range steps {
			step := st.(map[string]any)
			want := []string{"geometry", "maneuver", "mode", "driving_side", "name", "intersections", "weight", "duration", "distance"}
			if _, ok := step["ref"]; ok {
				want = append(want, "ref")
			}
			wantKeys(t, "step", step, want...)
			man := step["maneuver"].(map[string]any)
			typ := man["type"].(string)
			switch {
			case j == 0 && typ != "depart", j == len(steps)-1 && typ != "arrive":
				t.Errorf("leg %d step %d: maneuver %s", i, j, typ)
			}
			want = []string{"bearing_after", "bearing_before", "location", "type"}
			if _, ok := man["modifier"]; ok {
				want = append(want, "modifier")
			}
			wantKeys(t, "maneuver", man, want...)
			if step["mode"] != "driving" || len(man["location"].([]any)) != 2 {
				t.Errorf("step %v", step)
			}
			for _, x := range step["intersections"].([]any) {
				in := x.(map[string]any)
				if _, ok := in["location"]; !ok || in["entry"] == nil || in["bearings"] == nil {
					t.Errorf("intersection %v", in)
				}
			}
		}
	}
	if d := sum - route["distance"].(float64); d > 0.01 || d < -0.01 {
		t.Errorf("legs add up to %.3f m, route %v", sum, route["distance"])
	}
	wps := m["waypoints"].([]any)
	if len(wps) != 3 {
		t.Fatalf("%d waypoints", len(wps))
	}
	for _, w := range wps {
		wantKeys(t, "waypoint", w, "hint", "distance", "name", "location")
	}
}

func TestOSRMRouteOptions(t *testing.T) {
	s := gridServer(t)
	coords := "105.8502,21.0201;105.8548,21.0244"
	def := getJSON(t, s, "/route/v1/car/"+coords, 200)
	route := def["routes"].([]any)[0].(map[string]any)
	if g, ok := route["geometry"].(string); !ok || g == "" {
		t.Errorf("default geometry %v, want an encoded polyline", route["geometry"])
	}
	if steps := route["legs"].([]any)[0].(map[string]any)["steps"].([]any); len(steps) != 0 {
		t.Errorf("steps without steps=true: %d", len(steps))
	}
	none := getJSON(t, s, "/route/v1/car/"+coords+"?overview=false&alternatives=false", 200)
	if _, ok := none["routes"].([]any)[0].(map[string]any)["geometry"]; ok {
		t.Errorf("overview=false still has a geometry")
	}
	p6 := getJSON(t, s, "/route/v1/motorcade/"+coords+"?geometries=polyline6&overview=full", 200)
	line := decodePolyline(p6["routes"].([]any)[0].(map[string]any)["geometry"].(string), 6)
	if len(line) < 2 || line[0][0] < 105.84 || line[0][0] > 105.86 || line[0][1] < 21.01 || line[0][1] > 21.03 {
		t.Errorf("polyline6 decodes to %v", line)
	}
}

func TestOSRMErrors(t *testing.T) {
	s := gridServer(t)
	tests := []struct {
		target string
		status int
		code   string
	}{
		{"/route/v1/bicycle/105.8502,21.0201;105.8548,21.0244", 400, "InvalidValue"},
		{"/route/v1/car/105.8502,21.0201", 400, "InvalidValue"},
		{"/route/v1/car/105.8502;105.8548,21.0244", 400, "InvalidValue"},
		{"/route/v1/car/105.8502,91;105.8548,21.0244", 400, "InvalidValue"},
		{"/route/v1/car/NaN,21;105.8548,21.0244", 400, "InvalidValue"},
		{"/route/v1/car/105.8502,21.0201;105.8548,21.0244?geometries=wkt", 400, "InvalidOptions"},
		{"/route/v1/car/105.8502,21.0201;105.8548,21.0244?overview=some", 400, "InvalidOptions"},
		{"/route/v1/car/105.8502,21.0201;105.8548,21.0244?radiuses=-5", 400, "InvalidOptions"},
		{"/route/v1/car/2.35,48.85;2.36,48.86", 400, "NoSegment"},
		{"/route/v1/car/105.8502,21.0201;105.90,21.10", 400, "NoSegment"},
		{"/route/v1/car/" + strings.Repeat("105.85,21.02;", 100) + "105.85,21.02", 400, "TooBig"},
		{"/nearest/v1/car/105.8502,21.0201;105.8548,21.0244", 400, "InvalidValue"},
		{"/nearest/v1/car/105.8502,21.0201?number=0", 400, "InvalidOptions"},
	}
	for _, tt := range tests {
		m := getJSON(t, s, tt.target, tt.status)
		wantKeys(t, "error", m, "code", "message")
		if m["code"] != tt.code {
			t.Errorf("%s: code %v, want %s (%v)", tt.target, m["code"], tt.code, m["message"])
		}
	}
}

func TestOSRMNearest(t *testing.T) {
	s := gridServer(t)
	m := getJSON(t, s, "/nearest/v1/driving/105.8515,21.0203?number=3", 200)
	wantKeys(t, "response", m, "code", "waypoints")
	wps := m["waypoints"].([]any)
	if len(wps) != 3 {
		t.Fatalf("%d waypoints, want 3", len(wps))
	}
	prev := -1.0
	for _, w := range wps {
		wantKeys(t, "waypoint", w, "hint", "distance", "name", "location", "nodes")
		d := w.(map[string]any)["distance"].(float64)
		if d < prev {
			t.Errorf("waypoints not nearest first: %v", wps)
		}
		prev = d
	}
	first := wps[0].(map[string]any)
	// 105.8515,21.0203 is 33 m north of Phố Hàng (the bottom row, at 21.0200), 52 m from the nearest cross street.
	if first["name"] != "Phố Hàng" || first["distance"].(float64) < 30 || first["distance"].(float64) > 36 {
		t.Errorf("nearest %v", first)
	}
}
