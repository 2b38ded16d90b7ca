package plan

import (
	"fmt"
	"slices"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// ServiceArea is what a checkpoint's officers reach by car within some minutes.
type ServiceArea struct {
	Minutes float64
	Area    orb.MultiPolygon // the roads within reach, widened by ServiceWidthM
	RoadKm  float64          // length of road within reach
}

// The band drawn along the roads within reach: its half-width and the cell of the grid it is
// drawn on.
const (
	ServiceWidthM = 60
	ServiceCellM  = 30
)

// MaxServiceMinutes bounds a service area.
const MaxServiceMinutes = 60

// ServiceAreas returns the service areas of checkpoint id for each of the minutes (ascending),
// from one search up to the largest.
func (e *Evaluator) ServiceAreas(id string, minutes []float64) ([]ServiceArea, error) {
	cp := e.checkpoint(id)
	if cp == nil {
		return nil, fmt.Errorf("%w: checkpoint %q", geo.ErrNotFound, id)
	}
	if len(minutes) == 0 || len(minutes) > 10 {
		return nil, fieldErr("minutes", "want 1 to 10 values, got %d", len(minutes))
	}
	for _, m := range minutes {
		if m <= 0 || m > MaxServiceMinutes {
			return nil, fieldErr("minutes", "want minutes from 0 to %d, got %g", MaxServiceMinutes, m)
		}
	}
	minutes = slices.Sorted(slices.Values(minutes))
	pl, err := e.Router.Snapper.Snap(cp.Point, routing.DefaultSnapLimitM)
	if err != nil {
		return nil, err
	}
	g := e.Router.Graph
	maxW := routing.Weight(minutes[len(minutes)-1] * 60_000)
	reach := g.ReachFrom(e.Router.Weights(routing.Car, routing.Duration), []routing.Place{pl}, maxW)
	// Only segments with an end within reach (or the checkpoint's own) can hold reachable road.
	var segs []int32
	for s := range g.Segs {
		arcs := g.SegArcs(int32(s))
		for _, a := range arcs {
			if reach.Weight[g.Tail[a]] <= maxW || reach.Weight[g.Head[a]] <= maxW || int32(s) == pl.Seg {
				segs = append(segs, int32(s))
				break
			}
		}
	}
	out := make([]ServiceArea, len(minutes))
	for i, m := range minutes {
		limit := routing.Weight(m * 60_000)
		var lines []orb.LineString
		km := 0.0
		for _, s := range segs {
			for _, iv := range reach.Within(s, limit) {
				lines = append(lines, g.SegmentPart(s, iv[0], iv[1]))
				km += (iv[1] - iv[0]) * g.Segs[s].LengthM / 1000
			}
		}
		out[i] = ServiceArea{Minutes: m, Area: rasterArea(lines, ServiceCellM, ServiceWidthM), RoadKm: km}
	}
	return out, nil
}
