package osmimport

import (
	"math"
	"strconv"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/osm"
)

// road reads a way's tags as a road (without id and line). When the way is not a road it
// returns a drop reason, or "" when the way has no highway tag at all.
func road(t osm.Tags) (r geo.Road, ok bool, reason string) {
	hw := t.Find("highway")
	switch {
	case hw == "":
		return r, false, ""
	case hw == "pedestrian" || !geo.ValidHighway(hw):
		return r, false, "highway=" + hw
	case t.Find("area") == "yes":
		return r, false, "area=yes"
	}
	if a := t.Find("access"); (a == "no" || a == "private") && hw != "motorway" && hw != "trunk" && hw != "primary" {
		return r, false, "access=" + a
	}
	bridge := t.Find("bridge")
	return geo.Road{
		Highway:  hw,
		Name:     t.Find("name"),
		Ref:      t.Find("ref"),
		Oneway:   oneway(t.Find("oneway"), hw, t.Find("junction")),
		MaxSpeed: maxSpeed(t.Find("maxspeed")),
		Lanes:    lanes(t.Find("lanes")),
		Bridge:   bridge != "" && bridge != "no",
	}, true, ""
}

// oneway normalises the oneway tag. Without a known value, roundabouts, circular junctions,
// motorways and motorway links are one-way along the way, everything else two-way.
func oneway(v, highway, junction string) geo.Oneway {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "1", "true":
		return geo.OnewayForward
	case "-1", "reverse":
		return geo.OnewayBackward
	case "no", "false", "0":
		return geo.TwoWay
	}
	if junction == "roundabout" || junction == "circular" || highway == "motorway" || highway == "motorway_link" {
		return geo.OnewayForward
	}
	return geo.TwoWay
}

// maxSpeed parses a maxspeed tag ("50", "50 km/h", "30 mph") into whole km/h. Zone values
// such as "VN:urban", lists and speeds outside 5 to 150 km/h give 0 (unknown).
func maxSpeed(v string) int {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	num := strings.TrimRight(v, " abcdefghijklmnopqrstuvwxyz/")
	unit := strings.TrimSpace(v[len(num):])
	x, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil {
		return 0
	}
	switch unit {
	case "", "km/h", "kmh", "kph":
	case "mph":
		x *= 1.609344
	default:
		return 0
	}
	x = math.Round(x)
	if !(x >= 5 && x <= 150) { // also rejects NaN
		return 0
	}
	return int(x)
}

// lanes parses a lanes tag: a whole number from 1 to 16, else 0 (unknown).
func lanes(v string) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > 16 {
		return 0
	}
	return n
}
