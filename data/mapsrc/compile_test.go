package mapsrc

import (
	"math"
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

const sample = `# a tiny Hội An
city id=test name="Hội An" name_en="Hoi An" timezone=Asia/Ho_Chi_Minh
bbox south=15.8 west=108.2 north=16.1 east=108.5
centre 15.88,108.33
event "APEC 2017"
node a 15.880,108.330
node b 15.881,108.331   # a junction
node c 15.882,108.330
node d 15.883,108.335
road r1 highway=primary name="Cửa Đại" maxspeed=50 lanes=2 : a 15.8805,108.3305 b
    c
road r2 highway=residential name="Phố" oneway=yes : c d b
venue v1 kind=hotel name="Khách sạn Hội An" at=15.881,108.332
checkpoint cp1 kind=traffic_post name="Chốt b" unit="CSGT" officers=3 radius_m=150 at=b
checkpoint cp2 kind=camera name="Camera" unit="CSGT" officers=0 radius_m=150 at=15.8821,108.3301
`

func TestCompile(t *testing.T) {
	c, err := Compile(strings.NewReader(sample), "test.map")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "test" || c.Name != "Hội An" || c.NameEn != "Hoi An" || len(c.Events) != 1 {
		t.Errorf("city = %+v", c)
	}
	var ids []string
	for _, r := range c.Roads {
		ids = append(ids, r.ID)
	}
	// r1 is split at b (r2 ends there); c is r1's end, so r1 has two ways. r2 is one way.
	if got := strings.Join(ids, " "); got != "r1-1 r1-2 r2" {
		t.Fatalf("ways = %s", got)
	}
	if r := c.Roads[0]; len(r.Line) != 3 || r.Line[0] != [2]float64{108.33, 15.88} || r.MaxSpeed != 50 || r.Lanes != 2 {
		t.Errorf("r1-1 = %+v", r)
	}
	if c.Roads[1].Line[0] != c.Roads[0].Line[2] {
		t.Errorf("ways do not share their junction vertex")
	}
	if c.Roads[2].Oneway != geo.OnewayForward {
		t.Errorf("r2 oneway = %v", c.Roads[2].Oneway)
	}
	if cp := c.Checkpoints[0]; cp.Point != c.Roads[0].Line[2] {
		t.Errorf("cp1 at %v, want the node b", cp.Point)
	}
	rep, err := Check(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Components) != 1 || len(rep.Strong) != 1 || rep.Officers != 3 {
		t.Errorf("report = %s", rep)
	}
}

func TestCompileAreas(t *testing.T) {
	src := sample + `area lake kind=water name="Hồ" name_en="Lake" : 15.885,108.33 15.885,108.332 15.887,108.332 15.887,108.33
area river kind=water name="Sông" width=200 : 15.79,108.30 15.85,108.30 15.85,108.40
area park kind=park name="Vườn" : a b c a
`
	c, err := Compile(strings.NewReader(src), "test.map")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]geo.Area{}
	for _, a := range c.Areas {
		byID[a.ID] = a
	}
	if len(c.Areas) != 3 || byID["lake"].NameEn != "Lake" || byID["park"].Kind != "park" {
		t.Fatalf("areas = %+v", c.Areas)
	}
	// The ring was closed and turned counter-clockwise (it was given clockwise).
	lake := byID["lake"].Polygon
	if len(lake) != 1 || !lake[0].Closed() || len(lake[0]) != 5 || lake[0].Orientation() != orb.CCW {
		t.Errorf("lake = %v", lake)
	}
	// The river is 200 m wide, cut at the bbox's south edge (15.8).
	river := byID["river"].Polygon
	b := river.Bound()
	if b.Min[1] < 15.8-1e-9 || b.Min[0] > 108.3-0.0009 || b.Max[0] < 108.4 {
		t.Errorf("river bound %v", b)
	}
	// Its area over its length inside the bbox (5.56 km north, 10.7 km east) is its width.
	m2 := planar.Area(river) * 111195 * 111195 * math.Cos(15.85*math.Pi/180)
	if w := m2 / (5560 + 10700); w < 180 || w > 220 {
		t.Errorf("river %.0f m wide, want 200", w)
	}
	rep, err := Check(c)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Areas != 3 {
		t.Errorf("report = %s", rep)
	}
}

func TestCompileErrors(t *testing.T) {
	head := "city id=t name=T timezone=Asia/Ho_Chi_Minh\nbbox south=15 west=108 north=16 east=109\ncentre 15.5,108.5\nnode a 15.5,108.5\n"
	tests := []struct {
		name, src, want string
	}{
		{"unknown node", head + "road r highway=primary : a b\n", `x.map: line 5: road r: unknown node "b"`},
		{"bad oneway", head + "road r highway=primary oneway=maybe : a 15.6,108.6\n", `x.map:5: road: oneway: want yes, no or -1, got "maybe"`},
		{"bad coordinate", head + "node b 15.5\n", `x.map:5: node: want <lat>,<lon>, got "15.5"`},
		{"duplicate node", head + "node a 15.6,108.6\n", `x.map:5: node: node "a" defined twice`},
		{"unknown statement", head + "street x\n", `x.map:5: street: unknown statement`},
		{"unknown attribute", head + "venue v kind=hotel name=X colour=red at=15.5,108.5\n", `x.map:5: venue: unknown attribute "colour"`},
		{"unclosed quote", head + "venue v name=\"X\n", `x.map: line 5: unclosed quote`},
		{"no city", "node a 15.5,108.5\n", `x.map: want a city line and a bbox line`},
		{"checkpoint site", head + "checkpoint c kind=camera name=C unit=U officers=0 radius_m=100 at=nowhere\n", `x.map: line 5: checkpoint c: at: want a node id or <lat>,<lon>, got "nowhere"`},
		{"area kind", head + "area x kind=sea : 15.5,108.5 15.6,108.5 15.6,108.6\n", `x.map:5: area: kind: want one of water, park, got "sea"`},
		{"area width", head + "area x kind=water width=-3 : 15.5,108.5 15.6,108.5\n", `x.map:5: area: width: want metres in (0, 10000], got "-3"`},
		{"area points", head + "area x kind=park : 15.5,108.5 15.6,108.5\n", `x.map:5: area: area x: want at least 3 points`},
		{"area node", head + "area x kind=park : a b 15.6,108.6\n", `x.map: line 5: area x: unknown node "b"`},
		{"area outside", head + "area x kind=park : 10,100 10,100.1 10.1,100.1\n", `x.map: line 5: area x lies outside the bbox`},
		{"continuation first", "  road\n", `x.map: line 1: continuation line with nothing to continue`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(strings.NewReader(tt.src), "x.map")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func FuzzCompile(f *testing.F) {
	f.Add(sample)
	f.Add("city id=x\nbbox west=1\nroad r : a\n")
	f.Add("node a 1e999,2\n\troad \"")
	f.Add(sample + "area r kind=water width=50 : 15.8,108.2 15.9,108.3\narea p kind=park : a b 15.9,108.4\n")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Compile(strings.NewReader(src), "f.map")
		if err != nil {
			return
		}
		for _, r := range c.Roads {
			if len(r.Line) < 2 {
				t.Fatalf("way %s with %d points", r.ID, len(r.Line))
			}
		}
		for _, a := range c.Areas {
			for _, r := range a.Polygon {
				if len(r) < 4 || !r.Closed() {
					t.Fatalf("area %s with ring %v", a.ID, r)
				}
			}
		}
		_, _ = Files(c)
	})
}
