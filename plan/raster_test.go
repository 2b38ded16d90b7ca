package plan

import (
	"math"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// areaM2 returns a polygon's area in square metres.
func areaM2(p orb.Polygon) float64 {
	proj := geo.NewProjection(p[0][0])
	a := 0.0
	for i, ring := range p {
		xy := make(orb.Ring, len(ring))
		for k, q := range ring {
			xy[k] = proj.Forward(q)
		}
		if i == 0 {
			a += math.Abs(planar.Area(xy))
		} else {
			a -= math.Abs(planar.Area(xy))
		}
	}
	return a
}

func TestRasterArea(t *testing.T) {
	straight := []orb.LineString{{xy(0, 0), xy(500, 0)}}
	square := []orb.LineString{{xy(0, 0), xy(1000, 0)}, {xy(1000, 0), xy(1000, 1000)}, {xy(1000, 1000), xy(0, 1000)}, {xy(0, 1000), xy(0, 0)}}
	apart := []orb.LineString{{xy(0, 0), xy(300, 0)}, {xy(0, 600), xy(300, 600)}}
	tests := []struct {
		name         string
		lines        []orb.LineString
		polys, holes int
		area         float64
	}{
		{"a straight road", straight, 1, 0, 500*120 + math.Pi*60*60},
		{"a ring of roads", square, 1, 1, 1120*1120 - 880*880},
		{"two roads apart", apart, 2, 0, 2 * (300*120 + math.Pi*60*60)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp := rasterArea(tt.lines, 10, 60)
			holes, area := 0, 0.0
			for _, p := range mp {
				holes += len(p) - 1
				area += areaM2(p)
			}
			if len(mp) != tt.polys || holes != tt.holes {
				t.Errorf("%d polygons with %d holes, want %d and %d", len(mp), holes, tt.polys, tt.holes)
			}
			if math.Abs(area-tt.area)/tt.area > 0.05 {
				t.Errorf("area %.0f m², want %.0f within 5%%", area, tt.area)
			}
			for _, p := range mp {
				if !planar.PolygonContains(p, tt.lines[0][0]) && len(mp) == 1 {
					t.Errorf("the area does not hold the line's start")
				}
			}
		})
	}
}
