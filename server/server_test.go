package server

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// testCity is a small city around Hoàn Kiếm lake: checkpoints on a line going east.
func testCity(tb testing.TB, n int) *geo.City {
	tb.Helper()
	c := &geo.City{
		ID: "test", Name: "Hà Nội thử", TimeZone: "Asia/Ho_Chi_Minh",
		Bound:  orb.Bound{Min: orb.Point{105.70, 20.90}, Max: orb.Point{105.95, 21.25}},
		Centre: orb.Point{105.8523, 21.0285},
		Roads: []geo.Road{
			{ID: "r1", Highway: "primary", Name: "Đinh Tiên Hoàng", Line: orb.LineString{{105.852, 21.028}, {105.853, 21.032}}},
			{ID: "r2", Highway: "residential", Name: "Hàng Bạc", Line: orb.LineString{{105.853, 21.032}, {105.85, 21.034}}},
		},
		Venues: []geo.Venue{
			{ID: "v1", Kind: "conference_centre", Name: "Trung tâm Hội nghị Quốc gia", NameEn: "National Convention Center", Point: orb.Point{105.7865, 21.0065}},
			{ID: "v2", Kind: "hotel", Name: "Khách sạn Sofitel Legend Metropole Hà Nội", Point: orb.Point{105.8562, 21.0257}},
			{ID: "v3", Kind: "government", Name: "Nhà khách Chính phủ", Point: orb.Point{105.8561, 21.0225}},
		},
	}
	r := rand.New(rand.NewPCG(1, 1))
	for i := range n {
		kind := geo.CheckpointKinds[i%len(geo.CheckpointKinds)]
		officers := 3
		if kind == "camera" {
			officers = 0
		}
		p := orb.Point{105.8523 + float64(i)*0.001, 21.0285}
		if i >= 10 {
			p = orb.Point{105.72 + r.Float64()*0.2, 20.95 + r.Float64()*0.25}
		}
		c.Checkpoints = append(c.Checkpoints, geo.Checkpoint{ID: fmt.Sprintf("cp-%04d", i), Kind: kind,
			Name: fmt.Sprintf("Chốt %d", i), Unit: "Đội CSGT số 1", Officers: officers, RadiusM: 150, Point: p})
	}
	return c
}

func newTestServer(tb testing.TB, n int) *Server {
	tb.Helper()
	s, err := New(Config{Cities: []*geo.City{testCity(tb, n)}})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func get(s *Server, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	return w
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("body %q: %v", w.Body.String(), err)
	}
	return v
}

func TestErrors(t *testing.T) {
	s := newTestServer(t, 20)
	tests := []struct {
		target string
		status int
		code   string
		msg    string // the message must contain this
	}{
		{"/api/cities/nowhere", 404, "unknown_city", `unknown city "nowhere"`},
		{"/api/cities/nowhere/checkpoints/nearest?lat=21&lon=105.8", 404, "unknown_city", "nowhere"},
		{"/api/cities/test/checkpoints/nearest?lon=105.8", 400, "invalid_parameter", "lat: missing"},
		{"/api/cities/test/checkpoints/nearest?lat=21", 400, "invalid_parameter", "lon: missing"},
		{"/api/cities/test/checkpoints/nearest?lat=NaN&lon=105.8", 400, "invalid_parameter", "lat: want a number"},
		{"/api/cities/test/checkpoints/nearest?lat=Inf&lon=105.8", 400, "invalid_parameter", "lat: want a number"},
		{"/api/cities/test/checkpoints/nearest?lat=abc&lon=105.8", 400, "invalid_parameter", `lat: want a number, got "abc"`},
		{"/api/cities/test/checkpoints/nearest?lat=91&lon=105.8", 400, "invalid_parameter", "lat: want a number from -90 to 90, got 91"},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=-181", 400, "invalid_parameter", "lon: want a number from -180 to 180"},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&k=0", 400, "invalid_parameter", "k: want a whole number from 1 to 100, got 0"},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&k=-3", 400, "invalid_parameter", "k: "},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&k=1000000", 400, "invalid_parameter", "k: want a whole number from 1 to 100"},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&k=99999999999999999999", 400, "invalid_parameter", "k: "},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&k=2.5", 400, "invalid_parameter", "k: "},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&within_m=0", 400, "invalid_parameter", "within_m: "},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&within_min=5", 400, "invalid_parameter", "within_min: by=distance takes within_m"},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&within_m=-5", 400, "invalid_parameter", "within_m: "},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&within_m=1e9", 400, "invalid_parameter", "within_m: "},
		{"/api/cities/test/checkpoints/nearest?lat=21&lon=105.8&kind=tank", 400, "invalid_parameter", `kind: want one or more of traffic_post`},
		{"/api/cities/test/checkpoints?bbox=1,2,3", 400, "invalid_parameter", "bbox: want minLon,minLat,maxLon,maxLat"},
		{"/api/cities/test/checkpoints?bbox=106,21,105,22", 400, "invalid_parameter", "bbox: want minLon <= maxLon"},
		{"/api/cities/test/roads?bbox=a,b,c,d", 400, "invalid_parameter", "bbox: want a number"},
		{"/api/cities/test/roads?bbox=105,95,106,96", 400, "invalid_parameter", "bbox: want a number from -90 to 90"},
		{"/api/cities/test/roads?kind=hotel", 400, "invalid_parameter", "kind: "},
		{"/api/cities/test/venues?kind=motorway", 400, "invalid_parameter", "kind: "},
		{"/api/cities/test/venues/search", 400, "invalid_parameter", "q: missing"},
		{"/api/cities/test/venues/search?q=" + strings.Repeat("a", 300), 400, "invalid_parameter", "q: "},
		{"/api/cities/test/venues/search?q=hotel&limit=0", 400, "invalid_parameter", "limit: "},
		{"/api/nothing", 404, "not_found", "no such endpoint"},
		{"/api/cities/test/../../etc/passwd", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := get(s, tt.target)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if tt.code == "" {
				return
			}
			body := decode[errorBody](t, w)
			if body.Error.Code != tt.code || !strings.Contains(body.Error.Message, tt.msg) {
				t.Errorf("error %+v, want code %q and a message containing %q", body.Error, tt.code, tt.msg)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := newTestServer(t, 5)
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/cities", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Fatalf("status %d, want 405", w.Code)
	}
	if body := decode[errorBody](t, w); body.Error.Code != "method_not_allowed" {
		t.Errorf("error %+v", body.Error)
	}
}

func TestNearest(t *testing.T) {
	s := newTestServer(t, 200)
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"k=3 along the line", "lat=21.0285&lon=105.8523&k=3", []string{"cp-0000", "cp-0001", "cp-0002"}},
		{"default k is 5", "lat=21.0285&lon=105.8523", nil},
		{"within 150 m", "lat=21.0285&lon=105.8523&k=50&within_m=150", []string{"cp-0000", "cp-0001"}},
		{"kind", "lat=21.0285&lon=105.8523&k=2&kind=camera", []string{"cp-0002", "cp-0007"}},
		{"two kinds", "lat=21.0285&lon=105.8523&k=2&kind=camera,medical", []string{"cp-0002", "cp-0004"}},
		{"nothing within 1 m", "lat=21.0&lon=105.8&within_m=1", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(s, "/api/cities/test/checkpoints/nearest?"+tt.query)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			resp := decode[nearestResponse](t, w)
			ids := []string{}
			prev := -1.0
			for _, f := range resp.Features {
				ids = append(ids, f.ID)
				if f.Properties.DistanceM < prev {
					t.Errorf("not nearest first: %v", resp.Features)
				}
				prev = f.Properties.DistanceM
			}
			if tt.want == nil {
				if len(ids) != 5 {
					t.Errorf("got %d hits, want 5", len(ids))
				}
				return
			}
			if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", ids, tt.want)
			}
		})
	}
	// Distances and bearings: cp-0001 is 0.001° of longitude (about 104 m) due east.
	resp := decode[nearestResponse](t, get(s, "/api/cities/test/checkpoints/nearest?lat=21.0285&lon=105.8523&k=2"))
	f := resp.Features[1]
	if f.Properties.DistanceM < 103 || f.Properties.DistanceM > 105 || f.Properties.BearingDeg < 89.9 || f.Properties.BearingDeg > 90.1 {
		t.Errorf("cp-0001 at %.2f m, bearing %.2f; want about 104 m at 90°", f.Properties.DistanceM, f.Properties.BearingDeg)
	}
	if resp.Type != "FeatureCollection" || f.Geometry.Type != "Point" || f.Properties.Unit == "" || !resp.Features[0].Properties.Within {
		t.Errorf("response shape: %+v", resp)
	}
}

func TestCities(t *testing.T) {
	s := newTestServer(t, 20)
	list := decode[struct{ Cities []citySummary }](t, get(s, "/api/cities"))
	if len(list.Cities) != 1 || list.Cities[0].ID != "test" {
		t.Fatalf("cities = %+v", list)
	}
	c := decode[citySummary](t, get(s, "/api/cities/test"))
	if c.Counts["checkpoints"] != 20 || c.Counts["roads"] != 2 || c.Counts["venues"] != 3 || c.TimeZone != "Asia/Ho_Chi_Minh" {
		t.Errorf("summary = %+v", c)
	}
	if c.BBox != [4]float64{105.70, 20.90, 105.95, 21.25} || c.Centre != [2]float64{105.8523, 21.0285} {
		t.Errorf("bbox %v centre %v", c.BBox, c.Centre)
	}
	if c.Kinds["camera"] != 4 || c.Officers != 16*3 {
		t.Errorf("kinds %v officers %d", c.Kinds, c.Officers)
	}
}

type collection struct {
	Type     string
	Features []struct {
		ID         string
		Geometry   struct{ Type string }
		Properties map[string]any
	}
}

func TestLayers(t *testing.T) {
	s := newTestServer(t, 20)
	tests := []struct {
		target string
		want   int
	}{
		{"/api/cities/test/roads", 2},
		{"/api/cities/test/roads?kind=primary", 1},
		{"/api/cities/test/roads?kind=primary,residential", 2},
		{"/api/cities/test/roads?bbox=105.8505,21.033,105.86,21.04", 1},
		{"/api/cities/test/venues", 3},
		{"/api/cities/test/venues?kind=hotel", 1},
		{"/api/cities/test/checkpoints", 20},
		{"/api/cities/test/checkpoints?kind=camera", 4},
		{"/api/cities/test/checkpoints?bbox=105.852,21.028,105.8555,21.029", 4},
		{"/api/cities/test/checkpoints?bbox=105.852,21.028,105.8555,21.029&kind=traffic_post", 1},
	}
	for _, tt := range tests {
		w := get(s, tt.target)
		if w.Code != 200 || w.Header().Get("Content-Type") != "application/geo+json" {
			t.Fatalf("%s: status %d, type %q", tt.target, w.Code, w.Header().Get("Content-Type"))
		}
		fc := decode[collection](t, w)
		if fc.Type != "FeatureCollection" || len(fc.Features) != tt.want {
			t.Errorf("%s: %d features, want %d", tt.target, len(fc.Features), tt.want)
		}
	}
	fc := decode[collection](t, get(s, "/api/cities/test/checkpoints?kind=traffic_post"))
	p := fc.Features[0].Properties
	for _, key := range []string{"kind", "name", "unit", "officers", "radius_m"} {
		if _, ok := p[key]; !ok {
			t.Errorf("checkpoint feature lacks %s: %v", key, p)
		}
	}
}

func TestVenueSearch(t *testing.T) {
	s := newTestServer(t, 5)
	tests := []struct {
		q    string
		want string
	}{
		{"trung tam hoi nghi", "v1"},
		{"TRUNG TÂM HỘI NGHỊ", "v1"},
		{"convention", "v1"},
		{"metropole", "v2"},
		{"nha khach chinh phu", "v3"},
		{"khach", "v2"}, // a name that starts with the query ranks above one that only contains it
	}
	for _, tt := range tests {
		fc := decode[collection](t, get(s, "/api/cities/test/venues/search?q="+url.QueryEscape(tt.q)))
		if len(fc.Features) == 0 || fc.Features[0].ID != tt.want {
			t.Errorf("q=%q: got %+v, want %s first", tt.q, fc.Features, tt.want)
		}
	}
	if fc := decode[collection](t, get(s, "/api/cities/test/venues/search?q=zzz")); len(fc.Features) != 0 {
		t.Errorf("q=zzz: %d features", len(fc.Features))
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	s := newTestServer(t, 5)
	if w := get(s, "/healthz"); w.Code != 200 {
		t.Errorf("healthz %d", w.Code)
	}
	if w := get(s, "/readyz"); w.Code != 200 {
		t.Errorf("readyz %d", w.Code)
	}
	get(s, "/api/cities/test/checkpoints/nearest?lat=21&lon=105.8")
	get(s, "/api/cities/test/checkpoints/nearest?lat=x&lon=105.8")
	w := get(s, "/metrics")
	body := w.Body.String()
	for _, want := range []string{
		`chot_http_requests_total{method="GET",route="/api/cities/:city/checkpoints/nearest",status="200"} 1`,
		`chot_http_requests_total{method="GET",route="/api/cities/:city/checkpoints/nearest",status="400"} 1`,
		`chot_http_request_duration_seconds_count{method="GET",route="/api/cities/:city/checkpoints/nearest"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	s.Drain()
	if w := get(s, "/readyz"); w.Code != 503 {
		t.Errorf("readyz while draining: %d", w.Code)
	}
}

func TestNewRejectsDuplicateCity(t *testing.T) {
	c := testCity(t, 2)
	if _, err := New(Config{Cities: []*geo.City{c, c}}); err == nil {
		t.Fatal("no error for a city given twice")
	}
}

func FuzzNearestParams(f *testing.F) {
	f.Add("21.0285", "105.8523", "5", "", "")
	f.Add("NaN", "1e400", "-1", "abc", "camera,,")
	f.Add("", "", "99999999999999999999", "0x10", "traffic_post")
	f.Add("9e-400", "+105", "01", "1e5", "%00")
	s := newTestServer(f, 50)
	f.Fuzz(func(t *testing.T, lat, lon, k, within, kind string) {
		q := url.Values{"lat": {lat}, "lon": {lon}, "k": {k}, "within_m": {within}, "kind": {kind}}
		for _, target := range []string{
			"/api/cities/test/checkpoints/nearest?" + q.Encode(),
			"/api/cities/test/checkpoints?" + url.Values{"bbox": {lat + "," + lon + "," + k + "," + within}, "kind": {kind}}.Encode(),
			"/api/cities/test/venues/search?" + url.Values{"q": {lat + kind}, "limit": {k}}.Encode(),
		} {
			w := get(s, target)
			switch w.Code {
			case 200:
				var v map[string]any
				if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
					t.Fatalf("%s: 200 with bad JSON: %v", target, err)
				}
			case 400:
				var e errorBody
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code != codeInvalidParameter || e.Error.Message == "" {
					t.Fatalf("%s: 400 with body %s", target, w.Body)
				}
			default:
				t.Fatalf("%s: status %d: %s", target, w.Code, w.Body)
			}
		}
	})
}

// BenchmarkNearestEndpoint is GET .../checkpoints/nearest?k=5 through the Gin router over
// 100,000 checkpoints, JSON rendering included.
func BenchmarkNearestEndpoint(b *testing.B) {
	s := newTestServer(b, 100_000)
	h := s.Handler()
	r := rand.New(rand.NewPCG(2, 2))
	targets := make([]string, 1024)
	for i := range targets {
		targets[i] = fmt.Sprintf("/api/cities/test/checkpoints/nearest?lat=%.6f&lon=%.6f&k=5", 20.95+r.Float64()*0.25, 105.72+r.Float64()*0.2)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, targets[i%len(targets)], nil))
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
		i++
	}
}
