package mapsrc

import (
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
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
		_, _ = Files(c)
	})
}
