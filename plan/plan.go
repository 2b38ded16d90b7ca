// Package plan turns a motorcade into what planners prepare by hand: the route with the time
// the convoy passes every junction, the rolling closure timeline, the diversions ordinary
// traffic needs (phân luồng) and where officers must stand, and how well the checkpoints
// cover the route, with the gaps and the best sites for new posts.
package plan

import (
	"fmt"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

// Plan is a motorcade: ordered stops, a departure, the convoy and how roads close around it.
type Plan struct {
	Name      string
	Stops     []Stop
	Departure time.Time
	Profile   *routing.Profile // nil means routing.Motorcade
	SpeedKmh  float64          // convoy speed; 0 means DefaultSpeedKmh
	Lead      time.Duration    // a road closes this long before the convoy reaches it
	Lag       time.Duration    // and reopens this long after it has passed
	Coverage  CoverageSettings
}

// Stop is a venue (by id) or a coordinate, with how long the convoy stays there.
type Stop struct {
	Venue string
	Point orb.Point
	Dwell time.Duration
}

// CoverageSettings say how a checkpoint's reach is measured and how many new sites to suggest.
type CoverageSettings struct {
	// ByRoad measures reach as minutes of driving (car profile) from the checkpoint;
	// otherwise reach is the checkpoint's radius_m.
	ByRoad  bool
	Minutes float64 // with ByRoad; 0 means DefaultMinutes
	Suggest int     // how many new sites to suggest; 0 for none
	// SiteRadiusM is the reach of a suggested site when coverage is by radius.
	SiteRadiusM float64
}

// Defaults of a plan.
const (
	DefaultSpeedKmh    = 50
	DefaultLead        = 10 * time.Minute
	DefaultLag         = 5 * time.Minute
	DefaultMinutes     = 3
	DefaultSiteRadiusM = 300
	MaxStops           = 25
	MaxSuggest         = 50
)

// FieldError is a plan field that is wrong; the server renders it as 400 naming the field.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// withDefaults fills the zero fields and checks the plan, naming the first wrong field.
func (p Plan) withDefaults() (Plan, error) {
	if len(p.Stops) < 2 || len(p.Stops) > MaxStops {
		return p, fieldErr("stops", "want 2 to %d stops, got %d", MaxStops, len(p.Stops))
	}
	for i, s := range p.Stops {
		if s.Dwell < 0 || s.Dwell > 24*time.Hour {
			return p, fieldErr(fmt.Sprintf("stops[%d].dwell", i), "want 0 to 24 hours, got %v", s.Dwell)
		}
	}
	if p.Departure.IsZero() {
		return p, fieldErr("departure", "missing")
	}
	if p.Profile == nil {
		p.Profile = routing.Motorcade
	}
	switch {
	case p.SpeedKmh == 0:
		p.SpeedKmh = DefaultSpeedKmh
	case p.SpeedKmh < 5 || p.SpeedKmh > 120:
		return p, fieldErr("speed_kmh", "want 5 to 120 km/h, got %g", p.SpeedKmh)
	}
	if p.Lead < 0 || p.Lead > 6*time.Hour {
		return p, fieldErr("lead_min", "want 0 to 360 minutes, got %v", p.Lead)
	}
	if p.Lag < 0 || p.Lag > 6*time.Hour {
		return p, fieldErr("lag_min", "want 0 to 360 minutes, got %v", p.Lag)
	}
	c := &p.Coverage
	if c.Minutes == 0 {
		c.Minutes = DefaultMinutes
	}
	if c.Minutes < 0.5 || c.Minutes > 60 {
		return p, fieldErr("coverage.minutes", "want 0.5 to 60 minutes, got %g", c.Minutes)
	}
	if c.Suggest < 0 || c.Suggest > MaxSuggest {
		return p, fieldErr("coverage.suggest", "want 0 to %d sites, got %d", MaxSuggest, c.Suggest)
	}
	if c.SiteRadiusM == 0 {
		c.SiteRadiusM = DefaultSiteRadiusM
	}
	if c.SiteRadiusM < geo.MinRadiusM || c.SiteRadiusM > geo.MaxRadiusM {
		return p, fieldErr("coverage.site_radius_m", "want %d to %d m, got %g", geo.MinRadiusM, geo.MaxRadiusM, c.SiteRadiusM)
	}
	return p, nil
}
