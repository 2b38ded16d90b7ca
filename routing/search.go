package routing

import "github.com/paulmach/orb"

// Search is a reusable one-to-many Dijkstra from a set of vertices, for the many small
// searches a plan needs (detours, candidate sites): it keeps its arrays between runs and
// resets only what a run touched. One Search serves one goroutine.
type Search struct {
	g       *Graph
	Weight  []Weight
	Metres  []float64
	parent  []int32 // arc that reached the vertex, -1 at a start
	touched []int32
	done    []bool
	q       queue
}

// NewSearch returns a search over g.
func NewSearch(g *Graph) *Search {
	n := g.NumVertices()
	s := &Search{g: g, Weight: make([]Weight, n), Metres: make([]float64, n), parent: make([]int32, n), done: make([]bool, n)}
	for i := range s.Weight {
		s.Weight[i] = Inf
	}
	return s
}

// Run searches from the vertices over weights w (Inf closes an arc) until every target is
// settled or the weight passes limit. Afterwards Weight[v] is exact for every target that was
// reached (Inf for the others).
func (s *Search) Run(w []Weight, from, targets []int32, limit Weight) {
	s.reset()
	for _, v := range from {
		s.set(v, 0, 0, -1)
	}
	isTarget := map[int32]bool{}
	for _, t := range targets {
		isTarget[t] = true
	}
	left := len(isTarget) // a target listed twice is settled once
	g := s.g
	for s.q.Len() > 0 && (left > 0 || len(targets) == 0) {
		it := s.q.pop()
		if it.w != s.Weight[it.v] || s.done[it.v] {
			continue
		}
		if it.w > limit {
			break
		}
		s.done[it.v] = true
		if isTarget[it.v] {
			left--
		}
		for a := g.OutStart[it.v]; a < g.OutStart[it.v+1]; a++ {
			if d := add(it.w, w[a]); d < s.Weight[g.Head[a]] && d <= limit {
				s.set(g.Head[a], d, s.Metres[it.v]+g.Segs[g.ArcSeg[a]].LengthM, a)
			}
		}
	}
	for _, t := range targets {
		if !s.done[t] {
			s.Weight[t] = Inf
		}
	}
}

func (s *Search) set(v int32, w Weight, m float64, arc int32) {
	if s.Weight[v] == Inf {
		s.touched = append(s.touched, v)
	}
	s.Weight[v], s.Metres[v], s.parent[v] = w, m, arc
	s.q.push(item{v, w})
}

func (s *Search) reset() {
	for _, v := range s.touched {
		s.Weight[v], s.Metres[v], s.done[v] = Inf, 0, false
	}
	s.touched, s.q = s.touched[:0], s.q[:0]
}

// PathTo returns the arcs from the start to v of the last run, in order.
func (s *Search) PathTo(v int32) []int32 {
	var rev []int32
	for s.parent[v] >= 0 {
		rev = append(rev, s.parent[v])
		v = s.g.Tail[s.parent[v]]
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// ArcsGeometry returns the line of whole arcs driven one after another.
func (g *Graph) ArcsGeometry(arcs []int32) orb.LineString {
	var line orb.LineString
	for _, a := range arcs {
		t0, t1 := 0.0, 1.0
		if g.ArcBack[a] {
			t0, t1 = 1, 0
		}
		line = appendLine(line, g.cut(g.ArcSeg[a], t0, t1))
	}
	return line
}

// PassGeometry returns the line the convoy drives in a pass.
func (g *Graph) PassGeometry(p Pass) orb.LineString { return g.cut(g.ArcSeg[p.Arc], p.T0, p.T1) }

// Weights returns the arc weights of a profile and metric without closures (shared: do not
// modify).
func (r *Router) Weights(p *Profile, m Metric) []Weight { return r.weights[key{p.Name, m}] }

// SegmentPart returns the part of segment s between fractions t0 and t1, from t0 to t1.
func (g *Graph) SegmentPart(s int32, t0, t1 float64) orb.LineString { return g.cut(s, t0, t1) }
