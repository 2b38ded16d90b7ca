package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func doType(s *Server, method, target, token, ctype, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+token)
	r.Header.Set("Content-Type", ctype)
	s.Handler().ServeHTTP(w, r)
	return w
}

func TestImportCheckpoints(t *testing.T) {
	s, tok := storedServer(t)
	p := tok["planner"]
	count := func() int {
		var fc struct{ Features []any }
		json.Unmarshal(do(s, "GET", "/api/cities/grid/checkpoints", p, "").Body.Bytes(), &fc)
		return len(fc.Features)
	}
	before := count()
	bad := "id,kind,name,unit,officers,radius_m,lon,lat\nimp-1,traffic_post,Chốt 1,CSGT,4,150,105.851,21.021\nimp-2,tank,Chốt 2,CSGT,4,150,105.852,21.021\nimp-3,camera,Cam,CSGT,0,abc,105.853,21.021\n"
	w := doType(s, "POST", "/api/cities/grid/checkpoints/import", p, "text/csv", bad)
	var report struct {
		Error struct {
			Code, Message string
			Rows          []rowError
		}
	}
	json.Unmarshal(w.Body.Bytes(), &report)
	if w.Code != 400 || len(report.Error.Rows) != 2 || report.Error.Rows[0].Row != 2 && report.Error.Rows[1].Row != 2 || count() != before {
		t.Fatalf("bad import: %d %s (count %d, before %d)", w.Code, w.Body, count(), before)
	}
	good := strings.Replace(strings.Replace(bad, "tank", "security_post", 1), "abc", "80", 1)
	if w := doType(s, "POST", "/api/cities/grid/checkpoints/import", p, "text/csv", good); w.Code != 200 || count() != before+3 {
		t.Fatalf("import: %d %s, count %d", w.Code, w.Body, count())
	}
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","id":"imp-1","geometry":{"type":"Point","coordinates":[105.851,21.022]},"properties":{"kind":"traffic_post","name":"Chốt 1 dời","unit":"CSGT","officers":6,"radius_m":150}}]}`
	if w := doType(s, "POST", "/api/cities/grid/checkpoints/import", p, "application/geo+json", geo); w.Code != 200 || count() != before+3 {
		t.Fatalf("geojson import: %d %s", w.Code, w.Body)
	}
	if b := do(s, "GET", "/api/cities/grid/checkpoints/imp-1", p, "").Body.String(); !strings.Contains(b, "Chốt 1 dời") || !strings.Contains(b, `"version":2`) {
		t.Errorf("imported replacement: %s", b)
	}
	if w := doType(s, "POST", "/api/cities/grid/checkpoints/import", tok["viewer"], "text/csv", good); w.Code != 403 {
		t.Errorf("viewer import: %d", w.Code)
	}
}

func FuzzImportParsers(f *testing.F) {
	f.Add("text/csv", "id,kind,name,unit,officers,radius_m,lon,lat\na,camera,C,U,0,100,105.8,21.0\n")
	f.Add("text/csv", "id,kind\n\"a\nb")
	f.Add("application/json", `{"type":"FeatureCollection","features":[{"geometry":{"type":"Point","coordinates":[1e400,0]}}]}`)
	f.Fuzz(func(t *testing.T, ctype, body string) {
		cps, bad := parseImport(ctype, []byte(body))
		if len(bad) == 0 {
			for _, cp := range cps {
				if cp.ID == "" || cp.Name == "" {
					t.Fatalf("accepted %+v", cp)
				}
			}
		}
	})
}

// BenchmarkImportBadRows parses a 10 MB CSV whose every row is bad: each is reported, in
// time linear in the rows (a scan of the earlier errors per row took minutes).
func BenchmarkImportBadRows(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id,kind,name,unit,officers,radius_m,lon,lat\n")
	n := 0
	for sb.Len() < maxImport-64 {
		fmt.Fprintf(&sb, "cp-%d,traffic_post,C,U,4,x,108.3,15.8\n", n)
		n++
	}
	body := []byte(sb.String())
	for b.Loop() {
		if cps, bad := parseImport("text/csv", body); len(cps) != n || len(bad) != n {
			b.Fatalf("%d rows, %d errors; want %d each", len(cps), len(bad), n)
		}
	}
	b.ReportMetric(float64(n), "rows")
}

func TestSavedPlans(t *testing.T) {
	s, tok := storedServer(t)
	p := tok["planner"]
	body := `{"name":"Đón đoàn","departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"sw"},{"venue":"ne"}]}`
	w := do(s, "POST", "/api/cities/grid/plans", p, body)
	if w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	var meta struct {
		ID      string
		Version int64
	}
	json.Unmarshal(w.Body.Bytes(), &meta)
	// A viewer learns nothing: 403 for this plan and for one that does not exist.
	for _, id := range []string{meta.ID, "0000000000000000"} {
		if w := do(s, "GET", "/api/cities/grid/plans/"+id, tok["viewer"], ""); w.Code != 403 {
			t.Errorf("viewer, plan %s: %d", id, w.Code)
		}
		if w := do(s, "GET", "/api/cities/grid/plans/"+id, "", ""); w.Code != 401 {
			t.Errorf("no token, plan %s: %d", id, w.Code)
		}
	}
	if w := do(s, "GET", "/api/cities/grid/plans/"+meta.ID, p, ""); w.Code != 200 || !strings.Contains(w.Body.String(), "Đón đoàn") {
		t.Errorf("get: %d %s", w.Code, w.Body)
	}
	// A plan that could not be evaluated is not saved.
	if w := do(s, "POST", "/api/cities/grid/plans", p, strings.Replace(body, `"sw"`, `"nowhere"`, 1)); w.Code != 400 || !strings.Contains(w.Body.String(), `stops[0].venue`) {
		t.Errorf("unknown venue: %d %s", w.Code, w.Body)
	}
	if w := do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result?format=pdf", p, ""); w.Code != 400 || !strings.Contains(w.Body.String(), `format: want json`) {
		t.Errorf("format=pdf: %d %s", w.Code, w.Body)
	}
	first := do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result", p, "")
	if first.Code != 200 || !strings.Contains(first.Body.String(), `"layers"`) {
		t.Errorf("result: %d %.200s", first.Code, first.Body)
	}
	// The evaluation is kept with the plan's version, and served from there.
	if stored, err := s.store.Plan(t.Context(), "grid", meta.ID); err != nil || stored.Result == nil || stored.ResultVersion != stored.Version {
		t.Errorf("result not kept: version %d, result of %d, %d bytes, %v", stored.Version, stored.ResultVersion, len(stored.Result), err)
	}
	if second := do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result", p, ""); second.Body.String() != first.Body.String() {
		t.Errorf("the kept result differs from the first answer")
	}
	if w := do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result?format=gpx", p, ""); w.Code != 200 || !strings.Contains(w.Body.String(), "<trkpt") {
		t.Errorf("gpx: %d %.200s", w.Code, w.Body)
	}
	if w := do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result?format=csv", p, ""); w.Code != 200 || !strings.HasPrefix(w.Body.String(), "junction,lat,lon") {
		t.Errorf("csv: %d %.200s", w.Code, w.Body)
	}
	var fc struct {
		Type     string
		Features []struct{ Properties map[string]any }
	}
	w = do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result?format=geojson", p, "")
	if json.Unmarshal(w.Body.Bytes(), &fc); w.Code != 200 || fc.Type != "FeatureCollection" || len(fc.Features) == 0 || fc.Features[0].Properties["layer"] == nil {
		t.Errorf("geojson: %d %.200s", w.Code, w.Body)
	}
	if w := do(s, "GET", "/api/cities/grid/plans/"+meta.ID+"/result?format=pdf", p, ""); w.Code != 400 {
		t.Errorf("pdf: %d", w.Code)
	}
	update := `{"version":1,"plan":` + strings.Replace(body, "Đón đoàn", "Đón đoàn 2", 1) + `}`
	if w := do(s, "PUT", "/api/cities/grid/plans/"+meta.ID, p, `{"version":1}`); w.Code != 400 || !strings.Contains(w.Body.String(), "plan: missing") {
		t.Errorf("update without a plan: %d %s", w.Code, w.Body)
	}
	if w := do(s, "PUT", "/api/cities/grid/plans/"+meta.ID, p, update); w.Code != 200 {
		t.Errorf("update: %d %s", w.Code, w.Body)
	}
	if w := do(s, "PUT", "/api/cities/grid/plans/"+meta.ID, p, update); w.Code != 409 {
		t.Errorf("stale update: %d %s", w.Code, w.Body)
	}
	if w := do(s, "POST", "/api/cities/grid/plans", p, `{"stops":[]}`); w.Code != 400 {
		t.Errorf("invalid plan saved: %d", w.Code)
	}
	if w := do(s, "GET", "/api/cities/grid/plans", p, ""); !strings.Contains(w.Body.String(), `"version":2`) {
		t.Errorf("list: %s", w.Body)
	}
	if w := do(s, "DELETE", "/api/cities/grid/plans/"+meta.ID+"?version=2", p, ""); w.Code != http.StatusNoContent {
		t.Errorf("delete: %d %s", w.Code, w.Body)
	}
}
