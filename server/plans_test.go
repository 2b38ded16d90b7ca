package server

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEvaluatePlanEndpoint(t *testing.T) {
	s := gridServer(t)
	w := post(s, "/api/cities/grid/plans/evaluate", `{"name":"Thử","departure":"2026-11-25T14:00:00+07:00",
		"stops":[{"venue":"sw","dwell_min":0},{"at":[105.853,21.0227],"dwell_min":15},{"venue":"ne"}],
		"speed_kmh":40,"lead_min":10,"lag_min":5,"coverage":{"by":"radius","suggest":3,"site_radius_m":150},
		"closed_at":"2026-11-25T14:01:00+07:00"}`)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	type fc struct {
		Features []struct {
			Geometry   map[string]any `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	body := decode[struct {
		Summary map[string]any `json:"summary"`
		Layers  map[string]fc  `json:"layers"`
	}](t, w)
	for _, l := range []string{"route", "stops", "closures", "closed_at", "diversions", "detours", "coverage", "gaps", "suggestions"} {
		if _, ok := body.Layers[l]; !ok {
			t.Errorf("no layer %s", l)
		}
	}
	sum := body.Summary
	if sum["arrival"].(string) <= "2026-11-25T14:15:00+07:00" {
		t.Errorf("arrival %v: the 15 minute dwell is missing", sum["arrival"])
	}
	if len(body.Layers["stops"].Features) != 3 || len(body.Layers["closures"].Features) == 0 || sum["diversion_points"].(float64) < 3 {
		t.Errorf("summary %v, %d stops, %d closures", sum, len(body.Layers["stops"].Features), len(body.Layers["closures"].Features))
	}
	if n := len(body.Layers["closed_at"].Features); n == 0 || n > len(body.Layers["closures"].Features) {
		t.Errorf("%d stretches closed at 14:01", n)
	}
	if f := body.Layers["coverage"].Features; len(f) != 1 || f[0].Geometry["type"] != "MultiPolygon" {
		t.Errorf("coverage layer %v", f)
	}
	for _, d := range body.Layers["diversions"].Features {
		if d.Geometry["type"] != "Point" || d.Properties["close"] == nil {
			t.Errorf("diversion %v", d)
		}
	}
}

func TestEvaluatePlanErrors(t *testing.T) {
	s := gridServer(t)
	ok := `"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"venue":"ne"}]`
	tests := []struct {
		name, body string
		status     int
		msg        string
	}{
		{"one stop", `{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"}]}`, 400, "stops: want 2 to 25 stops"},
		{"unknown venue", `{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"venue":"x"}]}`, 400, `stops[1].venue: no venue "x"`},
		{"bad stop", `{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"at":[1]}]}`, 400, "stops[1]: at: want [lon, lat]"},
		{"no departure", `{"stops":[{"venue":"sw"},{"venue":"ne"}]}`, 400, "departure: missing"},
		{"speed", `{` + ok + `,"speed_kmh":500}`, 400, "speed_kmh: want 5 to 120"},
		{"lead", `{` + ok + `,"lead_min":-3}`, 400, "lead_min"},
		{"coverage by", `{` + ok + `,"coverage":{"by":"air"}}`, 400, "coverage.by"},
		{"suggest", `{` + ok + `,"coverage":{"suggest":99}}`, 400, "coverage.suggest"},
		{"dwell", `{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw","dwell_min":-1},{"venue":"ne"}]}`, 400, "stops[0].dwell"},
		{"far stop", `{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},[105.95,21.2]]}`, 400, "stop 1"},
		{"unknown field", `{` + ok + `,"closures":[]}`, 400, `unknown field "closures"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := post(s, "/api/cities/grid/plans/evaluate", tt.body)
			e := decode[errorBody](t, w)
			if w.Code != tt.status || !strings.Contains(e.Error.Message, tt.msg) {
				t.Errorf("%d %+v, want %d with %q", w.Code, e.Error, tt.status, tt.msg)
			}
		})
	}
}

func TestServiceAreaEndpoint(t *testing.T) {
	s := gridServer(t)
	w := get(s, "/api/cities/grid/checkpoints/cp-0000/service-area?minutes=10,1")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	body := decode[struct {
		Features []struct {
			Geometry   map[string]any `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}](t, w)
	if len(body.Features) != 2 || body.Features[0].Properties["minutes"].(float64) != 1 ||
		body.Features[0].Properties["road_km"].(float64) >= body.Features[1].Properties["road_km"].(float64) {
		t.Errorf("features %v", body.Features)
	}
	for _, tt := range []struct {
		target string
		status int
		msg    string
	}{
		{"/api/cities/grid/checkpoints/nope/service-area", 404, `checkpoint "nope"`},
		{"/api/cities/grid/checkpoints/cp-0000/service-area?minutes=0", 400, "minutes"},
		{"/api/cities/grid/checkpoints/cp-0000/service-area?minutes=5,abc", 400, "minutes"},
	} {
		w := get(s, tt.target)
		if e := decode[errorBody](t, w); w.Code != tt.status || !strings.Contains(e.Error.Message, tt.msg) {
			t.Errorf("%s: %d %+v", tt.target, w.Code, e.Error)
		}
	}
}

func TestNearestByRoadEndpoint(t *testing.T) {
	s := gridServer(t)
	body := decode[nearestResponse](t, get(s, "/api/cities/grid/checkpoints/nearest?lat=21.0215&lon=105.8525&k=3&by=road"))
	if len(body.Features) != 3 || body.Query.By != "road" {
		t.Fatalf("%+v", body)
	}
	prev := -1.0
	for _, f := range body.Features {
		if f.Properties.DurationS == nil || *f.Properties.DurationS < prev || f.Properties.RoadM == nil {
			t.Errorf("feature %+v not in order of driving time", f.Properties)
		}
		prev = *f.Properties.DurationS
	}
	for _, q := range []string{"by=air", "by=road&within_m=100", "by=road&within_min=0", "by=road&within_min=100"} {
		if w := get(s, "/api/cities/grid/checkpoints/nearest?lat=21.0215&lon=105.8525&"+q); w.Code != 400 {
			t.Errorf("%s: %d", q, w.Code)
		}
	}
}

func FuzzPlanBody(f *testing.F) {
	s := gridServer(f)
	f.Add(`{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"venue":"ne","dwell_min":5}],"coverage":{"by":"road","suggest":2}}`)
	f.Add(`{"departure":"2026-11-25T14:00:00","stops":[[105.8502,21.02],{"at":[105.8548,21.0244]}],"lead_min":0,"lag_min":1e300}`)
	f.Add(`{"stops":[{"venue":"sw","at":[1,2]},[]],"speed_kmh":-1,"closed_at":"x"}`)
	f.Fuzz(func(t *testing.T, body string) {
		start := time.Now()
		w := post(s, "/api/cities/grid/plans/evaluate", body)
		if d := time.Since(start); d > 5*time.Second { // the grid city evaluates in milliseconds
			t.Fatalf("%v for %q", d, body)
		}
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
	})
}
