package geo

import (
	"slices"
	"time"
	_ "time/tzdata" // maps name their time zone; do not depend on the host's zoneinfo

	"github.com/paulmach/orb"
)

// City is one map: its metadata, its three layers and its optional turn restrictions and areas. A City is read-only once loaded.
type City struct {
	ID          string
	Name        string
	NameEn      string
	TimeZone    string
	Location    *time.Location
	Bound       orb.Bound
	Centre      orb.Point
	Events      []string
	Attribution string

	Roads       []Road
	Venues      []Venue
	Checkpoints []Checkpoint

	Restrictions []Restriction // turn restrictions; optional
	Areas        []Area        // water and parks; optional
}

// Oneway is the direction a road may be driven in.
type Oneway int8

// The directions of a road, as OSM's oneway tag: no, yes (along the line) and -1 (against it).
const (
	TwoWay Oneway = iota
	OnewayForward
	OnewayBackward
)

// String returns the tag value: "no", "yes" or "-1".
func (o Oneway) String() string {
	switch o {
	case OnewayForward:
		return "yes"
	case OnewayBackward:
		return "-1"
	}
	return "no"
}

// Road is one way of the road network: a LineString that meets other ways only at shared vertices.
type Road struct {
	ID       string
	Highway  string
	Name     string
	Ref      string
	Oneway   Oneway
	MaxSpeed int // km/h, 0 when unknown
	Lanes    int // 0 when unknown
	Bridge   bool
	Line     orb.LineString
}

// Venue is a place an event uses: a conference centre, hotel, airport, monument, stadium...
type Venue struct {
	ID     string
	Kind   string
	Name   string
	NameEn string
	Point  orb.Point
}

// Checkpoint is a staffed post (điểm, chốt) or a camera, with the reach it watches.
type Checkpoint struct {
	ID       string
	Kind     string
	Name     string
	Unit     string
	Officers int
	RadiusM  float64
	Note     string
	Point    orb.Point
}

// Highway classes a road may have (OSM's names).
var HighwayClasses = []string{
	"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
	"secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
	"residential", "living_street", "service", "pedestrian",
}

// VenueKinds are the kinds a venue may have.
var VenueKinds = []string{
	"airport", "hotel", "conference_centre", "government", "monument", "stadium",
	"museum", "hospital", "station", "square", "heritage",
}

// CheckpointKinds are the kinds a checkpoint may have.
var CheckpointKinds = []string{"traffic_post", "security_post", "camera", "fire_rescue", "medical"}

// ValidHighway reports whether s is a known highway class.
func ValidHighway(s string) bool { return slices.Contains(HighwayClasses, s) }

// ValidVenueKind reports whether s is a known venue kind.
func ValidVenueKind(s string) bool { return slices.Contains(VenueKinds, s) }

// ValidCheckpointKind reports whether s is a known checkpoint kind.
func ValidCheckpointKind(s string) bool { return slices.Contains(CheckpointKinds, s) }

// Venue returns the venue with the given id.
func (c *City) Venue(id string) (Venue, bool) {
	for _, v := range c.Venues {
		if v.ID == id {
			return v, true
		}
	}
	return Venue{}, false
}

// Counts returns the number of features in each layer, keyed by layer name.
func (c *City) Counts() map[string]int {
	return map[string]int{"roads": len(c.Roads), "venues": len(c.Venues), "checkpoints": len(c.Checkpoints),
		"restrictions": len(c.Restrictions), "areas": len(c.Areas)}
}
