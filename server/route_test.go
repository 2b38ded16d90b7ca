package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// gridCity is a 6 x 6 grid of named two-way streets about 100 m apart near Hoàn Kiếm, with
// venues at two corners; "Phố Hàng" runs along the bottom row.
func gridCity(tb testing.TB) *geo.City {
	tb.Helper()
	c := testCity(tb, 20)
	c.ID = "grid"
	c.Location, _ = time.LoadLocation(c.TimeZone)
	c.Roads = nil
	pt := func(i, j int) orb.Point { return orb.Point{105.850 + float64(j)*0.001, 21.020 + float64(i)*0.0009} }
	for i := range 6 {
		for j := range 6 {
			if j < 5 {
				name := fmt.Sprintf("Phố Ngang %d", i)
				if i == 0 {
					name = "Phố Hàng"
				}
				c.Roads = append(c.Roads, geo.Road{ID: fmt.Sprintf("h%d-%d", i, j), Highway: "secondary", Name: name, Line: orb.LineString{pt(i, j), pt(i, j+1)}})
			}
			if i < 5 {
				c.Roads = append(c.Roads, geo.Road{ID: fmt.Sprintf("v%d-%d", i, j), Highway: "tertiary", Name: fmt.Sprintf("Phố Dọc %d", j), Line: orb.LineString{pt(i, j), pt(i+1, j)}})
			}
		}
	}
	c.Venues = []geo.Venue{
		{ID: "sw", Kind: "hotel", Name: "Khách sạn Góc Tây Nam", Point: orb.Point{105.8501, 21.0201}},
		{ID: "ne", Kind: "conference_centre", Name: "Trung tâm Hội nghị Góc Đông Bắc", Point: orb.Point{105.8549, 21.0244}},
	}
	return c
}

func gridServer(tb testing.TB) *Server {
	tb.Helper()
	s, err := New(Config{Cities: []*geo.City{gridCity(tb)}})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func post(s *Server, target, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	s.Handler().ServeHTTP(w, req)
	return w
}

type routeBody struct {
	Type     string `json:"type"`
	Features []struct {
		Geometry struct {
			Type string `json:"type"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
	Summary struct {
		DistanceM float64 `json:"distance_m"`
		DurationS float64 `json:"duration_s"`
		Departure string  `json:"departure"`
		Arrival   string  `json:"arrival"`
		Legs      int     `json:"legs"`
		Profile   string  `json:"profile"`
	} `json:"summary"`
	Streets []struct {
		Name      string  `json:"name"`
		DistanceM float64 `json:"distance_m"`
	} `json:"streets"`
}

func TestRouteEndpoint(t *testing.T) {
	s := gridServer(t)
	w := post(s, "/api/cities/grid/route", `{"stops":[{"venue":"sw"},[105.853,21.0227],{"venue":"ne"}],
		"profile":"motorcade","departure":"2026-11-25T14:00:00+07:00"}`)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	r := decode[routeBody](t, w)
	if r.Type != "FeatureCollection" || r.Summary.Legs != 2 || r.Summary.Profile != "motorcade" {
		t.Fatalf("summary %+v", r.Summary)
	}
	kinds := map[string]int{}
	for _, f := range r.Features {
		kinds[f.Properties["kind"].(string)]++
	}
	if kinds["route"] != 1 || kinds["leg"] != 2 || kinds["stop"] != 3 {
		t.Errorf("features by kind %v, want 1 route, 2 legs, 3 stops", kinds)
	}
	// South-west corner -> middle -> north-east corner on a grid: 300 m east and 290 m north,
	// then 200 m east and 190 m north, about 980 m.
	if r.Summary.DistanceM < 960 || r.Summary.DistanceM > 1020 {
		t.Errorf("distance %.0f m, want about 980", r.Summary.DistanceM)
	}
	if r.Summary.Departure != "2026-11-25T14:00:00+07:00" || r.Summary.Arrival <= r.Summary.Departure {
		t.Errorf("departure %s arrival %s", r.Summary.Departure, r.Summary.Arrival)
	}
	total := 0.0
	for _, st := range r.Streets {
		total += st.DistanceM
	}
	if d := total - r.Summary.DistanceM; d > 1 || d < -1 {
		t.Errorf("streets add up to %.1f m, route is %.1f m", total, r.Summary.DistanceM)
	}
	last := r.Features[len(r.Features)-1].Properties
	if last["venue"] != "ne" || last["eta"] != r.Summary.Arrival {
		t.Errorf("last stop %v, want venue ne arriving at %s", last, r.Summary.Arrival)
	}
}

func TestRouteClosureEndpoint(t *testing.T) {
	s := gridServer(t)
	// Along the bottom row: Phố Hàng is the way, unless it is closed.
	stops := `"stops":[[105.8502,21.0200],[105.8548,21.0200]]`
	open := decode[routeBody](t, post(s, "/api/cities/grid/route", `{`+stops+`}`))
	if len(open.Streets) != 1 || open.Streets[0].Name != "Phố Hàng" {
		t.Fatalf("open route drives %+v", open.Streets)
	}
	closed := post(s, "/api/cities/grid/route", `{`+stops+`,"departure":"2026-11-25T14:00:00+07:00",
		"closures":[{"roads":["h0-2"],"from":"2026-11-25T13:00:00+07:00","to":"2026-11-25T15:00:00+07:00"}]}`)
	if closed.Code != http.StatusOK {
		t.Fatalf("status %d: %s", closed.Code, closed.Body)
	}
	r := decode[routeBody](t, closed)
	if len(r.Streets) < 3 || r.Summary.DistanceM <= open.Summary.DistanceM {
		t.Errorf("with h0-2 closed the route drives %+v (%.0f m, open %.0f m)", r.Streets, r.Summary.DistanceM, open.Summary.DistanceM)
	}
}

func TestRouteEndpointErrors(t *testing.T) {
	s := gridServer(t)
	ok := `[105.8502,21.0200],[105.8548,21.0200]`
	tests := []struct {
		name, city, body string
		status           int
		code, msg        string
	}{
		{"unknown city", "nowhere", `{"stops":[` + ok + `]}`, 404, "unknown_city", `unknown city "nowhere"`},
		{"not json", "grid", `{"stops":`, 400, "invalid_parameter", "body: invalid JSON"},
		{"unknown field", "grid", `{"stops":[` + ok + `],"speed":5}`, 400, "invalid_parameter", `unknown field "speed"`},
		{"one stop", "grid", `{"stops":[[105.85,21.02]]}`, 400, "invalid_parameter", "stops: want 2 to 50 stops, got 1"},
		{"bad pair", "grid", `{"stops":[[105.85],[105.85,21.02]]}`, 400, "invalid_parameter", "stops[0]: want [lon, lat]"},
		{"lat out of range", "grid", `{"stops":[[105.85,21.02],[105.85,91]]}`, 400, "invalid_parameter", "stops[1]"},
		{"unknown venue", "grid", `{"stops":[{"venue":"nope"},[105.85,21.02]]}`, 400, "invalid_parameter", `stops[0]: no venue "nope"`},
		{"stop far from roads", "grid", `{"stops":[[105.85,21.02],[105.90,21.10]]}`, 400, "too_far_from_road", "stop 1"},
		{"profile", "grid", `{"stops":[` + ok + `],"profile":"bike"}`, 400, "invalid_parameter", `profile: want car or motorcade, got "bike"`},
		{"metric", "grid", `{"stops":[` + ok + `],"metric":"beauty"}`, 400, "invalid_parameter", "metric"},
		{"departure", "grid", `{"stops":[` + ok + `],"departure":"tomorrow"}`, 400, "invalid_parameter", "departure: want an RFC 3339 time"},
		{"empty closure", "grid", `{"stops":[` + ok + `],"closures":[{}]}`, 400, "invalid_parameter", "closures[0]: want roads, names or a polygon"},
		{"closure road", "grid", `{"stops":[` + ok + `],"closures":[{"roads":["x"]}]}`, 400, "invalid_parameter", `closures[0]: routing: bad closure: roads: no road with id "x"`},
		{"closure polygon type", "grid", `{"stops":[` + ok + `],"closures":[{"polygon":{"type":"Point","coordinates":[1,2]}}]}`, 400, "invalid_parameter", "closures[0].polygon: want a GeoJSON Polygon, got Point"},
		{"closure window", "grid", `{"stops":[` + ok + `],"closures":[{"names":["Phố Hàng"],"from":"noon"}]}`, 400, "invalid_parameter", "closures[0].from"},
		{"no route", "grid", `{"stops":[` + ok + `],"closures":[{"polygon":{"type":"Polygon","coordinates":[[[105.849,21.019],[105.8515,21.019],[105.8515,21.0215],[105.849,21.0215],[105.849,21.019]]]}}]}`, 422, "no_route", "leg 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := post(s, "/api/cities/"+tt.city+"/route", tt.body)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			e := decode[errorBody](t, w)
			if e.Error.Code != tt.code || !strings.Contains(e.Error.Message, tt.msg) {
				t.Errorf("error %+v, want code %s with %q", e.Error, tt.code, tt.msg)
			}
		})
	}
	big := `{"stops":[` + ok + `],"closures":[{"names":["` + strings.Repeat("x", maxBody) + `"]}]}`
	if w := post(s, "/api/cities/grid/route", big); w.Code != 400 || !strings.Contains(w.Body.String(), "body: larger than") {
		t.Errorf("huge body: %d %s", w.Code, w.Body)
	}
}

func FuzzRouteBody(f *testing.F) {
	s := gridServer(f)
	f.Add(`{"stops":[[105.8502,21.0200],[105.8548,21.0200]]}`)
	f.Add(`{"stops":[{"venue":"sw"},{"venue":"ne"}],"profile":"motorcade","metric":"distance","closures":[{"names":["Phố Hàng"],"from":"2026-11-25T13:00:00Z"}]}`)
	f.Add(`{"stops":[[1e308,-1e308],[0,0]],"closures":[{"polygon":{"type":"Polygon","coordinates":[[[0,0]]]}}]}`)
	f.Fuzz(func(t *testing.T, body string) {
		w := post(s, "/api/cities/grid/route", body)
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		if w.Code != 200 {
			e := decode[errorBody](t, w)
			if e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("error body %s", w.Body)
			}
		}
	})
}

func TestCityRoutingSummary(t *testing.T) {
	type summary struct {
		Routing struct {
			Vertices        int      `json:"vertices"`
			Arcs            int      `json:"arcs"`
			DroppedVertices int      `json:"dropped_vertices"`
			Profiles        []string `json:"profiles"`
		} `json:"routing"`
	}
	c := decode[summary](t, get(gridServer(t), "/api/cities/grid"))
	// 6 x 6 junctions; 60 two-way streets.
	if r := c.Routing; r.Vertices != 36 || r.Arcs != 120 || r.DroppedVertices != 0 || len(r.Profiles) != 2 {
		t.Errorf("routing summary %+v", r)
	}
}

// TestRouteDwell: a stop's dwell_min delays the arrival by that long, as it does a plan's
// (duration_s counts driving only), and a stop may be {"at": [lon, lat]} as in a plan.
func TestRouteDwell(t *testing.T) {
	s := gridServer(t)
	arrival := func(stops string) time.Time {
		w := post(s, "/api/cities/grid/route", `{"stops":`+stops+`,"departure":"2026-11-25T14:00:00+07:00"}`)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", stops, w.Code, w.Body)
		}
		at, err := time.Parse(time.RFC3339, decode[routeBody](t, w).Summary.Arrival)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	plain := arrival(`[{"venue":"sw"},{"at":[105.853,21.0227]},{"venue":"ne"}]`)
	dwell := arrival(`[{"venue":"sw"},{"at":[105.853,21.0227],"dwell_min":30},{"venue":"ne"}]`)
	if d := dwell.Sub(plain); d < 29*time.Minute+59*time.Second || d > 30*time.Minute+time.Second {
		t.Errorf("a 30-minute dwell delayed the arrival by %v", d)
	}
}
