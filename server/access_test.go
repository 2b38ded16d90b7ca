package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
	"github.com/paulmach/orb"
)

// storedServer is the grid city with a SQLite store and one user per role.
func storedServer(t *testing.T) (*Server, map[string]string) {
	t.Helper()
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "chot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tokens := map[string]string{}
	for _, r := range []store.Role{store.RoleViewer, store.RolePlanner, store.RoleAdmin} {
		_, tok, err := st.AddUser(t.Context(), "test", string(r)+"-user", r)
		if err != nil {
			t.Fatal(err)
		}
		tokens[string(r)] = tok
	}
	s, err := New(Config{Cities: []*geo.City{gridCity(t)}, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return s, tokens
}

func do(s *Server, method, target, token, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	r.Header.Set("Content-Type", "application/json")
	s.Handler().ServeHTTP(w, r)
	return w
}

// TestAccessMatrix: every endpoint for no token, a viewer, a planner and an admin.
func TestAccessMatrix(t *testing.T) {
	s, tok := storedServer(t)
	cp := `{"id":"cp-new","kind":"traffic_post","name":"Chốt mới","unit":"CSGT","officers":4,"radius_m":100,"lon":105.851,"lat":21.0205}`
	plan := `{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"venue":"ne"}]}`
	tests := []struct {
		method, path, body string
		want               [4]int // none, viewer, planner, admin
	}{
		{"GET", "/healthz", "", [4]int{200, 200, 200, 200}},
		{"GET", "/readyz", "", [4]int{200, 200, 200, 200}},
		{"GET", "/", "", [4]int{200, 200, 200, 200}},
		{"GET", "/metrics", "", [4]int{401, 200, 200, 200}},
		{"GET", "/api/cities", "", [4]int{401, 200, 200, 200}},
		{"GET", "/api/cities/grid/checkpoints", "", [4]int{401, 200, 200, 200}},
		{"GET", "/api/cities/grid/checkpoints/nearest?lat=21.02&lon=105.851", "", [4]int{401, 200, 200, 200}},
		{"GET", "/api/cities/grid/checkpoints/cp-0000", "", [4]int{401, 200, 200, 200}},
		{"GET", "/tiles/grid.json", "", [4]int{401, 200, 200, 200}},
		{"GET", "/styles/grid.json", "", [4]int{401, 200, 200, 200}},
		{"GET", "/tiles/grid/3/0/0.mvt", "", [4]int{401, 204, 204, 204}},
		{"GET", "/route/v1/car/105.8502,21.0201;105.8548,21.0244", "", [4]int{401, 200, 200, 200}},
		{"POST", "/api/cities/grid/route", `{"stops":[[105.8502,21.0201],[105.8548,21.0244]]}`, [4]int{401, 200, 200, 200}},
		{"POST", "/api/cities/grid/plans/evaluate", plan, [4]int{401, 403, 200, 200}},
		{"GET", "/api/cities/grid/audit", "", [4]int{401, 403, 200, 200}},
		{"POST", "/api/cities/grid/checkpoints", cp, [4]int{401, 403, 201, 409}},
		{"GET", "/api/users", "", [4]int{401, 403, 403, 200}},
		{"POST", "/api/users", `{"name":"khach","role":"viewer"}`, [4]int{401, 403, 403, 201}},
		{"GET", "/api/me", "", [4]int{401, 200, 200, 200}},
		{"GET", "/api/cities/grid/plans", "", [4]int{401, 403, 200, 200}},
		{"GET", "/api/cities/grid/plans/0000000000000000", "", [4]int{401, 403, 404, 404}},
		{"POST", "/api/cities/grid/checkpoints/import", `{"type":"FeatureCollection","features":[]}`, [4]int{401, 403, 400, 400}},
		{"POST", "/api/cities/grid/plans/evaluate?format=csv", plan, [4]int{401, 403, 200, 200}},
	}
	for _, tt := range tests {
		for i, who := range []string{"", "viewer", "planner", "admin"} {
			w := do(s, tt.method, tt.path, tok[who], tt.body)
			if w.Code != tt.want[i] {
				t.Errorf("%s %s as %q: %d, want %d: %.120s", tt.method, tt.path, who, w.Code, tt.want[i], w.Body)
			}
		}
	}
	if w := do(s, "GET", "/api/cities", "chot_not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxx", ""); w.Code != 401 ||
		!strings.Contains(w.Body.String(), `"unauthorized"`) {
		t.Errorf("bad token: %d %s", w.Code, w.Body)
	}
}

func TestFailedLoginsLimited(t *testing.T) {
	s, tok := storedServer(t)
	for i := range maxFailures {
		if w := do(s, "GET", "/api/cities", fmt.Sprintf("wrong-%d", i), ""); w.Code != 401 {
			t.Fatalf("attempt %d: %d", i, w.Code)
		}
	}
	if w := do(s, "GET", "/api/cities", "wrong", ""); w.Code != http.StatusTooManyRequests {
		t.Errorf("after %d failures: %d", maxFailures, w.Code)
	}
	if w := do(s, "GET", "/api/cities", tok["viewer"], ""); w.Code != http.StatusTooManyRequests {
		t.Errorf("even a good token waits out the window: %d", w.Code)
	}
}

func TestCheckpointEdits(t *testing.T) {
	s, tok := storedServer(t)
	planner := tok["planner"]
	near := func() string {
		return do(s, "GET", "/api/cities/grid/checkpoints/nearest?lat=21.0205&lon=105.851&k=1", planner, "").Body.String()
	}
	w := do(s, "POST", "/api/cities/grid/checkpoints", planner,
		`{"id":"cp-new","kind":"traffic_post","name":"Chốt mới","unit":"CSGT","officers":4,"radius_m":100,"lon":105.851,"lat":21.0205}`)
	if w.Code != 201 || !strings.Contains(w.Body.String(), `"version":1`) {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	if !strings.Contains(near(), `"cp-new"`) {
		t.Fatalf("the index does not follow the new checkpoint: %s", near())
	}
	if w := do(s, "POST", "/api/cities/grid/checkpoints", planner,
		`{"id":"cp-v","kind":"camera","name":"C","unit":"CSGT","officers":0,"radius_m":100,"lon":105.851,"lat":21.0205,"version":3}`); w.Code != 400 || !strings.Contains(w.Body.String(), "version: a new checkpoint has none") {
		t.Errorf("create with a version: %d %s", w.Code, w.Body)
	}
	// Two planners edit version 1 at once: one wins, the other gets 409.
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = do(s, "PUT", "/api/cities/grid/checkpoints/cp-new", planner,
				fmt.Sprintf(`{"kind":"traffic_post","name":"Chốt %d","unit":"CSGT","officers":%d,"radius_m":100,"lon":105.851,"lat":21.0205,"version":1}`, i, 5+i)).Code
		}()
	}
	wg.Wait()
	if !(codes[0] == 200 && codes[1] == 409 || codes[0] == 409 && codes[1] == 200) {
		t.Errorf("concurrent updates: %v, want one 200 and one 409", codes)
	}
	// Move it 600 m east: nearest and the tiles follow.
	w = do(s, "PUT", "/api/cities/grid/checkpoints/cp-new", planner,
		`{"kind":"camera","name":"Camera","unit":"CSGT","officers":0,"radius_m":100,"lon":105.857,"lat":21.0205,"version":2}`)
	if w.Code != 200 || !strings.Contains(near(), `"coordinates":[105.857,21.0205]`) {
		t.Errorf("move: %d, nearest %s", w.Code, near())
	}
	bad := []struct{ body, msg string }{
		{`{"kind":"traffic_post","name":"X","unit":"U","officers":500,"radius_m":100,"lon":105.851,"lat":21.02,"version":3}`, "officers"},
		{`{"kind":"tank","name":"X","unit":"U","officers":5,"radius_m":100,"lon":105.851,"lat":21.02,"version":3}`, "kind"},
		{`{"kind":"traffic_post","name":"X","unit":"U","officers":5,"radius_m":100,"lon":105.851,"lat":21.02}`, "version"},
		{`{"kind":"traffic_post","name":"X","unit":"U","officers":5,"radius_m":100,"lon":105.851,"lat":21.02,"version":1}`, "stale"},
	}
	for _, b := range bad {
		if w := do(s, "PUT", "/api/cities/grid/checkpoints/cp-new", planner, b.body); w.Code < 400 || w.Code >= 500 || !strings.Contains(w.Body.String(), b.msg) {
			t.Errorf("%s: %d %s", b.msg, w.Code, w.Body)
		}
	}
	if w := do(s, "DELETE", "/api/cities/grid/checkpoints/cp-new?version=2", planner, ""); w.Code != 409 {
		t.Errorf("stale delete: %d", w.Code)
	}
	if w := do(s, "DELETE", "/api/cities/grid/checkpoints/cp-new?version=3", planner, ""); w.Code != 204 {
		t.Errorf("delete: %d %s", w.Code, w.Body)
	}
	if w := do(s, "GET", "/api/cities/grid/checkpoints/cp-new", planner, ""); w.Code != 404 {
		t.Errorf("deleted checkpoint: %d", w.Code)
	}
	audit := do(s, "GET", "/api/cities/grid/audit?limit=5", planner, "").Body.String()
	for _, want := range []string{`"action":"delete"`, `"action":"update"`, `"actor":"planner-user"`} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit lacks %s: %.300s", want, audit)
		}
	}
}

// BenchmarkCheckpointUpdate is a durable checkpoint update through the router: the request,
// the SQLite write (synchronous=FULL) and the rebuild of the city's index, tiles and plans.
func BenchmarkCheckpointUpdate(b *testing.B) {
	st, err := store.OpenSQLite(filepath.Join(b.TempDir(), "chot.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	_, tok, _ := st.AddUser(b.Context(), "bench", "p", store.RolePlanner)
	s, err := New(Config{Cities: []*geo.City{benchCity(b)}, Store: st})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	version := 1
	for i := 0; b.Loop(); i++ {
		body := fmt.Sprintf(`{"kind":"traffic_post","name":"Chốt","unit":"CSGT","officers":%d,"radius_m":150,"lon":105.8523,"lat":21.0285,"version":%d}`, 1+i%50, version)
		if w := do(s, "PUT", "/api/cities/grid/checkpoints/cp-0000", tok, body); w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
		version++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
}

// benchCity is the embedded Hà Nội map (195 checkpoints) renamed grid, with cp-0000 added.
func benchCity(b *testing.B) *geo.City {
	cities, err := data.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range cities {
		if c.ID == "ha-noi" {
			out := *c
			out.ID = "grid"
			out.Checkpoints = append(slices.Clone(c.Checkpoints), geo.Checkpoint{ID: "cp-0000", Kind: "traffic_post",
				Name: "Chốt", Unit: "CSGT", Officers: 4, RadiusM: 150, Point: orb.Point{105.8523, 21.0285}})
			return &out
		}
	}
	b.Fatal("no ha-noi")
	return nil
}

// TestWatchSeesOtherInstances: two servers share one store; an edit through one appears in
// the other after its next watch tick.
func TestWatchSeesOtherInstances(t *testing.T) {
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "chot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, tok, _ := st.AddUser(t.Context(), "test", "p", store.RolePlanner)
	a, err := New(Config{Cities: []*geo.City{gridCity(t)}, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Config{Cities: []*geo.City{gridCity(t)}, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go b.Watch(ctx, 20*time.Millisecond)
	if w := do(a, "POST", "/api/cities/grid/checkpoints", tok,
		`{"id":"elsewhere","kind":"camera","name":"Camera","unit":"CSGT","officers":0,"radius_m":100,"lon":105.851,"lat":21.0205}`); w.Code != 201 {
		t.Fatalf("create on a: %d %s", w.Code, w.Body)
	}
	near := func() string {
		return do(b, "GET", "/api/cities/grid/checkpoints/nearest?lat=21.0205&lon=105.851&k=1", tok, "").Body.String()
	}
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(near(), `"elsewhere"`) {
		if time.Now().After(deadline) {
			t.Fatalf("b never saw a's edit: %s", near())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A plan saved through a changes no checkpoint: b keeps its city as it is.
	before := b.cityByID("grid")
	if w := do(a, "POST", "/api/cities/grid/plans", tok, `{"name":"P","departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"venue":"ne"}]}`); w.Code != 201 {
		t.Fatalf("plan on a: %d %s", w.Code, w.Body)
	}
	time.Sleep(100 * time.Millisecond) // five ticks
	if b.cityByID("grid") != before {
		t.Errorf("a plan save rebuilt b's city")
	}
}

// TestEditsBesideReads creates checkpoints while other requests read the checkpoints layer
// and readiness: run under -race, it checks a new city state takes nothing from the old one
// that a reader may be writing.
func TestEditsBesideReads(t *testing.T) {
	s, tok := storedServer(t)
	planner := tok["planner"]
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if w := do(s, "GET", "/api/cities/grid/checkpoints", planner, ""); w.Code != 200 {
					t.Errorf("layer: %d", w.Code)
				}
				do(s, "GET", "/readyz", "", "")
			}
		})
	}
	for i := range 20 {
		body := fmt.Sprintf(`{"id":"cp-%d","kind":"camera","name":"Camera","unit":"CSGT","officers":0,"radius_m":100,"lon":105.851,"lat":21.0205}`, i)
		if w := do(s, "POST", "/api/cities/grid/checkpoints", planner, body); w.Code != 201 {
			t.Errorf("create %d: %d %s", i, w.Code, w.Body)
		}
	}
	close(stop)
	wg.Wait()
}
