package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// Request is a plan as JSON: the body of the plans/evaluate endpoint and of a plan file.
//
//	{"name": "...", "departure": "2026-11-25T14:00:00+07:00",
//	 "stops": [{"venue": "san-bay-noi-bai"}, {"at": [105.85, 21.02], "dwell_min": 20}, [105.78, 21.01]],
//	 "profile": "motorcade", "speed_kmh": 50, "lead_min": 10, "lag_min": 5,
//	 "coverage": {"by": "radius", "minutes": 3, "suggest": 10, "site_radius_m": 300},
//	 "closed_at": "2026-11-25T14:05:00+07:00"}
type Request struct {
	Name      string            `json:"name"`
	Stops     []json.RawMessage `json:"stops"`
	Departure string            `json:"departure"`
	Profile   string            `json:"profile"`
	SpeedKmh  float64           `json:"speed_kmh"`
	LeadMin   *float64          `json:"lead_min"`
	LagMin    *float64          `json:"lag_min"`
	Coverage  struct {
		By          string  `json:"by"`
		Minutes     float64 `json:"minutes"`
		Suggest     int     `json:"suggest"`
		SiteRadiusM float64 `json:"site_radius_m"`
	} `json:"coverage"`
	ClosedAt string `json:"closed_at"` // optional: also list what is closed at this time
}

// DecodeRequest reads a plan request, rejecting unknown fields and trailing data.
func DecodeRequest(b []byte) (*Request, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r Request
	if err := dec.Decode(&r); err != nil {
		return nil, fieldErr("body", "invalid JSON: %v", err)
	}
	if dec.More() {
		return nil, fieldErr("body", "want one JSON object, got more")
	}
	return &r, nil
}

// Plan turns the request into a plan (times without zone are read in loc) and the closed_at
// time (zero when absent), naming the field of any problem.
func (r *Request) Plan(loc *time.Location) (Plan, time.Time, error) {
	p := Plan{Name: r.Name, SpeedKmh: r.SpeedKmh, Lead: DefaultLead, Lag: DefaultLag}
	for i, raw := range r.Stops {
		s, err := ParseStop(raw)
		if err != nil {
			return p, time.Time{}, fieldErr(fmt.Sprintf("stops[%d]", i), "%s", err)
		}
		p.Stops = append(p.Stops, s)
	}
	var err error
	if p.Departure, err = ParseTime("departure", r.Departure, loc); err != nil {
		return p, time.Time{}, err
	}
	if r.Profile != "" {
		if p.Profile, err = routing.ProfileByName(r.Profile); err != nil {
			return p, time.Time{}, fieldErr("profile", "want car or motorcade, got %q", r.Profile)
		}
	}
	if r.LeadMin != nil {
		p.Lead = time.Duration(*r.LeadMin * float64(time.Minute))
	}
	if r.LagMin != nil {
		p.Lag = time.Duration(*r.LagMin * float64(time.Minute))
	}
	switch r.Coverage.By {
	case "", "radius":
	case "road":
		p.Coverage.ByRoad = true
	default:
		return p, time.Time{}, fieldErr("coverage.by", "want radius or road, got %q", r.Coverage.By)
	}
	p.Coverage.Minutes, p.Coverage.Suggest, p.Coverage.SiteRadiusM = r.Coverage.Minutes, r.Coverage.Suggest, r.Coverage.SiteRadiusM
	closedAt, err := ParseTime("closed_at", r.ClosedAt, loc)
	return p, closedAt, err
}

// parseStop reads [lon, lat] or {"venue": id | "at": [lon, lat], "dwell_min": m}.
// ParseStop reads a stop: [lon, lat], {"venue": id, "dwell_min": m} or {"at": [lon, lat],
// "dwell_min": m}. A venue is not looked up here.
func ParseStop(raw json.RawMessage) (Stop, error) {
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
		var pair []float64
		if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 || !geo.ValidPoint(orb.Point{pair[0], pair[1]}) {
			return Stop{}, fmt.Errorf("want [lon, lat] with lon in -180..180 and lat in -90..90, got %s", clip(raw))
		}
		return Stop{Point: orb.Point{pair[0], pair[1]}}, nil
	}
	var s struct {
		Venue    string     `json:"venue"`
		At       *[]float64 `json:"at"`
		DwellMin float64    `json:"dwell_min"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Stop{}, fmt.Errorf(`want [lon, lat], {"venue": id, "dwell_min": m} or {"at": [lon, lat], "dwell_min": m}, got %s`, clip(raw))
	}
	stop := Stop{Venue: s.Venue, Dwell: time.Duration(s.DwellMin * float64(time.Minute))}
	switch {
	case s.Venue != "" && s.At != nil:
		return stop, fmt.Errorf("give a venue or at, not both")
	case s.At != nil:
		if len(*s.At) != 2 || !geo.ValidPoint(orb.Point{(*s.At)[0], (*s.At)[1]}) {
			return stop, fmt.Errorf("at: want [lon, lat]")
		}
		stop.Point = orb.Point{(*s.At)[0], (*s.At)[1]}
	case s.Venue == "":
		return stop, fmt.Errorf("want a venue or at")
	}
	return stop, nil
}

// ParseTime reads an RFC 3339 time; one without zone is read in loc. Empty is the zero time.
// An error is a *FieldError naming field.
func ParseTime(field, raw string, loc *time.Location) (time.Time, error) {
	if raw == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, raw); err == nil {
		return t.In(loc), nil
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", raw, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fieldErr(field, "want an RFC 3339 time such as 2026-11-25T14:05:00+07:00, got %q", raw)
}

func clip(b []byte) string {
	if r := []rune(string(b)); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return string(b)
}
