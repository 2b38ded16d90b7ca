package server

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestEncodePolyline(t *testing.T) {
	// The example of Google's polyline algorithm documentation.
	ls := orb.LineString{{-120.2, 38.5}, {-120.95, 40.7}, {-126.453, 43.252}}
	if got, want := encodePolyline(ls, 5), "_p~iF~ps|U_ulLnnqC_mqNvxq`@"; got != want {
		t.Errorf("polyline %q, want %q", got, want)
	}
	hn := orb.LineString{{105.852345, 21.028511}, {105.8531, 21.0277}, {105.8531, 21.0277}, {105.79, 21.1}}
	back := decodePolyline(encodePolyline(hn, 6), 6)
	for i := range hn {
		if math.Abs(back[i][0]-hn[i][0]) > 1e-9 || math.Abs(back[i][1]-hn[i][1]) > 1e-9 {
			t.Fatalf("polyline6 round trip: %v, want %v", back, hn)
		}
	}
}

// decodePolyline is the inverse of encodePolyline, for the tests.
func decodePolyline(s string, decimals int) orb.LineString {
	factor := math.Pow(10, float64(decimals))
	var out orb.LineString
	var lat, lon int64
	next := func() int64 {
		var u uint64
		for shift := 0; ; shift += 5 {
			c := uint64(s[0] - 63)
			s = s[1:]
			u |= (c & 0x1f) << shift
			if c < 0x20 {
				break
			}
		}
		v := int64(u >> 1)
		if u&1 != 0 {
			v = ^v
		}
		return v
	}
	for len(s) > 0 {
		lat += next()
		lon += next()
		out = append(out, orb.Point{float64(lon) / factor, float64(lat) / factor})
	}
	return out
}
