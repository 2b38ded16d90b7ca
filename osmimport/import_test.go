package osmimport

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/chotmap/chot/data/mapsrc"
	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

var testBound = orb.Bound{Min: orb.Point{105.80, 21.00}, Max: orb.Point{105.90, 21.10}}

func ls(ps ...float64) orb.LineString {
	var l orb.LineString
	for i := 0; i < len(ps); i += 2 {
		l = append(l, orb.Point{ps[i], ps[i+1]})
	}
	return l
}

// fixtureRoads are the roads of the fixture; the crossing way 107 is listed whole.
func fixtureRoads() []geo.Road {
	return []geo.Road{
		{ID: "w101", Highway: "primary", Name: "Phố Tràng Tiền", Ref: "QL1", Oneway: geo.TwoWay, MaxSpeed: 50, Lanes: 4,
			Line: ls(105.84, 21.03, 105.841, 21.03, 105.842, 21.03)},
		{ID: "w102", Highway: "residential", Name: "Phố Hàng Bài", Oneway: geo.OnewayBackward, MaxSpeed: 48,
			Line: ls(105.842, 21.03, 105.842, 21.031)},
		{ID: "w103", Highway: "tertiary", Oneway: geo.OnewayForward,
			Line: ls(105.85, 21.03, 105.851, 21.031, 105.85, 21.032, 105.849, 21.031, 105.85, 21.03)},
		{ID: "w104", Highway: "motorway", Ref: "CT01", Oneway: geo.OnewayForward, MaxSpeed: 120, Bridge: true,
			Line: ls(105.86, 21.05, 105.87, 21.06)},
		{ID: "w107", Highway: "secondary", Name: "Đường Ven",
			Line: ls(105.894, 21.05, 105.895, 21.05, 105.905, 21.05, 105.898, 21.052, 105.899, 21.053, 105.91, 21.054)},
		{ID: "w108", Highway: "trunk", Oneway: geo.OnewayForward, Line: ls(105.842, 21.03, 105.842, 21.029)},
	}
}

// cutRoads are the fixture's roads inside testBound: way 107 leaves and re-enters it.
func cutRoads() []geo.Road {
	rs := fixtureRoads()
	w107 := rs[4]
	a, b := w107, w107
	a.ID, a.Line = "w107-1", ls(105.894, 21.05, 105.895, 21.05)
	b.ID, b.Line = "w107-2", ls(105.898, 21.052, 105.899, 21.053)
	return append(rs[:4:4], a, b, rs[5])
}

func fixtureVenues(bbox bool) []geo.Venue {
	vs := []geo.Venue{
		{ID: "n20", Kind: "hotel", Name: "Khách sạn Metropole", NameEn: "Sofitel Legend Metropole", Point: orb.Point{105.845, 21.028}},
		{ID: "n27", Kind: "hotel", Name: "Khách sạn Ngoài", Point: orb.Point{105.95, 21.05}},
		{ID: "w109", Kind: "stadium", Name: "Sân vận động Hàng Đẫy", NameEn: "Hang Day Stadium", Point: orb.Point{105.831, 21.021}},
		{ID: "r301", Kind: "museum", Name: "Bảo tàng Lịch sử", NameEn: "History Museum", Point: orb.Point{105.861, 21.026}},
	}
	if bbox {
		return append(vs[:1:1], vs[2:]...)
	}
	return vs
}

var fixtureCheckpoints = []geo.Checkpoint{
	{ID: "cp-n25", Kind: "fire_rescue", Name: "Trạm cứu hỏa n25", Unit: "Trạm cứu hỏa n25", Officers: 1,
		RadiusM: 300, Note: CheckpointNote, Point: orb.Point{105.843, 21.033}},
	{ID: "cp-n26", Kind: "security_post", Name: "Công an phường Hàng Trống", Unit: "Công an quận Hoàn Kiếm",
		Officers: 1, RadiusM: 300, Note: CheckpointNote, Point: orb.Point{105.851, 21.029}},
}

var fixtureRestrictions = []geo.Restriction{
	{ID: "r201", Kind: "no_left_turn", From: "w101", To: "w102", Via: orb.Point{105.842, 21.03}},
}

func TestImportFixture(t *testing.T) {
	path := writeFixture(t)
	dropped := map[string]int{"highway=footway": 1, "access=private": 1, "area=yes": 1, "venue: no name": 1,
		"restriction: via way": 1, "restriction: road not kept": 1}
	droppedBBox := maps.Clone(dropped)
	droppedBBox["venue: outside bbox"] = 1
	tests := []struct {
		name        string
		bound       orb.Bound
		wantBound   orb.Bound
		wantCentre  orb.Point
		roads       []geo.Road
		venues      []geo.Venue
		wantDropped map[string]int
	}{
		{"everything", orb.Bound{}, orb.Bound{Min: orb.Point{105.83, 21.02}, Max: orb.Point{105.951, 21.061}},
			orb.Point{105.8905, 21.0405}, fixtureRoads(), fixtureVenues(false), dropped},
		{"bbox", testBound, testBound, orb.Point{105.85, 21.05}, cutRoads(), fixtureVenues(true), droppedBBox},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rep, err := ImportFile(context.Background(), path, Options{ID: "hoan-kiem", Bound: tt.bound})
			if err != nil {
				t.Fatal(err)
			}
			checkCity(t, c, "hoan-kiem", tt.wantBound, tt.wantCentre)
			checkSlice(t, "road", c.Roads, tt.roads)
			checkSlice(t, "venue", c.Venues, tt.venues)
			checkSlice(t, "checkpoint", c.Checkpoints, fixtureCheckpoints)
			checkSlice(t, "restriction", c.Restrictions, fixtureRestrictions)
			want := Report{Nodes: 33, Ways: 11, Relations: 4, Roads: len(tt.roads), Venues: len(tt.venues),
				Checkpoints: 2, Restrictions: 1, SkippedRestrictions: 2, Dropped: tt.wantDropped}
			if !reflect.DeepEqual(*rep, want) {
				t.Errorf("report\n got %+v\nwant %+v", *rep, want)
			}
			loadBack(t, c)
		})
	}
}

func checkCity(t *testing.T, c *geo.City, id string, bound orb.Bound, centre orb.Point) {
	t.Helper()
	if c.ID != id || c.Name != id || c.TimeZone != "Asia/Ho_Chi_Minh" || c.Location == nil ||
		c.Location.String() != "Asia/Ho_Chi_Minh" || c.Attribution != "© OpenStreetMap contributors" {
		t.Errorf("city = %q %q %q %v %q", c.ID, c.Name, c.TimeZone, c.Location, c.Attribution)
	}
	if c.Bound != bound || c.Centre != centre {
		t.Errorf("bound, centre = %v, %v; want %v, %v", c.Bound, c.Centre, bound, centre)
	}
}

// checkSlice compares features one by one, by id, so that a failure names the feature.
func checkSlice[T any](t *testing.T, what string, got, want []T) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(got):
			t.Errorf("%s %d missing, want %+v", what, i, want[i])
		case i >= len(want):
			t.Errorf("extra %s %d: %+v", what, i, got[i])
		case !reflect.DeepEqual(got[i], want[i]):
			t.Errorf("%s %d\n got %+v\nwant %+v", what, i, got[i], want[i])
		}
	}
}

// loadBack writes the city with mapsrc and loads it with the geo loader, which checks every
// schema rule (ids unique across layers, coordinates inside the bbox, restrictions on roads).
func loadBack(t testing.TB, c *geo.City) *geo.City {
	t.Helper()
	dir := t.TempDir()
	if err := mapsrc.Write(c, dir); err != nil {
		t.Fatal(err)
	}
	sub, err := fs.Sub(os.DirFS(dir), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := geo.LoadCity(sub, c.ID)
	if err != nil {
		t.Fatalf("load back: %v", err)
	}
	if !maps.Equal(loaded.Counts(), c.Counts()) {
		t.Errorf("loaded %v; imported %v", loaded.Counts(), c.Counts())
	}
	return loaded
}

func TestImportName(t *testing.T) {
	c, _, err := ImportFile(context.Background(), writeFixture(t), Options{ID: "ha-noi", Name: "Hà Nội"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Hà Nội" {
		t.Errorf("name = %q, want Hà Nội", c.Name)
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	fixture := writeFixture(t)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		path string
		opt  Options
		want error
	}{
		{"missing file", context.Background(), filepath.Join(dir, "none.osm.pbf"), Options{ID: "x"}, fs.ErrNotExist},
		{"unknown extension", context.Background(), write("map.geojson", "{}"), Options{ID: "x"}, ErrFormat},
		{"empty id", context.Background(), fixture, Options{}, ErrInvalidID},
		{"upper-case id", context.Background(), fixture, Options{ID: "HaNoi"}, ErrInvalidID},
		{"inverted bound", context.Background(), fixture,
			Options{ID: "x", Bound: orb.Bound{Min: orb.Point{106, 21}, Max: orb.Point{105, 22}}}, ErrInvalidBound},
		{"nothing inside", context.Background(), fixture,
			Options{ID: "x", Bound: orb.Bound{Min: orb.Point{100, 10}, Max: orb.Point{101, 11}}}, ErrEmpty},
		{"empty xml", context.Background(), write("empty.osm", "<osm></osm>"), Options{ID: "x"}, ErrEmpty},
		{"cancelled", cancelled, fixture, Options{ID: "x"}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rep, err := ImportFile(tt.ctx, tt.path, tt.opt)
			if !errors.Is(err, tt.want) || c != nil || rep != nil {
				t.Fatalf("ImportFile = %v, %v, %v; want error %v", c, rep, err, tt.want)
			}
			if tt.want != context.Canceled && err.Error()[:11] != "osmimport: " {
				t.Errorf("error %q does not start with osmimport:", err)
			}
		})
	}
}

func TestImportBadData(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"garbage.osm.pbf": "this is not a pbf file, just some text that is long enough",
		"broken.osm":      "<osm><node id=\"1\" lat=\"x\"",
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := ImportFile(context.Background(), p, Options{ID: "x"})
			if err == nil || err.Error()[:11] != "osmimport: " {
				t.Fatalf("err = %v, want an osmimport: error", err)
			}
		})
	}
}
