package osmimport

import (
	"context"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// areasXML has a road, a lake as a closed way, a river bank as a multipolygon of two open
// outer ways (one drawn backwards) with an island, a park half outside the bbox, and the
// cases that are dropped: an open way, a relation with a missing member.
const areasXML = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="chot test">
 <node id="1" lat="21.0300" lon="105.8400"/>
 <node id="2" lat="21.0300" lon="105.8500"/>
 <node id="11" lat="21.0250" lon="105.8510"/>
 <node id="12" lat="21.0250" lon="105.8540"/>
 <node id="13" lat="21.0320" lon="105.8540"/>
 <node id="14" lat="21.0320" lon="105.8510"/>
 <node id="21" lat="21.0400" lon="105.8600"/>
 <node id="22" lat="21.0400" lon="105.8700"/>
 <node id="23" lat="21.0500" lon="105.8700"/>
 <node id="24" lat="21.0500" lon="105.8600"/>
 <node id="31" lat="21.0440" lon="105.8640"/>
 <node id="32" lat="21.0440" lon="105.8660"/>
 <node id="33" lat="21.0460" lon="105.8660"/>
 <node id="34" lat="21.0460" lon="105.8640"/>
 <node id="41" lat="21.0100" lon="105.8350"/>
 <node id="42" lat="21.0100" lon="105.8450"/>
 <node id="43" lat="21.0200" lon="105.8450"/>
 <node id="44" lat="21.0200" lon="105.8350"/>
 <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="Tràng Tiền"/></way>
 <way id="201"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/>
  <tag k="natural" v="water"/><tag k="name" v="Hồ Hoàn Kiếm"/><tag k="name:en" v="Hoan Kiem Lake"/>
 </way>
 <way id="202"><nd ref="21"/><nd ref="22"/><nd ref="23"/></way>
 <way id="203"><nd ref="21"/><nd ref="24"/><nd ref="23"/></way>
 <way id="204"><nd ref="31"/><nd ref="32"/><nd ref="33"/><nd ref="34"/><nd ref="31"/></way>
 <way id="205"><nd ref="41"/><nd ref="42"/><nd ref="43"/><nd ref="44"/><nd ref="41"/><tag k="leisure" v="park"/></way>
 <way id="206"><nd ref="1"/><nd ref="2"/><nd ref="13"/><tag k="natural" v="water"/></way>
 <relation id="301">
  <member type="way" ref="202" role="outer"/><member type="way" ref="203" role="outer"/>
  <member type="way" ref="204" role="inner"/>
  <tag k="type" v="multipolygon"/><tag k="waterway" v="riverbank"/><tag k="name" v="Sông Hồng"/>
 </relation>
 <relation id="302">
  <member type="way" ref="999" role="outer"/>
  <tag k="type" v="multipolygon"/><tag k="leisure" v="park"/>
 </relation>
</osm>
`

func TestImportAreas(t *testing.T) {
	path := writeOSM(t, areasXML)
	bound := orb.Bound{Min: orb.Point{105.84, 21.015}, Max: orb.Point{105.88, 21.06}}
	c, rep, err := ImportFile(context.Background(), path, Options{ID: "areas", Bound: bound})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for i, a := range c.Areas {
		byID[a.ID] = i
	}
	if len(c.Areas) != 3 || rep.Areas != 3 {
		t.Fatalf("areas %+v (report %d)", c.Areas, rep.Areas)
	}
	lake := c.Areas[byID["w201"]]
	if lake.Kind != "water" || lake.Name != "Hồ Hoàn Kiếm" || lake.NameEn != "Hoan Kiem Lake" || len(lake.Polygon) != 1 {
		t.Errorf("lake %+v", lake)
	}
	// The river bank's two outer ways make one ring around the island.
	river := c.Areas[byID["r301"]]
	if river.Kind != "water" || len(river.Polygon) != 2 || !river.Polygon[0].Closed() {
		t.Fatalf("river %+v", river)
	}
	if got, want := planar.Area(river.Polygon), 0.01*0.01-0.002*0.002; got < want*0.999 || got > want*1.001 {
		t.Errorf("river area %g, want %g (shell less island)", got, want)
	}
	if river.Polygon[0].Orientation() != orb.CCW || river.Polygon[1].Orientation() != orb.CW {
		t.Errorf("river rings wind %v %v", river.Polygon[0].Orientation(), river.Polygon[1].Orientation())
	}
	// The park reaches past the bbox's west and south edges: it is cut there.
	park := c.Areas[byID["w205"]]
	if b := park.Polygon.Bound(); park.Kind != "park" || b.Min[0] < bound.Min[0] || b.Min[1] < bound.Min[1] || b.Max[0] != 105.845 {
		t.Errorf("park %+v, bound %v", park, b)
	}
	for reason, n := range map[string]int{"area: open way": 1, "area: relation's ways missing or not closed": 1} {
		if rep.Dropped[reason] != n {
			t.Errorf("dropped %q: %d, want %d (%v)", reason, rep.Dropped[reason], n, rep.Dropped)
		}
	}
	loaded := loadBack(t, c)
	if len(loaded.Areas) != 3 {
		t.Errorf("loaded back %d areas", len(loaded.Areas))
	}
}

// FuzzImportXML imports arbitrary .osm XML: it must not panic, and what it accepts must be a
// city the geo loader accepts too.
func FuzzImportXML(f *testing.F) {
	f.Add(fixtureXML)
	f.Add(areasXML)
	f.Fuzz(func(t *testing.T, doc string) {
		c, _, err := ImportFile(context.Background(), writeOSM(t, doc), Options{ID: "fuzz"})
		if err != nil {
			return
		}
		loadBack(t, c)
	})
}
