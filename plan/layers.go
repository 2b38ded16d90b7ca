package plan

import (
	"maps"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Output is an evaluated plan for the map and for files: a summary and named GeoJSON layers
// (route, stops, closures, closed_at, diversions, detours, coverage, gaps, suggestions).
type Output struct {
	Name    string                                `json:"name,omitempty"`
	Summary map[string]any                        `json:"summary"`
	Layers  map[string]*geojson.FeatureCollection `json:"layers"`
}

func r1(x float64) float64 { return math.Round(x*10) / 10 }

func feature(g orb.Geometry, props geojson.Properties) *geojson.Feature {
	f := geojson.NewFeature(g)
	f.Properties = props
	return f
}

func collection(fs ...*geojson.Feature) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = append(fc.Features, fs...)
	return fc
}

// Output renders the result; times are shown in loc; closedAt (when not zero) adds the
// closed_at layer of what is closed then.
func (r *Result) Output(loc *time.Location, closedAt time.Time) *Output {
	at := func(t time.Time) time.Time { return t.In(loc).Truncate(time.Second) }
	s := r.Summary
	out := &Output{Name: r.Plan.Name, Layers: map[string]*geojson.FeatureCollection{}, Summary: map[string]any{
		"distance_m": r1(s.DistanceM), "duration_s": r1(s.Seconds), "departure": at(r.Plan.Departure), "arrival": at(s.Arrival),
		"speed_kmh": r.Plan.SpeedKmh, "lead_min": r.Plan.Lead.Minutes(), "lag_min": r.Plan.Lag.Minutes(),
		"diversion_points": s.DiversionPoints, "need_officer": s.NeedOfficer, "worst_added_s": r1(s.WorstAddedSeconds),
		"closed_km": math.Round(s.ClosedKm*100) / 100, "closure_minutes": r1(s.ClosureMinutes),
		"covered_fraction": math.Round(s.CoveredFraction*1000) / 1000, "gaps": s.Gaps, "coverage_by": r.coverageBy(),
		"suggestions": len(r.Suggestions),
	}}
	out.Layers["route"] = collection(feature(r.Route.Geometry, geojson.Properties{"distance_m": r1(s.DistanceM), "duration_s": r1(s.Seconds)}))
	stops := collection()
	for i, pl := range r.Route.Places {
		eta := r.Plan.Departure
		if i > 0 {
			eta = r.Route.Legs[i-1].Arrival
		}
		stops.Append(feature(pl.Point, geojson.Properties{"index": i, "eta": at(eta), "venue": r.Plan.Stops[i].Venue,
			"dwell_min": r.Plan.Stops[i].Dwell.Minutes()}))
	}
	out.Layers["stops"] = stops
	out.Layers["closures"] = stretchCollection(r.Stretches, at)
	if !closedAt.IsZero() {
		out.Layers["closed_at"] = stretchCollection(r.ClosedAt(closedAt), at)
		out.Summary["closed_at"] = at(closedAt)
	}
	out.Layers["diversions"], out.Layers["detours"] = r.diversionCollections(at)
	c := r.Coverage
	overlay := c.Overlay
	if overlay == nil {
		overlay = orb.MultiPolygon{}
	}
	out.Layers["coverage"] = collection(feature(overlay, geojson.Properties{"by": r.coverageBy(),
		"covered_m": r1(c.CoveredM), "uncovered_m": r1(c.UncoveredM), "checkpoints": c.Checkpoints}))
	gaps, sites := collection(), collection()
	for _, g := range c.Gaps {
		gaps.Append(feature(g.Line, geojson.Properties{"length_m": r1(g.LengthM), "from_m": r1(g.FromM), "to_m": r1(g.ToM),
			"enter": at(g.Enter), "leave": at(g.Leave)}))
	}
	for i, sg := range r.Suggestions {
		sites.Append(feature(sg.Point, geojson.Properties{"rank": i + 1, "gain_m": r1(sg.GainM)}))
	}
	out.Layers["gaps"], out.Layers["suggestions"] = gaps, sites
	return out
}

func (r *Result) coverageBy() string {
	if r.Coverage.ByRoad {
		return "road"
	}
	return "radius"
}

func (r *Result) diversionCollections(at func(time.Time) time.Time) (divs, detours *geojson.FeatureCollection) {
	divs, detours = collection(), collection()
	for i, d := range r.Diversions {
		props := geojson.Properties{"index": i, "route_street": d.RouteStreet, "side_streets": d.SideStreets,
			"close": at(d.Close), "reopen": at(d.Reopen), "pass": at(d.Pass), "needs_officer": d.NeedsOfficer,
			"movements": len(d.Movements)}
		if d.Checkpoint != "" {
			props["checkpoint"], props["checkpoint_distance_m"] = d.Checkpoint, r1(d.CheckpointDistanceM)
		}
		if w := d.Worst(); w != nil {
			props["worst_added_s"], props["worst_added_m"], props["held"] = r1(w.AddedSeconds), r1(w.AddedM), w.Held
		}
		divs.Append(feature(d.Point, props))
		for _, m := range d.Movements {
			if !m.Held {
				detours.Append(feature(m.Detour, geojson.Properties{"diversion": i, "from": m.From, "to": m.To,
					"detour_m": r1(m.DetourM), "added_m": r1(m.AddedM), "added_s": r1(m.AddedSeconds)}))
			}
		}
	}
	return divs, detours
}

func stretchCollection(ss []Stretch, at func(time.Time) time.Time) *geojson.FeatureCollection {
	fc := collection()
	for _, s := range ss {
		fc.Append(feature(s.Geometry, geojson.Properties{"name": s.Name, "highway": s.Highway, "length_m": r1(s.LengthM),
			"from_m": r1(s.FromM), "to_m": r1(s.ToM), "enter": at(s.Enter), "leave": at(s.Leave),
			"close": at(s.Close), "reopen": at(s.Reopen)}))
	}
	return fc
}

// FeatureCollection returns every layer's features in one GeoJSON FeatureCollection, for
// GIS tools: each feature says its layer in the property "layer".
func (o *Output) FeatureCollection() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	names := make([]string, 0, len(o.Layers))
	for name := range o.Layers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, f := range o.Layers[name].Features {
			g := *f
			g.Properties = maps.Clone(f.Properties)
			g.Properties["layer"] = name
			fc.Append(&g)
		}
	}
	return fc
}
