package plan

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// Diversion is a junction where a road crosses or joins the route: while the route is
// closed there, ordinary traffic arriving on the side roads is turned away (phân luồng).
type Diversion struct {
	Point         orb.Point
	RouteStreet   string
	SideStreets   []string
	Close, Reopen time.Time // the junction is closed from when the first stretch at it closes
	Pass          time.Time // the convoy passes
	Movements     []Movement
	// The staffed checkpoint (traffic or security post) whose reach holds the junction, or
	// NeedsOfficer when there is none.
	Checkpoint          string
	CheckpointDistanceM float64
	NeedsOfficer        bool
}

// Movement is one way through the junction that the closure blocks, from a side road to
// where that traffic was going, with the detour it takes instead.
type Movement struct {
	From, To      string
	Detour        orb.LineString
	DetourM       float64
	DetourSeconds float64
	DirectM       float64
	DirectSeconds float64
	AddedM        float64
	AddedSeconds  float64
	// Held: no detour within DetourLimit; the traffic waits until the junction reopens.
	Held bool
	Arcs []int32 // the detour's arcs in the road graph
}

// DetourLimit bounds the search for a detour.
const DetourLimit = 30 * time.Minute

// Worst returns the movement with the largest added time (held traffic counts as the wait),
// or nil.
func (d *Diversion) Worst() *Movement {
	var w *Movement
	for i := range d.Movements {
		if w == nil || d.Movements[i].AddedSeconds > w.AddedSeconds {
			w = &d.Movements[i]
		}
	}
	return w
}

// staffed are the checkpoint kinds with officers who can turn traffic away.
var staffed = []string{"traffic_post", "security_post"}

// diversions finds every junction of the route with side roads and the detours of the traffic
// it stops, at the time the convoy passes.
func (e *Evaluator) diversions(res *Result) []Diversion {
	g := e.Router.Graph
	onRoute := map[int32]bool{}
	for _, p := range res.Passes {
		onRoute[g.ArcSeg[p.Arc]] = true
	}
	d := &detours{e: e, res: res, onRoute: onRoute, search: routing.NewSearch(g), base: e.Router.Weights(routing.Car, routing.Duration),
		closed: map[string][]routing.Weight{}}
	seen := map[orb.Point]bool{}
	var out []Diversion
	for i, p := range res.Passes[:len(res.Passes)-1] {
		if p.T1 != 0 && p.T1 != 1 {
			continue // the leg ends inside the segment: a stop, not a junction
		}
		pt := g.Points[g.Head[p.Arc]]
		if seen[pt] {
			continue
		}
		seen[pt] = true
		if dv, ok := d.at(i, pt); ok {
			e.assign(&dv)
			out = append(out, dv)
		}
	}
	return out
}

// detours holds what the diversions of one plan share.
type detours struct {
	e       *Evaluator
	res     *Result
	onRoute map[int32]bool
	search  *routing.Search
	base    []routing.Weight
	closed  map[string][]routing.Weight // weights with the closures of a set of stretches
}

// at builds the diversion at the junction pt reached by pass i, if side roads meet it there.
func (d *detours) at(i int, pt orb.Point) (Diversion, bool) {
	g := d.e.Router.Graph
	t := d.res.Passes[i].Leave
	dv := Diversion{Point: pt, RouteStreet: g.Road(d.res.Passes[i].Arc).Name, Pass: t}
	var in, out []int32
	// A junction split for turn restrictions has one vertex per restricted approach, and each
	// copy leaves by the same segments: count each way out once.
	type exit struct{ seg, head int32 }
	seen := map[exit]bool{}
	for _, v := range d.e.byPt[pt] {
		for a := g.OutStart[v]; a < g.OutStart[v+1]; a++ {
			if x := (exit{g.ArcSeg[a], g.Head[a]}); !d.onRoute[g.ArcSeg[a]] && !seen[x] {
				seen[x] = true
				out = append(out, a)
			}
		}
		for _, a := range g.InArc[g.InStart[v]:g.InStart[v+1]] {
			if !d.onRoute[g.ArcSeg[a]] {
				in = append(in, a)
			}
		}
	}
	if len(in)+len(out) == 0 {
		return dv, false
	}
	for _, a := range append(slices.Clone(in), out...) {
		if name := g.Road(a).Name; !slices.Contains(dv.SideStreets, name) {
			dv.SideStreets = append(dv.SideStreets, name)
		}
	}
	dv.Close, dv.Reopen = d.window(i)
	w, blocked := d.weightsAt(t)
	for _, a := range in {
		if blocked[g.Tail[a]] {
			continue // the side road comes from another closed junction
		}
		d.movements(&dv, a, out, i, w, blocked)
	}
	return dv, true
}

// window returns when the junction after pass i closes and reopens: the stretches on either
// side of it.
func (d *detours) window(i int) (time.Time, time.Time) {
	var close, reopen time.Time
	for _, s := range d.res.Stretches {
		if s.First <= i+1 && s.Last >= i {
			if close.IsZero() || s.Close.Before(close) {
				close = s.Close
			}
			if s.Reopen.After(reopen) {
				reopen = s.Reopen
			}
		}
	}
	return close, reopen
}

// weightsAt returns the car weights with every stretch closed at t closed, every junction on
// them blocked (no crossing the route while it is closed), and those junctions.
func (d *detours) weightsAt(t time.Time) ([]routing.Weight, map[int32]bool) {
	g := d.e.Router.Graph
	var key strings.Builder
	var segs []int32
	for i, s := range d.res.Stretches {
		if s.closedAt(t) {
			key.WriteString(strconv.Itoa(i) + ",")
			segs = append(segs, s.Segs...)
		}
	}
	blocked := map[int32]bool{}
	for _, s := range segs {
		for _, a := range g.SegArcs(s) {
			for _, v := range [2]int32{g.Tail[a], g.Head[a]} {
				for _, u := range d.e.byPt[g.Points[v]] {
					blocked[u] = true
				}
			}
		}
	}
	if w, ok := d.closed[key.String()]; ok {
		return w, blocked
	}
	w := slices.Clone(d.base)
	for v := range blocked {
		for a := g.OutStart[v]; a < g.OutStart[v+1]; a++ {
			w[a] = routing.Inf
		}
		for _, a := range g.InArc[g.InStart[v]:g.InStart[v+1]] {
			w[a] = routing.Inf
		}
	}
	d.closed[key.String()] = w
	return w, blocked
}

// movements adds the movements of traffic arriving on side arc in: to every other side road
// at the junction, or, where the side road only joins the route, to the route beyond the
// closed part.
func (d *detours) movements(dv *Diversion, in int32, out []int32, pass int, w []routing.Weight, blocked map[int32]bool) {
	g := d.e.Router.Graph
	from := g.Tail[in]
	var targets []int32
	var names []string
	for _, a := range out {
		if g.ArcSeg[a] != g.ArcSeg[in] {
			targets = append(targets, g.Head[a])
			names = append(names, g.Road(a).Name)
		}
	}
	if len(targets) == 0 {
		for _, v := range d.beyond(pass, blocked) {
			targets = append(targets, v)
			names = append(names, dv.RouteStreet)
		}
	}
	if len(targets) == 0 {
		return
	}
	limit := routing.Weight(DetourLimit.Milliseconds())
	d.search.Run(d.base, []int32{from}, targets, limit)
	direct := make([][2]float64, len(targets))
	for k, t := range targets {
		direct[k] = [2]float64{d.search.Metres[t], float64(d.search.Weight[t]) / 1000}
	}
	d.search.Run(w, []int32{from}, targets, limit)
	for k, t := range targets {
		m := Movement{From: g.Road(in).Name, To: names[k], DirectM: direct[k][0], DirectSeconds: direct[k][1]}
		if d.search.Weight[t] == routing.Inf {
			m.Held = true
			m.AddedSeconds = dv.Reopen.Sub(dv.Pass).Seconds()
		} else {
			m.Arcs = d.search.PathTo(t)
			m.Detour = g.ArcsGeometry(m.Arcs)
			m.DetourM, m.DetourSeconds = d.search.Metres[t], float64(d.search.Weight[t])/1000
			m.AddedM, m.AddedSeconds = m.DetourM-m.DirectM, m.DetourSeconds-m.DirectSeconds
		}
		dv.Movements = append(dv.Movements, m)
	}
}

// beyond returns the first route junctions outside the closed part around the junction after
// pass i, one each way, where traffic joining the closed road can rejoin it.
func (d *detours) beyond(i int, blocked map[int32]bool) []int32 {
	g := d.e.Router.Graph
	ps := d.res.Passes
	var out []int32
	for j := i; j >= 0; j-- {
		if v := g.Tail[ps[j].Arc]; !blocked[v] {
			out = append(out, v)
			break
		}
	}
	for j := i + 1; j < len(ps); j++ {
		if v := g.Head[ps[j].Arc]; !blocked[v] {
			out = append(out, v)
			break
		}
	}
	return out
}

// assign gives the diversion to the nearest staffed checkpoint whose reach holds it: every
// staffed checkpoint within the largest reach is a candidate, nearest first (a cap on their
// number would miss a far post with a wide reach behind many near ones with small reaches).
func (e *Evaluator) assign(dv *Diversion) {
	for _, h := range e.index.Nearest(dv.Point, geo.Query{Layer: geo.LayerCheckpoints, Kinds: staffed, WithinM: geo.MaxRadiusM}) {
		if cp := e.checkpoint(h.ID); cp != nil && h.DistanceM <= cp.RadiusM {
			dv.Checkpoint, dv.CheckpointDistanceM = cp.ID, h.DistanceM
			return
		}
	}
	dv.NeedsOfficer = true
}

func (e *Evaluator) checkpoint(id string) *geo.Checkpoint {
	if i, ok := e.byID[id]; ok {
		return &e.City.Checkpoints[i]
	}
	return nil
}
