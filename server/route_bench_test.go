package server

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport/osmtest"
)

// BenchmarkRouteEndpoint is POST /route on the real Hà Nội extract (© OpenStreetMap
// contributors) through the Gin router: random car routes in the inner city.
func BenchmarkRouteEndpoint(b *testing.B) {
	city := osmtest.Hanoi(b)
	s, err := New(Config{Cities: []*geo.City{city}})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	bodies := make([]string, 1000)
	for i := range bodies {
		bodies[i] = fmt.Sprintf(`{"stops":[[%.6f,%.6f],[%.6f,%.6f]]}`, 105.80+rng.Float64()*0.07, 21.00+rng.Float64()*0.035,
			105.80+rng.Float64()*0.07, 21.00+rng.Float64()*0.035)
	}
	b.ReportAllocs()
	bad := 0
	for i := 0; b.Loop(); i++ {
		w := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/api/cities/ha-noi-osm/route", strings.NewReader(bodies[i%len(bodies)]))
		s.Handler().ServeHTTP(w, req)
		if w.Code != 200 {
			bad++
		}
	}
	b.ReportMetric(float64(bad)/float64(b.N), "errors/op")
}
