package server

import (
	"encoding/json"
	"math"
	"time"

	"github.com/chotmap/chot/routing"
)

// routeResponse is a GeoJSON FeatureCollection (route, legs, stops) with the summary and the
// streets in order as foreign members.
type routeResponse struct {
	Type     string         `json:"type"`
	Features []routeFeature `json:"features"`
	Summary  routeSummary   `json:"summary"`
	Streets  []streetJSON   `json:"streets"`
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

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func streetsJSON(ss []routing.Street) []streetJSON {
	out := make([]streetJSON, len(ss))
	for i, s := range ss {
		out[i] = streetJSON{Name: s.Name, Ref: s.Ref, Highway: s.Highway, DistanceM: round1(s.DistanceM),
			DurationS: round1(s.Seconds), Enter: s.Start.Truncate(time.Second)}
	}
	return out
}

// routeFeature is a feature of the route collection: the route, a leg or a stop.
type routeFeature struct {
	Type       string         `json:"type"`
	Geometry   json.Marshaler `json:"geometry"`
	Properties any            `json:"properties"`
}

// encode writes the response; geometries are written directly, not through reflection and
// re-compaction, since they are most of the bytes.
func (r *routeResponse) encode() ([]byte, error) {
	b := make([]byte, 0, 16<<10)
	b = append(b, `{"type":"FeatureCollection","features":[`...)
	for i, f := range r.Features {
		if i > 0 {
			b = append(b, ',')
		}
		g, err := f.Geometry.MarshalJSON()
		if err != nil {
			return nil, err
		}
		props, err := json.Marshal(f.Properties)
		if err != nil {
			return nil, err
		}
		b = append(b, `{"type":"Feature","geometry":`...)
		b = append(b, g...)
		b = append(b, `,"properties":`...)
		b = append(b, props...)
		b = append(b, '}')
	}
	summary, err := json.Marshal(r.Summary)
	if err != nil {
		return nil, err
	}
	streets, err := json.Marshal(r.Streets)
	if err != nil {
		return nil, err
	}
	b = append(b, `],"summary":`...)
	b = append(b, summary...)
	b = append(b, `,"streets":`...)
	b = append(b, streets...)
	return append(b, '}'), nil
}

type routeProps struct {
	Kind      string  `json:"kind"`
	DistanceM float64 `json:"distance_m"`
	DurationS float64 `json:"duration_s"`
}

type legProps struct {
	Kind      string       `json:"kind"`
	Index     int          `json:"index"`
	DistanceM float64      `json:"distance_m"`
	DurationS float64      `json:"duration_s"`
	Arrival   time.Time    `json:"arrival"`
	Streets   []streetJSON `json:"streets"`
}

type stopProps struct {
	Kind  string     `json:"kind"`
	Index int        `json:"index"`
	SnapM float64    `json:"snap_m"`
	Asked [2]float64 `json:"asked"`
	ETA   time.Time  `json:"eta"`
	Venue string     `json:"venue,omitempty"`
}

func routeCollection(st *cityState, req routing.Request, venues []string, rt *routing.Route) routeResponse {
	loc := st.loc()
	res := routeResponse{Type: "FeatureCollection", Streets: streetsJSON(rt.Streets), Summary: routeSummary{
		City: st.city.ID, Profile: req.Profile.Name, Metric: req.Metric.String(),
		DistanceM: round1(rt.DistanceM), DurationS: round1(rt.Seconds),
		Departure: req.Departure.In(loc).Truncate(time.Second), Arrival: rt.Arrival.In(loc).Truncate(time.Second),
		Legs: len(rt.Legs), Closed: rt.Closed,
	}}
	res.Features = append(res.Features, routeFeature{"Feature", line(rt.Geometry),
		routeProps{"route", res.Summary.DistanceM, res.Summary.DurationS}})
	for i, leg := range rt.Legs {
		res.Features = append(res.Features, routeFeature{"Feature", line(leg.Geometry), legProps{
			Kind: "leg", Index: i, DistanceM: round1(leg.DistanceM), DurationS: round1(leg.Seconds),
			Arrival: leg.Arrival.In(loc).Truncate(time.Second), Streets: streetsJSON(leg.Streets)}})
	}
	for i, pl := range rt.Places {
		eta := req.Departure
		if i > 0 {
			eta = rt.Legs[i-1].Arrival
		}
		res.Features = append(res.Features, routeFeature{"Feature", point(pl.Point), stopProps{
			Kind: "stop", Index: i, SnapM: round1(pl.SnapM), Asked: [2]float64(req.Stops[i]),
			ETA: eta.In(loc).Truncate(time.Second), Venue: venues[i]}})
	}
	return res
}
