package routing

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

var departure = time.Date(2026, 11, 25, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))

func namedCross(t *testing.T) *Router {
	t.Helper()
	c := crossCity()
	for i := range c.Roads {
		c.Roads[i].Name = map[string]string{"west": "Phố Tây", "east": "Đường Đông", "north": "Đường Bắc",
			"south": "Đường Nam", "loop-n": "Ngõ Bắc", "loop-s": "Ngõ Nam"}[c.Roads[i].ID]
	}
	r, err := NewRouter(c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func streetNames(rt *Route) []string {
	var out []string
	for _, s := range rt.Streets {
		out = append(out, s.Name)
	}
	return out
}

func TestRouteClosures(t *testing.T) {
	r := namedCross(t)
	from, to := orb.Point{105.797, 21.0001}, orb.Point{105.8005, 21.0005} // west arm; the middle of Ngõ Bắc
	viaEast := []string{"Phố Tây", "Đường Đông", "Ngõ Bắc"}
	viaNorth := []string{"Phố Tây", "Đường Bắc", "Ngõ Bắc"}
	square := orb.Polygon{{{105.8003, 20.9998}, {105.8007, 20.9998}, {105.8007, 21.0002}, {105.8003, 21.0002}, {105.8003, 20.9998}}} // across Đường Đông only
	tests := []struct {
		name     string
		closures []Closure
		want     []string
	}{
		{"open", nil, viaEast},
		{"by name, any case and no diacritics", []Closure{{Names: []string{"duong dong"}}}, viaNorth},
		{"by name without the word for street", []Closure{{Names: []string{"Đông"}}}, viaNorth},
		{"by road id", []Closure{{Roads: []string{"east"}}}, viaNorth},
		{"by polygon crossing the road", []Closure{{Polygon: square}}, viaNorth},
		{"window later than the convoy", []Closure{{Roads: []string{"east"}, From: departure.Add(time.Hour), To: departure.Add(2 * time.Hour)}}, viaEast},
		{"window around departure", []Closure{{Roads: []string{"east"}, From: departure.Add(-time.Hour), To: departure.Add(time.Hour)}}, viaNorth},
		{"closes before the convoy arrives", []Closure{{Roads: []string{"east"}, From: departure.Add(10 * time.Second)}}, viaNorth},
		{"reopened before the convoy arrives", []Closure{{Roads: []string{"east"}, To: departure.Add(10 * time.Second)}}, viaEast},
		{"closes after the convoy passed", []Closure{{Roads: []string{"east"}, From: departure.Add(5 * time.Minute)}}, viaEast},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, err := r.Route(Request{Stops: []orb.Point{from, to}, Profile: Car, Departure: departure, Closures: tt.closures})
			if err != nil {
				t.Fatal(err)
			}
			if got := streetNames(rt); !slices.Equal(got, tt.want) {
				t.Errorf("streets %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRouteBadInput(t *testing.T) {
	r := namedCross(t)
	stops := []orb.Point{{105.797, 21.0001}, {105.8005, 21.0005}}
	tests := []struct {
		name string
		req  Request
		is   error
		msg  string
	}{
		{"one stop", Request{Stops: stops[:1]}, ErrBadRequest, "at least 2 stops"},
		{"far stop", Request{Stops: []orb.Point{stops[0], {105.9, 21.1}}}, ErrTooFar, "stop 1"},
		{"unknown road", Request{Stops: stops, Closures: []Closure{{Roads: []string{"nope"}}}}, ErrBadClosure, `closures[0]: routing: bad closure: roads: no road with id "nope"`},
		{"unknown name", Request{Stops: stops, Closures: []Closure{{}, {Names: []string{"Tràng Tiền"}}}}, ErrBadClosure, `closures[1]`},
		{"open ring", Request{Stops: stops, Closures: []Closure{{Polygon: orb.Polygon{{{105.8, 21}, {105.81, 21}, {105.81, 21.01}, {105.8, 21.01}}}}}}, ErrBadClosure, "polygon: ring 0"},
		{"window backwards", Request{Stops: stops, Closures: []Closure{{Roads: []string{"east"}, From: departure, To: departure.Add(-time.Minute)}}}, ErrBadClosure, "from must be before to"},
		{"everything closed", Request{Stops: stops, Closures: []Closure{{Roads: []string{"west"}}}}, ErrNoRoute, "leg 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Route(tt.req)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v, want %v containing %q", err, tt.is, tt.msg)
			}
		})
	}
}

func TestRouteMultiStop(t *testing.T) {
	r, err := NewRouter(gridCity(20, 4))
	if err != nil {
		t.Fatal(err)
	}
	stops := []orb.Point{{105.8013, 21.0021}, {105.8152, 21.0149}, {105.8061, 21.0092}, {105.8177, 21.0011}}
	for _, p := range []*Profile{Car, Motorcade} {
		rt, err := r.Route(Request{Stops: stops, Profile: p, Departure: departure})
		if err != nil {
			t.Fatal(err)
		}
		if len(rt.Legs) != 3 {
			t.Fatalf("%d legs", len(rt.Legs))
		}
		var dist, secs, streetDist float64
		at := departure
		for i, leg := range rt.Legs {
			dist += leg.DistanceM
			secs += leg.Seconds
			at = at.Add(seconds(leg.Seconds))
			if d := leg.Arrival.Sub(at); d.Abs() > time.Millisecond {
				t.Errorf("leg %d arrives %v, want %v", i, leg.Arrival, at)
			}
			if geo.Distance(leg.Geometry[0], rt.Places[i].Point) > 0.01 || geo.Distance(leg.Geometry[len(leg.Geometry)-1], rt.Places[i+1].Point) > 0.01 {
				t.Errorf("leg %d runs from %v to %v, want from stop %v to %v", i, leg.Geometry[0], leg.Geometry[len(leg.Geometry)-1], rt.Places[i].Point, rt.Places[i+1].Point)
			}
		}
		for _, s := range rt.Streets {
			streetDist += s.DistanceM
		}
		lineDist := geo.LineLength(rt.Geometry)
		if math.Abs(dist-rt.DistanceM) > 1e-6 || math.Abs(secs-rt.Seconds) > 1e-6 || math.Abs(streetDist-dist) > 1e-6 {
			t.Errorf("%s: legs %.1f m %.1f s, route %.1f m %.1f s, streets %.1f m", p.Name, dist, secs, rt.DistanceM, rt.Seconds, streetDist)
		}
		if math.Abs(lineDist-dist) > 1 {
			t.Errorf("%s: geometry is %.1f m long, route %.1f m", p.Name, lineDist, dist)
		}
		if !rt.Arrival.Equal(rt.Legs[2].Arrival) {
			t.Errorf("arrival %v, last leg %v", rt.Arrival, rt.Legs[2].Arrival)
		}
	}
}

// TestMotorcadePrefersMainRoads: where a residential short cut and a primary road compete,
// the car takes the short cut and the motorcade the main road.
func TestMotorcadePrefersMainRoads(t *testing.T) {
	a, b := orb.Point{105.800, 21.000}, orb.Point{105.810, 21.000}
	c := &geo.City{ID: "choice", Roads: []geo.Road{
		{ID: "lane", Name: "Ngõ", Highway: "residential", Line: orb.LineString{a, b}},
		{ID: "main", Name: "Đại lộ", Highway: "primary", Line: orb.LineString{a, {105.805, 21.010}, b}}, // 2.5 km against 1 km
	}}
	r, err := NewRouter(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		p    *Profile
		want string
	}{{Car, "Ngõ"}, {Motorcade, "Đại lộ"}} {
		rt, err := r.Route(Request{Stops: []orb.Point{a, b}, Profile: tt.p, Departure: departure})
		if err != nil {
			t.Fatal(err)
		}
		if got := streetNames(rt); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%s drives %v, want %s", tt.p.Name, got, tt.want)
		}
	}
}

func TestRouteDwellSpeedAndPasses(t *testing.T) {
	r, err := NewRouter(gridCity(20, 4))
	if err != nil {
		t.Fatal(err)
	}
	stops := []orb.Point{{105.8013, 21.0021}, {105.8152, 21.0149}, {105.8061, 21.0092}}
	rt, err := r.Route(Request{Stops: stops, Profile: Motorcade, Departure: departure,
		Dwell: []time.Duration{time.Hour, 10 * time.Minute, time.Hour}, SpeedKmh: 20})
	if err != nil {
		t.Fatal(err)
	}
	if want := departure.Add(10*time.Minute + seconds(rt.Seconds)); rt.Arrival.Sub(want).Abs() > time.Millisecond {
		t.Errorf("arrival %v, want departure + 10 min dwell + %.0f s = %v", rt.Arrival, rt.Seconds, want)
	}
	if min := rt.DistanceM / (20 / 3.6); rt.Seconds < min-1e-6 {
		t.Errorf("%.0f s for %.0f m: faster than the 20 km/h convoy", rt.Seconds, rt.DistanceM)
	}
	if d := rt.Legs[1].Departure.Sub(rt.Legs[0].Arrival); d != 10*time.Minute {
		t.Errorf("leg 2 leaves %v after leg 1 arrives, want the 10 min dwell", d)
	}
	along := 0.0
	for i, leg := range rt.Legs {
		at := leg.Departure
		for j, p := range leg.Passes {
			if math.Abs(p.FromM-along) > 1e-6 || p.Enter.Sub(at).Abs() > time.Microsecond || p.Leave.Before(p.Enter) {
				t.Fatalf("leg %d pass %d: %+v, want it to start at %.1f m and %v", i, j, p, along, at)
			}
			along, at = p.ToM, p.Leave
		}
		if at.Sub(leg.Arrival).Abs() > time.Millisecond {
			t.Errorf("leg %d: passes end at %v, leg arrives %v", i, at, leg.Arrival)
		}
	}
	if math.Abs(along-rt.DistanceM) > 1e-6 {
		t.Errorf("passes cover %.1f m of %.1f m", along, rt.DistanceM)
	}
}
