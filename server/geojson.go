package server

import (
	"strconv"

	"github.com/paulmach/orb"
)

// line is a GeoJSON LineString that encodes its coordinates quickly with 6 decimals (about
// 10 cm), without reflection.
type line orb.LineString

// MarshalJSON writes the LineString geometry.
func (l line) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 40+len(l)*24)
	b = append(b, `{"type":"LineString","coordinates":[`...)
	for i, p := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPosition(b, p)
	}
	return append(b, "]}"...), nil
}

// point is a GeoJSON Point with 6 decimals.
type point orb.Point

// MarshalJSON writes the Point geometry.
func (p point) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 64), `{"type":"Point","coordinates":`...)
	b = appendPosition(b, orb.Point(p))
	return append(b, '}'), nil
}

func appendPosition(b []byte, p orb.Point) []byte {
	b = append(b, '[')
	b = strconv.AppendFloat(b, p[0], 'f', 6, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, p[1], 'f', 6, 64)
	return append(b, ']')
}
