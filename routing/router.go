package routing

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// Router answers route requests on one city: the graph, its hierarchy, a snapper and the
// customization of every profile and metric without closures. It is safe for concurrent use.
type Router struct {
	City    *geo.City
	Graph   *Graph
	CCH     *CCH
	Snapper *Snapper

	base    map[key]*Customization
	weights map[key][]Weight
	queries sync.Pool
	cache   *customizations // customizations with closures, most recent first
	segs    segIndex        // segments by road id and name, for closures
}

type key struct {
	profile string
	metric  Metric
}

// NewRouter builds the graph of a city, orders and contracts it, and customizes it for every
// profile and metric.
func NewRouter(c *geo.City) (*Router, error) {
	g, err := Build(c)
	if err != nil {
		return nil, err
	}
	h := NewCCH(g, Order(g))
	r := &Router{City: c, Graph: g, CCH: h, Snapper: NewSnapper(g),
		base: map[key]*Customization{}, weights: map[key][]Weight{}, cache: newCustomizations(8)}
	r.queries.New = func() any { return NewQuery(h) }
	for _, p := range profiles {
		for _, m := range []Metric{Duration, Distance} {
			w := g.Weights(p, m)
			r.weights[key{p.Name, m}] = w
			r.base[key{p.Name, m}] = h.Customize(w)
		}
	}
	return r, nil
}

// Request is a route through stops in order.
type Request struct {
	Stops      []orb.Point
	Profile    *Profile // nil means Car
	Metric     Metric
	Departure  time.Time // zero means now
	Closures   []Closure
	SnapLimitM float64 // 0 means DefaultSnapLimitM
	// Dwell is how long the convoy stays at each stop before it leaves (index i for stop i;
	// missing entries are zero). The last stop's dwell is not part of the route.
	Dwell []time.Duration
	// SpeedKmh caps the speed the times are reckoned at (a convoy's speed); 0 for the
	// profile's speeds. It does not change which roads the route takes.
	SpeedKmh float64
}

// Route is the answer to a Request.
type Route struct {
	Places    []Place // the stops, snapped
	Legs      []Leg
	DistanceM float64
	Seconds   float64
	Arrival   time.Time
	Geometry  orb.LineString
	Streets   []Street
	Closed    int // arcs closed by the request's closures in force
}

// Leg is the route between two consecutive stops.
type Leg struct {
	DistanceM float64
	Seconds   float64
	Arrival   time.Time // at the leg's end
	Geometry  orb.LineString
	Streets   []Street
	Path      Path
	Departure time.Time // from the leg's start, after the dwell there
	Passes    []Pass
}

// Pass is the convoy driving one arc of a leg (or the part of it the leg drives): when it
// enters and leaves it, and where along the whole route that is.
type Pass struct {
	Arc          int32
	T0, T1       float64 // the fractions of the arc's segment driven, in driving order
	Enter, Leave time.Time
	FromM, ToM   float64 // distance along the route, metres
}

// Street is a stretch of the route on one named road (or unnamed roads of one class).
type Street struct {
	Name      string
	Ref       string
	Highway   string
	DistanceM float64
	Seconds   float64
	Start     time.Time // when the convoy enters it
	Geometry  orb.LineString
}

// Route computes the route of req. Closures with a time window close their roads only while
// the convoy would reach them inside the window.
func (r *Router) Route(req Request) (*Route, error) {
	if len(req.Stops) < 2 {
		return nil, fmt.Errorf("%w: want at least 2 stops, got %d", ErrBadRequest, len(req.Stops))
	}
	if req.Profile == nil {
		req.Profile = Car
	}
	if req.SnapLimitM == 0 {
		req.SnapLimitM = DefaultSnapLimitM
	}
	if req.Departure.IsZero() {
		req.Departure = time.Now()
	}
	places := make([]Place, len(req.Stops))
	for i, p := range req.Stops {
		pl, err := r.Snapper.Snap(p, req.SnapLimitM)
		if err != nil {
			return nil, fmt.Errorf("stop %d: %w", i, err)
		}
		places[i] = pl
	}
	closed, err := r.resolveClosures(req.Closures)
	if err != nil {
		return nil, err
	}
	return r.routeTimed(req, places, closed)
}

// routeTimed routes with every closure in force along the way: it starts with the closures
// in force at departure and, while the route reaches a closed road inside its window, adds
// that closure and routes again.
func (r *Router) routeTimed(req Request, places []Place, closed []closedArcs) (*Route, error) {
	active := make([]bool, len(closed))
	for i, c := range closed {
		active[i] = c.always()
	}
	for range len(closed) + 1 {
		rt, err := r.routeWith(req, places, closed, active)
		if err != nil {
			return nil, err
		}
		hit := r.closedOnRoute(rt, closed, active)
		if hit < 0 {
			return rt, nil
		}
		active[hit] = true
	}
	return nil, fmt.Errorf("%w: closures keep changing the route", ErrNoRoute)
}

// routeWith routes through the places with the active closures in force for the whole trip.
func (r *Router) routeWith(req Request, places []Place, closed []closedArcs, active []bool) (*Route, error) {
	k := key{req.Profile.Name, req.Metric}
	var arcs []int32
	for i, c := range closed {
		if active[i] {
			arcs = append(arcs, c.arcs...)
		}
	}
	z, err := r.customization(k, arcs)
	if err != nil {
		return nil, err
	}
	q := r.queries.Get().(*Query)
	defer r.queries.Put(q)
	rt := &Route{Places: places, Closed: len(arcs)}
	t := req.Departure
	for i := 1; i < len(places); i++ {
		p, err := q.Route(z, places[i-1], places[i])
		if err != nil {
			return nil, fmt.Errorf("leg %d (stop %d to stop %d): %w", i, i-1, i, err)
		}
		if i-1 > 0 && i-1 < len(req.Dwell) {
			t = t.Add(req.Dwell[i-1])
		}
		leg := r.leg(req, p, t, rt.DistanceM)
		t = leg.Arrival
		rt.Legs = append(rt.Legs, leg)
		rt.DistanceM += leg.DistanceM
		rt.Seconds += leg.Seconds
		rt.Geometry = appendLine(rt.Geometry, leg.Geometry)
		rt.Streets = appendStreets(rt.Streets, leg.Streets)
	}
	rt.Arrival = t
	return rt, nil
}

// leg measures a path: distance, time, streets, passes and geometry, starting at t, at
// distance along from the route's start.
func (r *Router) leg(req Request, path Path, t time.Time, along float64) Leg {
	g := r.Graph
	leg := Leg{Path: path, Departure: t}
	for i, a := range path.Arcs {
		t0, t1 := g.arcFractions(path, i)
		frac := math.Abs(t1 - t0)
		dist := frac * g.Segs[g.ArcSeg[a]].LengthM
		secs := frac * g.secondsAt(req.Profile, a, req.SpeedKmh)
		enter := t.Add(seconds(leg.Seconds))
		leg.Passes = append(leg.Passes, Pass{Arc: a, T0: t0, T1: t1, Enter: enter, Leave: enter.Add(seconds(secs)),
			FromM: along + leg.DistanceM, ToM: along + leg.DistanceM + dist})
		road := g.Road(a)
		if dist == 0 && len(path.Arcs) > 1 {
			continue // the route starts or ends at this arc's end
		}
		line := g.cut(g.ArcSeg[a], t0, t1)
		leg.Streets = appendStreets(leg.Streets, []Street{{Name: road.Name, Ref: road.Ref, Highway: road.Highway,
			DistanceM: dist, Seconds: secs, Start: t.Add(seconds(leg.Seconds)), Geometry: line}})
		leg.DistanceM += dist
		leg.Seconds += secs
		leg.Geometry = appendLine(leg.Geometry, line)
	}
	leg.Arrival = t.Add(seconds(leg.Seconds))
	return leg
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// appendLine joins b to a, dropping b's first point when it repeats a's last.
func appendLine(a, b orb.LineString) orb.LineString {
	if len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[0] {
		b = b[1:]
	}
	return append(a, b...)
}

// appendStreets joins street stretches, merging consecutive stretches of one street.
func appendStreets(a, b []Street) []Street {
	for _, s := range b {
		if n := len(a); n > 0 && a[n-1].Name == s.Name && a[n-1].Ref == s.Ref && (s.Name != "" || a[n-1].Highway == s.Highway) {
			a[n-1].DistanceM += s.DistanceM
			a[n-1].Seconds += s.Seconds
			a[n-1].Geometry = appendLine(a[n-1].Geometry, s.Geometry)
			continue
		}
		a = append(a, s)
	}
	return a
}
