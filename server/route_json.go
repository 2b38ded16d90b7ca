package server

import (
	"time"

	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// routeResponse is a GeoJSON FeatureCollection (route, legs, stops) with the summary and the
// streets in order as foreign members.
type routeResponse struct {
	Type     string             `json:"type"`
	Features []*geojson.Feature `json:"features"`
	Summary  routeSummary       `json:"summary"`
	Streets  []streetJSON       `json:"streets"`
}

type routeSummary struct {
	City      string    `json:"city"`
	Profile   string    `json:"profile"`
	Metric    string    `json:"metric"`
	DistanceM float64   `json:"distance_m"`
	DurationS float64   `json:"duration_s"`
	Departure time.Time `json:"departure"`
	Arrival   time.Time `json:"arrival"`
	Legs      int       `json:"legs"`
	Closed    int       `json:"closed_arcs"`
}

type streetJSON struct {
	Name      string    `json:"name"`
	Ref       string    `json:"ref,omitempty"`
	Highway   string    `json:"highway"`
	DistanceM float64   `json:"distance_m"`
	DurationS float64   `json:"duration_s"`
	Enter     time.Time `json:"enter"`
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

func streetsJSON(ss []routing.Street) []streetJSON {
	out := make([]streetJSON, len(ss))
	for i, s := range ss {
		out[i] = streetJSON{Name: s.Name, Ref: s.Ref, Highway: s.Highway, DistanceM: round1(s.DistanceM),
			DurationS: round1(s.Seconds), Enter: s.Start.Truncate(time.Second)}
	}
	return out
}

func routeCollection(st *cityState, req routing.Request, venues []string, rt *routing.Route) routeResponse {
	loc := st.loc()
	res := routeResponse{Type: "FeatureCollection", Streets: streetsJSON(rt.Streets), Summary: routeSummary{
		City: st.city.ID, Profile: req.Profile.Name, Metric: req.Metric.String(),
		DistanceM: round1(rt.DistanceM), DurationS: round1(rt.Seconds),
		Departure: req.Departure.In(loc).Truncate(time.Second), Arrival: rt.Arrival.In(loc).Truncate(time.Second),
		Legs: len(rt.Legs), Closed: rt.Closed,
	}}
	line := geojson.NewFeature(rt.Geometry)
	line.Properties["kind"] = "route"
	line.Properties["distance_m"] = res.Summary.DistanceM
	line.Properties["duration_s"] = res.Summary.DurationS
	res.Features = append(res.Features, line)
	for i, leg := range rt.Legs {
		f := geojson.NewFeature(leg.Geometry)
		f.Properties["kind"] = "leg"
		f.Properties["index"] = i
		f.Properties["distance_m"] = round1(leg.DistanceM)
		f.Properties["duration_s"] = round1(leg.Seconds)
		f.Properties["arrival"] = leg.Arrival.In(loc).Truncate(time.Second)
		f.Properties["streets"] = streetsJSON(leg.Streets)
		res.Features = append(res.Features, f)
	}
	for i, pl := range rt.Places {
		f := geojson.NewFeature(pl.Point)
		f.Properties["kind"] = "stop"
		f.Properties["index"] = i
		f.Properties["snap_m"] = round1(pl.SnapM)
		f.Properties["asked"] = orb.Point(req.Stops[i])
		eta := req.Departure
		if i > 0 {
			eta = rt.Legs[i-1].Arrival
		}
		f.Properties["eta"] = eta.In(loc).Truncate(time.Second)
		if venues[i] != "" {
			f.Properties["venue"] = venues[i]
		}
		res.Features = append(res.Features, f)
	}
	return res
}
