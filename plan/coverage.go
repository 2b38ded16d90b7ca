package plan

import (
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// Coverage says how much of the route lies within a checkpoint's reach.
type Coverage struct {
	ByRoad      bool
	Minutes     float64
	CoveredM    float64
	UncoveredM  float64
	Fraction    float64
	Covered     [][2]float64 // stretches within reach, as metres along the route
	Gaps        []Gap
	Overlay     orb.MultiPolygon // the area within reach, for the map
	Checkpoints int              // the checkpoints that cover some of the route
}

// Gap is a stretch of the route no checkpoint reaches, and when the convoy is in it.
type Gap struct {
	Line         orb.LineString
	LengthM      float64
	FromM, ToM   float64
	Enter, Leave time.Time
}

// MinGapM is the shortest gap reported.
const MinGapM = 1

// cover measures the coverage of the route by the city's checkpoints.
func (e *Evaluator) cover(res *Result) error {
	line := newRouteLine(e.Router.Graph, res.Passes)
	c := &res.Coverage
	c.ByRoad, c.Minutes = res.Plan.Coverage.ByRoad, res.Plan.Coverage.Minutes
	var err error
	if c.ByRoad {
		err = e.coverByRoad(res, line)
	} else {
		err = e.coverByRadius(res, line)
	}
	if err != nil {
		return err
	}
	c.CoveredM = length(c.Covered)
	c.UncoveredM = line.total - c.CoveredM
	if line.total > 0 {
		c.Fraction = c.CoveredM / line.total
	}
	for _, g := range complement(c.Covered, line.total) {
		if g[1]-g[0] < MinGapM {
			continue
		}
		c.Gaps = append(c.Gaps, Gap{Line: line.sub(g[0], g[1]), LengthM: g[1] - g[0], FromM: g[0], ToM: g[1],
			Enter: line.timeAt(g[0]), Leave: line.timeAt(g[1])})
	}
	res.line = line
	return nil
}

// coverByRadius: a checkpoint reaches the disc of its radius_m.
func (e *Evaluator) coverByRadius(res *Result, line *routeLine) error {
	c := &res.Coverage
	var all [][2]float64
	var centres []orb.Point
	var radii []float64
	for _, cp := range e.City.Checkpoints {
		iv := line.discIntervals(cp.Point, cp.RadiusM)
		if len(iv) == 0 {
			continue
		}
		all = append(all, iv...)
		centres, radii = append(centres, cp.Point), append(radii, cp.RadiusM)
		c.Checkpoints++
	}
	c.Covered = routing.MergeIntervals(all)
	var err error
	c.Overlay, err = geo.BufferUnion(centres, radii)
	return err
}

// coverByRoad: a checkpoint reaches what a car gets to within the minutes, found by one
// search from every checkpoint at once.
func (e *Evaluator) coverByRoad(res *Result, line *routeLine) error {
	g := e.Router.Graph
	c := &res.Coverage
	var places []routing.Place
	for i := range e.City.Checkpoints {
		if pl, ok := e.checkpointPlace(i); ok {
			places = append(places, pl)
		}
	}
	limit := routing.Weight(c.Minutes * 60_000)
	reach := g.ReachFrom(e.Router.Weights(routing.Car, routing.Duration), places, limit)
	c.Covered = passIntervals(g, reach, limit, res.Passes)
	used := map[int32]bool{}
	for _, p := range res.Passes {
		for _, v := range [2]int32{g.Tail[p.Arc], g.Head[p.Arc]} {
			if reach.Source[v] >= 0 {
				used[reach.Source[v]] = true
			}
		}
	}
	c.Checkpoints = len(used)
	var lines []orb.LineString
	for _, iv := range c.Covered {
		lines = append(lines, line.sub(iv[0], iv[1]))
	}
	if len(lines) == 0 {
		return nil
	}
	var err error
	c.Overlay, err = geo.BufferLines(lines, OverlayWidthM)
	return err
}

// OverlayWidthM is the half-width of the band drawn along roads within reach.
const OverlayWidthM = 40

// passIntervals returns the stretches of the passes within limit of the reach's sources, as
// metres along the route.
func passIntervals(g *routing.Graph, reach *routing.Reach, limit routing.Weight, passes []routing.Pass) [][2]float64 {
	var out [][2]float64
	for _, p := range passes {
		if p.T1 == p.T0 {
			continue
		}
		for _, iv := range reach.Within(g.ArcSeg[p.Arc], limit) {
			d0 := p.FromM + (iv[0]-p.T0)/(p.T1-p.T0)*(p.ToM-p.FromM)
			d1 := p.FromM + (iv[1]-p.T0)/(p.T1-p.T0)*(p.ToM-p.FromM)
			lo, hi := max(min(d0, d1), p.FromM), min(max(d0, d1), p.ToM)
			if lo < hi {
				out = append(out, [2]float64{lo, hi})
			}
		}
	}
	return routing.MergeIntervals(out)
}
