package plan

import (
	"time"

	"github.com/paulmach/orb"
)

// Stretch is a stretch of the route closed as one: consecutive junction-to-junction pieces of
// one street (at most MaxStretchM long, so closures roll with the convoy), closed Lead before
// the convoy enters it and reopened Lag after it leaves.
type Stretch struct {
	Name          string
	Highway       string
	Geometry      orb.LineString
	LengthM       float64
	FromM, ToM    float64 // along the route
	Enter, Leave  time.Time
	Close, Reopen time.Time
	Segs          []int32 // the road segments it closes (both directions)
	First, Last   int     // its passes: Result.Passes[First..Last]
}

// MaxStretchM is the longest stretch closed as one.
const MaxStretchM = 1000

// stretches groups the passes into closed stretches.
func (e *Evaluator) stretches(res *Result) []Stretch {
	g := e.Router.Graph
	var out []Stretch
	for i, p := range res.Passes {
		road := g.Road(p.Arc)
		n := len(out)
		if n == 0 || out[n-1].Name != road.Name || (road.Name == "" && out[n-1].Highway != road.Highway) ||
			out[n-1].LengthM+p.ToM-p.FromM > MaxStretchM && out[n-1].LengthM > 0 {
			out = append(out, Stretch{Name: road.Name, Highway: road.Highway, FromM: p.FromM, Enter: p.Enter, First: i})
			n++
		}
		s := &out[n-1]
		s.Geometry = appendLine(s.Geometry, g.PassGeometry(p))
		s.LengthM += p.ToM - p.FromM
		s.ToM, s.Leave, s.Last = p.ToM, p.Leave, i
		if seg := g.ArcSeg[p.Arc]; len(s.Segs) == 0 || s.Segs[len(s.Segs)-1] != seg {
			s.Segs = append(s.Segs, seg)
		}
	}
	for i := range out {
		out[i].Close = out[i].Enter.Add(-res.Plan.Lead)
		out[i].Reopen = out[i].Leave.Add(res.Plan.Lag)
	}
	return out
}

// ClosedAt returns the stretches closed at t.
func (r *Result) ClosedAt(t time.Time) []Stretch {
	var out []Stretch
	for _, s := range r.Stretches {
		if s.closedAt(t) {
			out = append(out, s)
		}
	}
	return out
}

func (s *Stretch) closedAt(t time.Time) bool { return !t.Before(s.Close) && t.Before(s.Reopen) }

// appendLine joins b to a, dropping b's first point when it repeats a's last.
func appendLine(a, b orb.LineString) orb.LineString {
	if len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[0] {
		b = b[1:]
	}
	return append(a, b...)
}
