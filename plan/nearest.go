package plan

import (
	"slices"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// RoadHit is a checkpoint and how long a car from it takes to reach a point by road.
type RoadHit struct {
	Checkpoint *geo.Checkpoint
	Seconds    float64
	RoadM      float64
	StraightM  float64
}

// NearestByRoad returns up to k checkpoints (of the kinds, when given) that reach p soonest by
// car, within maxMinutes: one backward search from p, not one per checkpoint.
func (e *Evaluator) NearestByRoad(p orb.Point, k int, kinds []string, maxMinutes float64) ([]RoadHit, routing.Place, error) {
	at, err := e.Router.Snapper.Snap(p, routing.DefaultSnapLimitM)
	if err != nil {
		return nil, at, err
	}
	w := e.Router.Weights(routing.Car, routing.Duration)
	reach := e.Router.Graph.ReachTo(w, []routing.Place{at}, routing.Weight(maxMinutes*60_000))
	var hits []RoadHit
	for i, cp := range e.City.Checkpoints {
		if len(kinds) > 0 && !slices.Contains(kinds, cp.Kind) {
			continue
		}
		pl, ok := e.checkpointPlace(i)
		if !ok {
			continue
		}
		if wt, m := reach.ToTarget(pl); wt != routing.Inf {
			hits = append(hits, RoadHit{Checkpoint: &e.City.Checkpoints[i], Seconds: float64(wt) / 1000, RoadM: m,
				StraightM: geo.Distance(p, cp.Point)})
		}
	}
	slices.SortFunc(hits, func(a, b RoadHit) int {
		switch {
		case a.Seconds < b.Seconds:
			return -1
		case a.Seconds > b.Seconds:
			return 1
		}
		return 0
	})
	return hits[:min(k, len(hits))], at, nil
}

// checkpointPlace returns where checkpoint i stands on the network (snapped once).
func (e *Evaluator) checkpointPlace(i int) (routing.Place, bool) {
	e.placesOnce.Do(func() {
		e.places = make([]routing.Place, len(e.City.Checkpoints))
		e.placed = make([]bool, len(e.City.Checkpoints))
		for j, cp := range e.City.Checkpoints {
			if pl, err := e.Router.Snapper.Snap(cp.Point, routing.DefaultSnapLimitM); err == nil {
				e.places[j], e.placed[j] = pl, true
			}
		}
	})
	return e.places[i], e.placed[i]
}
