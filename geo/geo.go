// Package geo holds the geometry of chot: distances in metres on orb points, the City model
// with its road, venue and checkpoint layers, their GeoJSON loader and validation, and the
// spatial index over venues and checkpoints.
package geo

import (
	"math"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// EarthRadius is the sphere radius in metres that every distance in chot uses (orb's).
const EarthRadius = orb.EarthRadius

// Distance returns the great-circle (haversine) distance between a and b in metres.
func Distance(a, b orb.Point) float64 {
	return orbgeo.DistanceHaversine(a, b)
}

// Bearing returns the initial bearing from a to b in degrees clockwise from north, in [0, 360).
func Bearing(a, b orb.Point) float64 {
	d := orbgeo.Bearing(a, b)
	if d < 0 {
		d += 360
	}
	return d
}

// ValidPoint reports whether p is a finite WGS 84 coordinate.
func ValidPoint(p orb.Point) bool {
	lon, lat := p[0], p[1]
	return !math.IsNaN(lon) && !math.IsNaN(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// LineLength returns the length of a line in metres.
func LineLength(ls orb.LineString) float64 {
	d := 0.0
	for i := 1; i < len(ls); i++ {
		d += Distance(ls[i-1], ls[i])
	}
	return d
}
