package data

import (
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	geom "github.com/twpayne/go-geom"
	geomjson "github.com/twpayne/go-geom/encoding/geojson"
)

// TestEmbeddedGeoJSONIndependently reads every embedded layer with a second, independent
// GeoJSON implementation (go-geom's) and checks it sees the same features, ids and
// coordinates as chot's loader: the files are plain RFC 7946, not something only we read.
func TestEmbeddedGeoJSONIndependently(t *testing.T) {
	cities, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cities {
		ours := map[string][]struct {
			id  string
			pts []orb.Point
		}{}
		for _, r := range c.Roads {
			ours[geo.RoadsFile] = append(ours[geo.RoadsFile], struct {
				id  string
				pts []orb.Point
			}{r.ID, r.Line})
		}
		for _, v := range c.Venues {
			ours[geo.VenuesFile] = append(ours[geo.VenuesFile], struct {
				id  string
				pts []orb.Point
			}{v.ID, []orb.Point{v.Point}})
		}
		for _, cp := range c.Checkpoints {
			ours[geo.CheckpointsFile] = append(ours[geo.CheckpointsFile], struct {
				id  string
				pts []orb.Point
			}{cp.ID, []orb.Point{cp.Point}})
		}
		for file, want := range ours {
			b, err := fs.ReadFile(maps, c.ID+"/"+file)
			if err != nil {
				t.Fatal(err)
			}
			var fc geomjson.FeatureCollection
			if err := json.Unmarshal(b, &fc); err != nil {
				t.Fatalf("%s/%s: go-geom cannot read it: %v", c.ID, file, err)
			}
			if len(fc.Features) != len(want) {
				t.Fatalf("%s/%s: go-geom sees %d features, chot %d", c.ID, file, len(fc.Features), len(want))
			}
			for i, f := range fc.Features {
				if f.ID != want[i].id || !sameCoords(f.Geometry, want[i].pts) {
					t.Errorf("%s/%s: feature %d (%s) differs between go-geom and chot", c.ID, file, i, want[i].id)
				}
			}
		}
	}
}

func sameCoords(g geom.T, pts []orb.Point) bool {
	if g == nil || g.Layout() != geom.XY {
		return false
	}
	flat := g.FlatCoords()
	if len(flat) != 2*len(pts) {
		return false
	}
	for i, p := range pts {
		if flat[2*i] != p[0] || flat[2*i+1] != p[1] {
			return false
		}
	}
	return true
}
