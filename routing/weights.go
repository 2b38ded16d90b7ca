package routing

import "math"

// Weights returns the weight of every arc of g for a profile and metric; arcs the profile
// cannot use weigh Inf.
func (g *Graph) Weights(p *Profile, m Metric) []Weight {
	w := make([]Weight, g.NumArcs())
	for a := range w {
		r := g.Road(int32(a))
		w[a] = p.weight(m, r.Highway, r.MaxSpeed, g.Segs[g.ArcSeg[a]].LengthM)
	}
	return w
}

// secondsAt returns the travel time of a whole arc with the speed capped at capKmh (0 for no
// cap).
func (g *Graph) secondsAt(p *Profile, arc int32, capKmh float64) float64 {
	r := g.Road(arc)
	s := p.speed(r.Highway, r.MaxSpeed)
	if capKmh > 0 && capKmh < s {
		s = capKmh
	}
	if s == 0 {
		return math.Inf(1)
	}
	return g.Segs[g.ArcSeg[arc]].LengthM / (s / 3.6)
}
