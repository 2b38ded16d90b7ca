package plan

import (
	"fmt"
	"sync"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// Evaluator evaluates plans on one city. It is safe for concurrent use.
type Evaluator struct {
	City   *geo.City
	Router *routing.Router
	index  *geo.Index
	byPt   map[orb.Point][]int32 // the vertices at a point (a restricted junction has several)
	byID   map[string]int        // checkpoint index by id

	placesOnce sync.Once
	places     []routing.Place // where each checkpoint stands on the network
	placed     []bool          // false: farther than the snap limit from any road
}

// NewEvaluator prepares the evaluation of plans on a city and its router.
// ix is the city's index of venues and checkpoints when the caller has one already (the
// server does), or nil to build it.
func NewEvaluator(c *geo.City, r *routing.Router, ix *geo.Index) (*Evaluator, error) {
	if ix == nil {
		var err error
		if ix, err = geo.CityIndex(c); err != nil {
			return nil, err
		}
	}
	e := &Evaluator{City: c, Router: r, index: ix, byPt: map[orb.Point][]int32{}}
	for v, p := range r.Graph.Points {
		e.byPt[p] = append(e.byPt[p], int32(v))
	}
	e.byID = make(map[string]int, len(c.Checkpoints))
	for i, cp := range c.Checkpoints {
		e.byID[cp.ID] = i
	}
	return e, nil
}

// WithCity returns an evaluator for c, a copy of the evaluator's city with other
// checkpoints (the roads, and so the router, are the same), and ix, c's index.
func (e *Evaluator) WithCity(c *geo.City, ix *geo.Index) *Evaluator {
	n := &Evaluator{City: c, Router: e.Router, index: ix, byPt: e.byPt, byID: make(map[string]int, len(c.Checkpoints))}
	for i, cp := range c.Checkpoints {
		n.byID[cp.ID] = i
	}
	return n
}

// Result is an evaluated plan.
type Result struct {
	Plan        Plan
	Route       *routing.Route
	Passes      []routing.Pass // every pass of every leg, in order
	Stretches   []Stretch
	Diversions  []Diversion
	Coverage    Coverage
	Suggestions []Suggestion
	Summary     Summary
	line        *routeLine
	eval        *Evaluator
}

// Summary is the plan at a glance.
type Summary struct {
	DistanceM         float64
	Seconds           float64
	Arrival           time.Time
	DiversionPoints   int
	NeedOfficer       int
	WorstAddedSeconds float64
	ClosedKm          float64
	ClosureMinutes    float64 // the sum over closed stretches of how long each is closed
	CoveredFraction   float64
	Gaps              int
}

// Evaluate routes the plan and derives its closures, diversions, coverage and suggestions.
func (e *Evaluator) Evaluate(p Plan) (*Result, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	req := routing.Request{Profile: p.Profile, Metric: routing.Duration, Departure: p.Departure, SpeedKmh: p.SpeedKmh}
	for i, s := range p.Stops {
		pt, err := e.stopPoint(i, s)
		if err != nil {
			return nil, err
		}
		req.Stops = append(req.Stops, pt)
		req.Dwell = append(req.Dwell, s.Dwell)
	}
	rt, err := e.Router.Route(req)
	if err != nil {
		return nil, err
	}
	res := &Result{Plan: p, Route: rt, eval: e}
	for _, leg := range rt.Legs {
		res.Passes = append(res.Passes, leg.Passes...)
	}
	res.Stretches = e.stretches(res)
	res.Diversions = e.diversions(res)
	if err := e.cover(res); err != nil {
		return nil, err
	}
	res.Suggestions = e.suggest(res)
	res.summarise()
	return res, nil
}

// Check reports what Evaluate would refuse in p without evaluating it: its fields, and stops
// naming venues the city does not have.
func (e *Evaluator) Check(p Plan) error {
	p, err := p.withDefaults()
	if err != nil {
		return err
	}
	for i, s := range p.Stops {
		if _, err := e.stopPoint(i, s); err != nil {
			return err
		}
	}
	return nil
}

func (e *Evaluator) stopPoint(i int, s Stop) (orb.Point, error) {
	if s.Venue == "" {
		if !geo.ValidPoint(s.Point) {
			return orb.Point{}, fieldErr(fmt.Sprintf("stops[%d]", i), "want a venue or a coordinate, got %v", s.Point)
		}
		return s.Point, nil
	}
	v, ok := e.City.Venue(s.Venue)
	if !ok {
		return orb.Point{}, fieldErr(fmt.Sprintf("stops[%d].venue", i), "no venue %q in %s", s.Venue, e.City.ID)
	}
	return v.Point, nil
}

func (r *Result) summarise() {
	s := &r.Summary
	s.DistanceM, s.Seconds, s.Arrival = r.Route.DistanceM, r.Route.Seconds, r.Route.Arrival
	s.DiversionPoints = len(r.Diversions)
	for _, d := range r.Diversions {
		if d.NeedsOfficer {
			s.NeedOfficer++
		}
		if w := d.Worst(); w != nil && w.AddedSeconds > s.WorstAddedSeconds {
			s.WorstAddedSeconds = w.AddedSeconds
		}
	}
	for _, st := range r.Stretches {
		s.ClosedKm += st.LengthM / 1000
		s.ClosureMinutes += st.Reopen.Sub(st.Close).Minutes()
	}
	s.CoveredFraction = r.Coverage.Fraction
	s.Gaps = len(r.Coverage.Gaps)
}

// checkpoint returns the city's checkpoint with the id, or nil.
func (r *Result) checkpoint(id string) *geo.Checkpoint {
	if r.eval == nil || id == "" {
		return nil
	}
	return r.eval.checkpoint(id)
}
