package server

import (
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Limits of query parameters.
const (
	maxK       = 100
	maxWithinM = 100_000 // 100 km
	maxQuery   = 200     // runes of a search query
	maxLimit   = 100
)

// floatParam parses a finite number in [lo, hi].
func floatParam(name, raw string, lo, hi float64) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, paramErrorf(name, "want a number, got %q", clip(raw))
	}
	if x < lo || x > hi {
		return 0, paramErrorf(name, "want a number from %g to %g, got %g", lo, hi, x)
	}
	return x, nil
}

// intParam parses an integer in [lo, hi]; an empty value is def.
func intParam(name, raw string, def, lo, hi int) (int, error) {
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil {
		return 0, paramErrorf(name, "want a whole number from %d to %d, got %q", lo, hi, clip(raw))
	}
	if n < lo || n > hi {
		return 0, paramErrorf(name, "want a whole number from %d to %d, got %d", lo, hi, n)
	}
	return n, nil
}

// pointParams parses the required lat and lon parameters.
func pointParams(lat, lon string) (orb.Point, error) {
	if lat == "" {
		return orb.Point{}, paramErrorf("lat", "missing")
	}
	if lon == "" {
		return orb.Point{}, paramErrorf("lon", "missing")
	}
	y, err := floatParam("lat", lat, -90, 90)
	if err != nil {
		return orb.Point{}, err
	}
	x, err := floatParam("lon", lon, -180, 180)
	if err != nil {
		return orb.Point{}, err
	}
	return orb.Point{x, y}, nil
}

// bboxParam parses "minLon,minLat,maxLon,maxLat"; an empty value means no bbox (ok false).
func bboxParam(raw string) (b orb.Bound, ok bool, err error) {
	if raw == "" {
		return b, false, nil
	}
	parts := strings.Split(raw, ",")
	if len(parts) != 4 {
		return b, false, paramErrorf("bbox", "want minLon,minLat,maxLon,maxLat, got %q", clip(raw))
	}
	var v [4]float64
	for i, p := range parts {
		lim := 180.0
		if i%2 == 1 {
			lim = 90
		}
		if v[i], err = floatParam("bbox", p, -lim, lim); err != nil {
			return b, false, err
		}
	}
	if v[0] > v[2] || v[1] > v[3] {
		return b, false, paramErrorf("bbox", "want minLon <= maxLon and minLat <= maxLat, got %q", clip(raw))
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, true, nil
}

// kindsParam parses a comma-separated list of kinds, each of which valid must accept.
func kindsParam(raw string, valid func(string) bool, all []string) ([]string, error) {
	if raw == "" {
		return nil, nil
	}
	var kinds []string
	for _, k := range strings.Split(raw, ",") {
		k = strings.TrimSpace(k)
		if !valid(k) {
			return nil, paramErrorf("kind", "want one or more of %s, got %q", strings.Join(all, ", "), clip(k))
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// clip shortens a value quoted back in an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}
