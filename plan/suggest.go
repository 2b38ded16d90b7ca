package plan

import (
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// Suggestion is a site for a new checkpoint and the route length it would cover that no
// checkpoint covers yet (after the sites suggested before it).
type Suggestion struct {
	Point  orb.Point
	GainM  float64
	Covers [][2]float64 // the newly covered stretches, metres along the route
}

// SiteSpacingM is the spacing of candidate sites along the gaps.
const SiteSpacingM = 100

// suggest picks up to Suggest sites greedily: each time the candidate (a junction of the
// route, or a point along a gap) that covers the most uncovered route.
func (e *Evaluator) suggest(res *Result) []Suggestion {
	k := res.Plan.Coverage.Suggest
	if k == 0 || len(res.Coverage.Gaps) == 0 {
		return nil
	}
	line := res.line
	cands := e.candidates(res)
	reach := make([][][2]float64, len(cands))
	for i, c := range cands {
		reach[i] = e.siteReach(res, line, c)
	}
	uncovered := complement(res.Coverage.Covered, line.total)
	var out []Suggestion
	for len(out) < k {
		best, gain := -1, 1.0 // a site must cover at least a metre
		for i, r := range reach {
			if g := length(intersect(r, uncovered)); g > gain {
				best, gain = i, g
			}
		}
		if best < 0 {
			break
		}
		covers := intersect(reach[best], uncovered)
		out = append(out, Suggestion{Point: cands[best], GainM: gain, Covers: covers})
		uncovered = intersect(uncovered, complement(reach[best], line.total))
		reach[best] = nil
	}
	return out
}

// candidates are the route's junctions and points every SiteSpacingM along its gaps.
func (e *Evaluator) candidates(res *Result) []orb.Point {
	g := e.Router.Graph
	seen := map[orb.Point]bool{}
	var out []orb.Point
	add := func(p orb.Point) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range res.Passes {
		if p.T1 == 0 || p.T1 == 1 {
			add(g.Points[g.Head[p.Arc]])
		}
	}
	for _, gap := range res.Coverage.Gaps {
		for d := gap.FromM; d <= gap.ToM; d += SiteSpacingM {
			add(res.line.pointAt(d))
		}
	}
	return out
}

// siteReach returns what a checkpoint at p would cover of the route.
func (e *Evaluator) siteReach(res *Result, line *routeLine, p orb.Point) [][2]float64 {
	if !res.Plan.Coverage.ByRoad {
		return line.discIntervals(p, res.Plan.Coverage.SiteRadiusM)
	}
	pl, err := e.Router.Snapper.Snap(p, routing.DefaultSnapLimitM)
	if err != nil {
		return nil
	}
	g := e.Router.Graph
	limit := routing.Weight(res.Plan.Coverage.Minutes * 60_000)
	return passIntervals(g, g.ReachFrom(e.Router.Weights(routing.Car, routing.Duration), []routing.Place{pl}, limit), limit, res.Passes)
}
