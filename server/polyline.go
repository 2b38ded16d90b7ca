package server

import (
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// encodePolyline encodes a line in Google's polyline format (latitude first) with the given
// number of decimals (5 for OSRM's polyline, 6 for polyline6).
func encodePolyline(ls orb.LineString, decimals int) string {
	factor := math.Pow(10, float64(decimals))
	var b strings.Builder
	var plat, plon int64
	for _, p := range ls {
		lat, lon := int64(math.Round(p[1]*factor)), int64(math.Round(p[0]*factor))
		writeVarint(&b, lat-plat)
		writeVarint(&b, lon-plon)
		plat, plon = lat, lon
	}
	return b.String()
}

func writeVarint(b *strings.Builder, v int64) {
	u := uint64(v) << 1
	if v < 0 {
		u = ^u
	}
	for u >= 0x20 {
		b.WriteByte(byte(0x20|u&0x1f) + 63)
		u >>= 5
	}
	b.WriteByte(byte(u) + 63)
}
