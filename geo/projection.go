package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Projection maps WGS 84 lon/lat to local metres (x east, y north) about an
// origin, equirectangularly:
//
//	x = (lon-lon0)·cos(lat0)·R·π/180,  y = (lat-lat0)·R·π/180,  R = EarthRadius.
//
// North-south scale is exact; east-west scale is exact on the origin's
// parallel and off by a factor cos(lat)/cos(lat0) elsewhere, so a projected
// distance errs by about tan|lat0|·Δφ relative, Δφ being the largest
// north-south offset from the origin in radians. Within ±30 km of an origin at
// Vietnam's latitudes (8.5°–23.4° N) that is under 0.2%; ignoring the earth's
// curvature adds under 0.01%. The projection is affine in lon/lat, so straight
// segments stay straight and intersections are the same in either space. The
// zero value is not usable; call NewProjection.
type Projection struct {
	origin orb.Point
	kx, ky float64 // metres per degree of longitude and of latitude
}

// NewProjection returns the projection about origin.
func NewProjection(origin orb.Point) Projection {
	ky := EarthRadius * math.Pi / 180
	return Projection{origin: origin, kx: ky * math.Cos(origin[1]*math.Pi/180), ky: ky}
}

// Forward maps a lon/lat point to metres east and north of the origin.
func (p Projection) Forward(ll orb.Point) orb.Point {
	return orb.Point{(ll[0] - p.origin[0]) * p.kx, (ll[1] - p.origin[1]) * p.ky}
}

// Inverse maps metres east and north of the origin back to lon/lat.
func (p Projection) Inverse(xy orb.Point) orb.Point {
	return orb.Point{p.origin[0] + xy[0]/p.kx, p.origin[1] + xy[1]/p.ky}
}
