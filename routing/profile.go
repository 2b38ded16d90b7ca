package routing

import (
	"fmt"
	"math"
	"slices"
)

// Profile turns a road into a travel time and a routing weight.
type Profile struct {
	Name string
	// Speed is the free-flow speed in km/h per highway class; a class missing here is not
	// routable for the profile.
	Speed map[string]float64
	// MaxSpeed caps every speed (a convoy's speed), 0 for no cap.
	MaxSpeed float64
	// Penalty multiplies the weight (not the reported time) per class, to steer a profile
	// away from roads it should avoid; missing classes have penalty 1.
	Penalty map[string]float64
}

// The profiles every city has.
var (
	Car = &Profile{
		Name: "car",
		Speed: map[string]float64{
			"motorway": 90, "motorway_link": 50, "trunk": 70, "trunk_link": 40,
			"primary": 50, "primary_link": 35, "secondary": 40, "secondary_link": 30,
			"tertiary": 35, "tertiary_link": 25, "unclassified": 30, "residential": 25,
			"living_street": 10, "service": 15,
		},
	}
	// Motorcade drives at convoy speed and prefers trunk, primary and secondary roads:
	// residential lanes, service roads and living streets weigh several times their time.
	Motorcade = &Profile{
		Name:     "motorcade",
		Speed:    Car.Speed,
		MaxSpeed: 60,
		Penalty: map[string]float64{
			"tertiary": 1.3, "tertiary_link": 1.3, "unclassified": 2,
			"residential": 4, "service": 8, "living_street": 10,
		},
	}
	profiles = []*Profile{Car, Motorcade}
)

// ProfileByName returns the named profile; "driving" is an alias of "car", as OSRM clients send it.
func ProfileByName(name string) (*Profile, error) {
	if name == "driving" {
		name = "car"
	}
	i := slices.IndexFunc(profiles, func(p *Profile) bool { return p.Name == name })
	if i < 0 {
		return nil, fmt.Errorf("%w: %q (want car or motorcade)", ErrUnknownProfile, name)
	}
	return profiles[i], nil
}

// Profiles returns the profiles every city has.
func Profiles() []*Profile { return slices.Clone(profiles) }

// speed returns the speed in km/h on a road of the class with the posted limit (0 unknown),
// or 0 when the profile does not use the class.
func (p *Profile) speed(class string, limit int) float64 {
	s := p.Speed[class]
	if s == 0 {
		return 0
	}
	if limit > 0 && float64(limit) < s {
		s = float64(limit)
	}
	if p.MaxSpeed > 0 && p.MaxSpeed < s {
		s = p.MaxSpeed
	}
	return s
}

// Metric is what a query minimises.
type Metric uint8

// The metrics.
const (
	Duration Metric = iota
	Distance
)

// ParseMetric parses "duration" or "distance".
func ParseMetric(s string) (Metric, error) {
	switch s {
	case "duration", "":
		return Duration, nil
	case "distance":
		return Distance, nil
	}
	return 0, fmt.Errorf("%w: %q (want duration or distance)", ErrUnknownMetric, s)
}

// String returns "duration" or "distance".
func (m Metric) String() string {
	if m == Distance {
		return "distance"
	}
	return "duration"
}

// Weights are integers so that every algorithm sums them exactly: durations in
// milliseconds, distances in millimetres.
type Weight = uint32

// Inf is the weight of a closed or unusable arc.
const Inf Weight = math.MaxUint32

// add returns a+b, saturating at Inf.
func add(a, b Weight) Weight {
	s := uint64(a) + uint64(b)
	if s >= uint64(Inf) {
		return Inf
	}
	return Weight(s)
}

// weight returns the arc weight for a profile and metric, Inf when the profile cannot use it.
func (p *Profile) weight(m Metric, class string, limit int, lengthM float64) Weight {
	s := p.speed(class, limit)
	if s == 0 {
		return Inf
	}
	if m == Distance {
		return toWeight(lengthM * 1000)
	}
	pen := p.Penalty[class]
	if pen == 0 {
		pen = 1
	}
	return toWeight(lengthM / (s / 3.6) * 1000 * pen)
}

func toWeight(x float64) Weight {
	if x >= float64(Inf-1) {
		return Inf - 1
	}
	return max(1, Weight(math.Round(x)))
}
