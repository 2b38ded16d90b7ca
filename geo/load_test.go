package geo

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
)

const testMeta = `{"name":"Hội An","timezone":"Asia/Ho_Chi_Minh","bbox":[108.2,15.8,108.5,16.1],"centre":[108.33,15.88]}`

func fc(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

const (
	goodRoad  = `{"type":"Feature","id":"r1","geometry":{"type":"LineString","coordinates":[[108.33,15.88],[108.34,15.88]]},"properties":{"highway":"primary","name":"Cửa Đại","oneway":"yes","maxspeed":50,"lanes":2}}`
	goodVenue = `{"type":"Feature","id":"v1","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"hotel","name":"Victoria Hội An"}}`
	goodCP    = `{"type":"Feature","id":"c1","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"traffic_post","name":"Chốt 1","unit":"CSGT","officers":4,"radius_m":150}}`
)

// testCity returns a valid city folder; edits replace whole files.
func testCity(edits map[string]string) fstest.MapFS {
	files := map[string]string{
		MetaFile: testMeta, RoadsFile: fc(goodRoad), VenuesFile: fc(goodVenue), CheckpointsFile: fc(goodCP),
	}
	for k, v := range edits {
		files[k] = v
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		if v != "<missing>" {
			fsys[k] = &fstest.MapFile{Data: []byte(v)}
		}
	}
	return fsys
}

func TestLoadCity(t *testing.T) {
	c, err := LoadCity(testCity(nil), "hoi-an")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Hội An" || len(c.Roads) != 1 || len(c.Venues) != 1 || len(c.Checkpoints) != 1 {
		t.Fatalf("got %+v", c)
	}
	r := c.Roads[0]
	if r.Oneway != OnewayForward || r.MaxSpeed != 50 || r.Lanes != 2 || r.Name != "Cửa Đại" {
		t.Errorf("road = %+v", r)
	}
	if cp := c.Checkpoints[0]; cp.Officers != 4 || cp.RadiusM != 150 || cp.Unit != "CSGT" {
		t.Errorf("checkpoint = %+v", cp)
	}
	if c.Location == nil || c.Location.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("location = %v", c.Location)
	}
}

func TestLoadCityErrors(t *testing.T) {
	road := func(props string) string {
		return `{"type":"Feature","id":"r2","geometry":{"type":"LineString","coordinates":[[108.33,15.88],[108.34,15.89]]},"properties":` + props + `}`
	}
	restr := func(props string) string {
		return `{"type":"Feature","id":"t1","geometry":{"type":"Point","coordinates":[108.34,15.88]},"properties":` + props + `}`
	}
	cp := func(props string) string {
		return `{"type":"Feature","id":"c2","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":` + props + `}`
	}
	tests := []struct {
		name  string
		edits map[string]string
		want  string
	}{
		{"bad oneway", map[string]string{RoadsFile: fc(goodRoad, road(`{"highway":"primary","oneway":"maybe"}`))},
			`roads.geojson: feature 1: oneway: want yes, no or -1, got "maybe"`},
		{"unknown highway", map[string]string{RoadsFile: fc(road(`{"highway":"road"}`))},
			`roads.geojson: feature 0: highway: want an OSM highway class such as primary or residential, got "road"`},
		{"missing highway", map[string]string{RoadsFile: fc(road(`{}`))},
			`roads.geojson: feature 0: highway: missing`},
		{"maxspeed not a number", map[string]string{RoadsFile: fc(road(`{"highway":"primary","maxspeed":"fast"}`))},
			`roads.geojson: feature 0: maxspeed: want a whole number from 5 to 150, got "fast"`},
		{"lanes fraction", map[string]string{RoadsFile: fc(road(`{"highway":"primary","lanes":2.5}`))},
			`roads.geojson: feature 0: lanes: want a whole number from 1 to 16, got 2.5`},
		{"road as point", map[string]string{RoadsFile: fc(goodVenue)},
			`roads.geojson: feature 0: geometry: want LineString, got Point`},
		{"one-point road", map[string]string{RoadsFile: fc(`{"type":"Feature","id":"r","geometry":{"type":"LineString","coordinates":[[108.33,15.88]]},"properties":{"highway":"primary"}}`)},
			`roads.geojson: feature 0: geometry: want at least 2 points, got 1`},
		{"outside bbox", map[string]string{RoadsFile: fc(`{"type":"Feature","id":"r","geometry":{"type":"LineString","coordinates":[[108.33,15.88],[105.8,21.0]]},"properties":{"highway":"primary"}}`)},
			`roads.geojson: feature 0: geometry: coordinate [105.8, 21] is outside the city bbox [108.2, 15.8, 108.5, 16.1]`},
		{"duplicate id across layers", map[string]string{VenuesFile: fc(`{"type":"Feature","id":"r1","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"hotel","name":"X"}}`)},
			`venues.geojson: feature 0: id: duplicate id "r1" (already used in roads.geojson)`},
		{"numeric id", map[string]string{VenuesFile: fc(`{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"hotel","name":"X"}}`)},
			`venues.geojson: feature 0: id: want a string id, got 7`},
		{"no id", map[string]string{VenuesFile: fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"hotel","name":"X"}}`)},
			`venues.geojson: feature 0: id: want a string id, got null`},
		{"venue kind", map[string]string{VenuesFile: fc(`{"type":"Feature","id":"v","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"pub","name":"X"}}`)},
			`venues.geojson: feature 0: kind: want one of airport, hotel, conference_centre, government, monument, stadium, museum, hospital, station, square, heritage, got "pub"`},
		{"venue without name", map[string]string{VenuesFile: fc(`{"type":"Feature","id":"v","geometry":{"type":"Point","coordinates":[108.33,15.88]},"properties":{"kind":"hotel","name":""}}`)},
			`venues.geojson: feature 0: name: empty`},
		{"officers negative", map[string]string{CheckpointsFile: fc(cp(`{"kind":"camera","name":"C","unit":"U","officers":-1,"radius_m":100}`))},
			`checkpoints.geojson: feature 0: officers: want a whole number from 0 to 200, got -1`},
		{"post without officers", map[string]string{CheckpointsFile: fc(cp(`{"kind":"traffic_post","name":"C","unit":"U","officers":0,"radius_m":100}`))},
			`checkpoints.geojson: feature 0: officers: want at least 1 officer at a traffic_post, got 0`},
		{"radius missing", map[string]string{CheckpointsFile: fc(cp(`{"kind":"camera","name":"C","unit":"U","officers":0}`))},
			`checkpoints.geojson: feature 0: radius_m: missing`},
		{"unit wrong type", map[string]string{CheckpointsFile: fc(cp(`{"kind":"camera","name":"C","unit":5,"officers":0,"radius_m":100}`))},
			`checkpoints.geojson: feature 0: unit: want a string, got 5`},
		{"not a collection", map[string]string{CheckpointsFile: `{"type":"Feature"}`},
			`checkpoints.geojson: type: want FeatureCollection, got "Feature"`},
		{"broken json", map[string]string{CheckpointsFile: `{"type":`},
			`checkpoints.geojson: invalid JSON: unexpected end of JSON input`},
		{"feature type", map[string]string{CheckpointsFile: fc(`{"type":"Point","coordinates":[1,2]}`)},
			`checkpoints.geojson: feature 0: type: want Feature, got "Point"`},
		{"missing layer", map[string]string{VenuesFile: "<missing>"},
			`venues.geojson: missing`},
		{"restriction kind", map[string]string{RestrictionsFile: fc(restr(`{"restriction":"no_parking","from":"r1","to":"r1"}`))},
			`restrictions.geojson: feature 0: restriction: want one of no_left_turn, no_right_turn, no_straight_on, no_u_turn, only_left_turn, only_right_turn, only_straight_on, got "no_parking"`},
		{"restriction unknown road", map[string]string{RestrictionsFile: fc(restr(`{"restriction":"no_u_turn","from":"r1","to":"r9"}`))},
			`restrictions.geojson: feature 0: to: no road with id "r9"`},
		{"restriction via off the road", map[string]string{RestrictionsFile: fc(`{"type":"Feature","id":"t1","geometry":{"type":"Point","coordinates":[108.335,15.88]},"properties":{"restriction":"no_u_turn","from":"r1","to":"r1"}}`)},
			`restrictions.geojson: feature 0: from: road "r1" does not pass through the via point [108.335, 15.88]`},
		{"area geometry", map[string]string{AreasFile: fc(area(`"LineString","coordinates":[[108.33,15.88],[108.34,15.88]]`, `{"kind":"water"}`))},
			`areas.geojson: feature 0: geometry: want Polygon, got LineString`},
		{"area open ring", map[string]string{AreasFile: fc(area(`"Polygon","coordinates":[[[108.33,15.88],[108.34,15.88],[108.34,15.89],[108.33,15.89]]]`, `{"kind":"water"}`))},
			`areas.geojson: feature 0: geometry: ring 0: want a closed ring of at least 4 points, got 4 points (closed: false)`},
		{"area flat", map[string]string{AreasFile: fc(area(`"Polygon","coordinates":[[[108.33,15.88],[108.34,15.88],[108.35,15.88],[108.33,15.88]]]`, `{"kind":"water"}`))},
			`areas.geojson: feature 0: geometry: ring 0 encloses no area`},
		{"area outside", map[string]string{AreasFile: fc(area(`"Polygon","coordinates":[[[108.33,15.88],[109.34,15.88],[108.34,15.89],[108.33,15.88]]]`, `{"kind":"water"}`))},
			`areas.geojson: feature 0: geometry: coordinate [109.34, 15.88] is outside the city bbox [108.2, 15.8, 108.5, 16.1]`},
		{"area kind", map[string]string{AreasFile: fc(area(lake, `{"kind":"sea"}`))},
			`areas.geojson: feature 0: kind: want one of water, park, got "sea"`},
		{"area duplicate id", map[string]string{AreasFile: fc(strings.Replace(area(lake, `{"kind":"water"}`), `"a1"`, `"r1"`, 1))},
			`areas.geojson: feature 0: id: duplicate id "r1" (already used in roads.geojson)`},
		{"bad time zone", map[string]string{MetaFile: `{"name":"X","timezone":"Mars/Olympus","bbox":[108.2,15.8,108.5,16.1],"centre":[108.33,15.88]}`},
			`city.json: timezone: want an IANA time zone such as Asia/Ho_Chi_Minh, got "Mars/Olympus"`},
		{"inverted bbox", map[string]string{MetaFile: `{"name":"X","timezone":"Asia/Ho_Chi_Minh","bbox":[108.5,15.8,108.2,16.1],"centre":[108.33,15.88]}`},
			`city.json: bbox: want [minLon, minLat, maxLon, maxLat] with min < max, got [108.5 15.8 108.2 16.1]`},
		{"centre outside", map[string]string{MetaFile: `{"name":"X","timezone":"Asia/Ho_Chi_Minh","bbox":[108.2,15.8,108.5,16.1],"centre":[105,21]}`},
			`city.json: centre: [105 21] is outside the bbox`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCity(testCity(tt.edits), "hoi-an")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err, tt.want)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("error %T is not a *ValidationError", err)
			}
		})
	}
}

// lake is a clockwise ring: the loader turns it.
const lake = `"Polygon","coordinates":[[[108.33,15.88],[108.33,15.89],[108.34,15.89],[108.34,15.88],[108.33,15.88]]]`

func area(geometry, props string) string {
	return `{"type":"Feature","id":"a1","geometry":{"type":` + geometry + `},"properties":` + props + `}`
}

func TestLoadAreas(t *testing.T) {
	c, err := LoadCity(testCity(map[string]string{AreasFile: fc(area(lake, `{"kind":"water","name":"Hồ","name_en":"Lake"}`))}), "hoi-an")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Areas) != 1 || c.Areas[0].Kind != "water" || c.Areas[0].NameEn != "Lake" || c.Counts()["areas"] != 1 {
		t.Fatalf("areas = %+v", c.Areas)
	}
	if o := c.Areas[0].Polygon[0].Orientation(); o != orb.CCW {
		t.Errorf("shell winds %v, want counter-clockwise", o)
	}
}

func TestLoadRestrictions(t *testing.T) {
	c, err := LoadCity(testCity(nil), "hoi-an")
	if err != nil || c.Restrictions != nil {
		t.Fatalf("without the optional layer: %v, %v", c, err)
	}
	r := `{"type":"Feature","id":"t1","geometry":{"type":"Point","coordinates":[108.34,15.88]},"properties":{"restriction":"only_straight_on","from":"r1","to":"r1"}}`
	c, err = LoadCity(testCity(map[string]string{RestrictionsFile: fc(r)}), "hoi-an")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Restrictions; len(got) != 1 || got[0].Kind != "only_straight_on" || !got[0].Only() || got[0].From != "r1" {
		t.Errorf("restrictions = %+v", got)
	}
}

func TestLoadCityBadID(t *testing.T) {
	for _, id := range []string{"", "Hoi An", "../x", "a/b"} {
		if _, err := LoadCity(testCity(nil), id); err == nil {
			t.Errorf("id %q: no error", id)
		}
	}
}

func FuzzLoadAreas(f *testing.F) {
	f.Add([]byte(fc(area(lake, `{"kind":"water"}`))))
	f.Add([]byte(fc(area(`"Polygon","coordinates":[[[108.3,15.9],[108.4,15.9],[108.4,16],[108.3,15.9]],[[1,2]]]`, `{"kind":"park"}`))))
	f.Fuzz(func(t *testing.T, areas []byte) {
		c, err := LoadCity(testCity(map[string]string{AreasFile: string(areas)}), "hoi-an")
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T %v is not a *ValidationError", err, err)
			}
			return
		}
		for _, a := range c.Areas {
			if !ValidAreaKind(a.Kind) || len(a.Polygon) == 0 {
				t.Fatalf("accepted invalid area %+v", a)
			}
			for k, r := range a.Polygon {
				if len(r) < 4 || !r.Closed() || (k == 0) != (r.Orientation() == orb.CCW) {
					t.Fatalf("accepted ring %d %v", k, r)
				}
				for _, p := range r {
					if !c.Bound.Contains(p) {
						t.Fatalf("accepted area point %v outside bbox", p)
					}
				}
			}
		}
	})
}

func FuzzLoadLayer(f *testing.F) {
	f.Add([]byte(fc(goodRoad)), []byte(fc(goodCP)))
	f.Add([]byte(fc(goodVenue)), []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":{"type":"Polygon","coordinates":[[[1,2]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":{"type":"LineString","coordinates":[[1]]}}]}`), []byte(`[]`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":{"type":"GeometryCollection","geometries":[null]}}]}`), []byte(`null`))
	f.Fuzz(func(t *testing.T, roads, cps []byte) {
		c, err := LoadCity(testCity(map[string]string{RoadsFile: string(roads), CheckpointsFile: string(cps)}), "hoi-an")
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T %v is not a *ValidationError", err, err)
			}
			return
		}
		for _, r := range c.Roads {
			if len(r.Line) < 2 || !ValidHighway(r.Highway) {
				t.Fatalf("accepted invalid road %+v", r)
			}
			for _, p := range r.Line {
				if !c.Bound.Contains(p) {
					t.Fatalf("accepted road point %v outside bbox", p)
				}
			}
		}
		for _, cp := range c.Checkpoints {
			if !ValidCheckpointKind(cp.Kind) || cp.Officers < 0 || cp.RadiusM < MinRadiusM || !c.Bound.Contains(cp.Point) {
				t.Fatalf("accepted invalid checkpoint %+v", cp)
			}
		}
	})
}
