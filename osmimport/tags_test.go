package osmimport

import (
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/osm"
)

// tags builds osm.Tags from key, value pairs.
func tags(kv ...string) osm.Tags {
	var t osm.Tags
	for i := 0; i < len(kv); i += 2 {
		t = append(t, osm.Tag{Key: kv[i], Value: kv[i+1]})
	}
	return t
}

func TestOneway(t *testing.T) {
	tests := []struct {
		value, highway, junction string
		want                     geo.Oneway
	}{
		{"yes", "residential", "", geo.OnewayForward},
		{"1", "residential", "", geo.OnewayForward},
		{"true", "residential", "", geo.OnewayForward},
		{"-1", "residential", "", geo.OnewayBackward},
		{"reverse", "residential", "", geo.OnewayBackward},
		{"no", "motorway", "", geo.TwoWay},
		{"false", "residential", "roundabout", geo.TwoWay},
		{"0", "residential", "", geo.TwoWay},
		{"", "residential", "", geo.TwoWay},
		{"", "tertiary", "roundabout", geo.OnewayForward},
		{"", "tertiary", "circular", geo.OnewayForward},
		{"", "motorway", "", geo.OnewayForward},
		{"", "motorway_link", "", geo.OnewayForward},
		{"", "trunk", "", geo.TwoWay},
		{"alternating", "primary", "", geo.TwoWay},
	}
	for _, tt := range tests {
		if got := oneway(tt.value, tt.highway, tt.junction); got != tt.want {
			t.Errorf("oneway(%q, %q, %q) = %v, want %v", tt.value, tt.highway, tt.junction, got, tt.want)
		}
	}
}

func TestMaxSpeed(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"50", 50}, {"50 km/h", 50}, {"50km/h", 50}, {"60 kmh", 60}, {"40 kph", 40},
		{"30 mph", 48}, {"70 mph", 113}, {"100 mph", 0}, {"4", 0}, {"5", 5}, {"150", 150}, {"151", 0},
		{"VN:urban", 0}, {"VN:rural", 0}, {"none", 0}, {"signals", 0}, {"50;60", 0}, {"", 0},
		{"NaN", 0}, {"INF", 0}, {"-50", 0}, {"50 knots", 0}, {" 80 ", 80}, {"49.6", 50},
	}
	for _, tt := range tests {
		if got := maxSpeed(tt.in); got != tt.want {
			t.Errorf("maxSpeed(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestLanes(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"1", 1}, {"4", 4}, {"16", 16}, {"17", 0}, {"0", 0}, {"-2", 0}, {"2;3", 0}, {"2.5", 0}, {"", 0}}
	for _, tt := range tests {
		if got := lanes(tt.in); got != tt.want {
			t.Errorf("lanes(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestRoadKeepOrDrop(t *testing.T) {
	tests := []struct {
		name   string
		tags   osm.Tags
		keep   bool
		reason string
	}{
		{"no highway", tags("building", "yes"), false, ""},
		{"residential", tags("highway", "residential"), true, ""},
		{"service", tags("highway", "service"), true, ""},
		{"living street", tags("highway", "living_street"), true, ""},
		{"pedestrian", tags("highway", "pedestrian"), false, "highway=pedestrian"},
		{"footway", tags("highway", "footway"), false, "highway=footway"},
		{"cycleway", tags("highway", "cycleway"), false, "highway=cycleway"},
		{"steps", tags("highway", "steps"), false, "highway=steps"},
		{"track", tags("highway", "track"), false, "highway=track"},
		{"busway", tags("highway", "busway"), false, "highway=busway"},
		{"construction", tags("highway", "construction"), false, "highway=construction"},
		{"proposed", tags("highway", "proposed"), false, "highway=proposed"},
		{"area", tags("highway", "service", "area", "yes"), false, "area=yes"},
		{"private service", tags("highway", "service", "access", "private"), false, "access=private"},
		{"closed residential", tags("highway", "residential", "access", "no"), false, "access=no"},
		{"private motorway", tags("highway", "motorway", "access", "private"), true, ""},
		{"closed trunk", tags("highway", "trunk", "access", "no"), true, ""},
		{"closed primary", tags("highway", "primary", "access", "no"), true, ""},
		{"destination", tags("highway", "residential", "access", "destination"), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, keep, reason := road(tt.tags)
			if keep != tt.keep || reason != tt.reason || keep && r.Highway != tt.tags.Find("highway") {
				t.Errorf("road = %v, %v, %q; want keep %v, reason %q", r.Highway, keep, reason, tt.keep, tt.reason)
			}
		})
	}
}

func TestRoadBridge(t *testing.T) {
	for v, want := range map[string]bool{"yes": true, "viaduct": true, "movable": true, "no": false, "": false} {
		if r, _, _ := road(tags("highway", "primary", "bridge", v)); r.Bridge != want {
			t.Errorf("bridge=%q: Bridge = %v, want %v", v, r.Bridge, want)
		}
	}
}

func TestVenueKind(t *testing.T) {
	tests := []struct {
		tags osm.Tags
		want string
	}{
		{tags("aeroway", "aerodrome"), "airport"},
		{tags("tourism", "hotel"), "hotel"},
		{tags("amenity", "conference_centre"), "conference_centre"},
		{tags("building", "conference_centre"), "conference_centre"},
		{tags("office", "government"), "government"},
		{tags("amenity", "townhall"), "government"},
		{tags("historic", "monument"), "monument"},
		{tags("historic", "memorial"), "monument"},
		{tags("leisure", "stadium"), "stadium"},
		{tags("tourism", "museum"), "museum"},
		{tags("amenity", "hospital"), "hospital"},
		{tags("railway", "station"), "station"},
		{tags("public_transport", "station", "train", "yes"), "station"},
		{tags("public_transport", "station", "bus", "yes"), ""},
		{tags("place", "square"), "square"},
		{tags("historic", "temple"), "heritage"},
		{tags("historic", "archaeological_site"), "heritage"},
		{tags("heritage", "2"), "heritage"},
		{tags("historic", "no"), ""},
		{tags("tourism", "museum", "historic", "castle"), "museum"},
		{tags("amenity", "restaurant"), ""},
		{tags("leisure", "park"), ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := venueKind(tt.tags); got != tt.want {
			t.Errorf("venueKind(%v) = %q, want %q", tt.tags, got, tt.want)
		}
		if tt.want != "" && !geo.ValidVenueKind(tt.want) {
			t.Errorf("%q is no geo venue kind", tt.want)
		}
	}
}

func TestCheckpoint(t *testing.T) {
	tests := []struct {
		name       string
		tags       osm.Tags
		ok         bool
		kind, n, u string
	}{
		{"named police", tags("amenity", "police", "name", "Công an phường Cát Linh"), true, "security_post",
			"Công an phường Cát Linh", "Công an phường Cát Linh"},
		{"operator", tags("amenity", "police", "name", "Đồn A", "operator", "Công an quận Đống Đa"), true,
			"security_post", "Đồn A", "Công an quận Đống Đa"},
		{"unnamed police", tags("amenity", "police"), true, "security_post", "Đồn công an w7", "Đồn công an w7"},
		{"unnamed fire station", tags("amenity", "fire_station"), true, "fire_rescue", "Trạm cứu hỏa w7", "Trạm cứu hỏa w7"},
		{"hospital", tags("amenity", "hospital"), false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp, ok := checkpoint(tt.tags, "w7")
			if ok != tt.ok || !ok {
				if ok != tt.ok {
					t.Errorf("ok = %v, want %v", ok, tt.ok)
				}
				return
			}
			want := geo.Checkpoint{ID: "cp-w7", Kind: tt.kind, Name: tt.n, Unit: tt.u, Officers: 1, RadiusM: 300,
				Note: "số cán bộ chưa rõ (OSM không có)"}
			if cp != want {
				t.Errorf("checkpoint\n got %+v\nwant %+v", cp, want)
			}
		})
	}
}

func TestVenueName(t *testing.T) {
	tests := []struct {
		tags         osm.Tags
		ok           bool
		name, nameEn string
	}{
		{tags("tourism", "hotel", "name", "Metropole", "name:vi", "Khách sạn Metropole", "name:en", "Metropole Hotel"),
			true, "Khách sạn Metropole", "Metropole Hotel"},
		{tags("tourism", "hotel", "name", "Metropole"), true, "Metropole", ""},
		{tags("tourism", "hotel", "name:en", "Metropole"), false, "", ""},
	}
	for _, tt := range tests {
		v, ok, _ := venue(tt.tags, "n1")
		if ok != tt.ok || v.Name != tt.name || v.NameEn != tt.nameEn || ok && (v.ID != "n1" || v.Kind != "hotel") {
			t.Errorf("venue(%v) = %+v, %v", tt.tags, v, ok)
		}
	}
}

func TestParseRestriction(t *testing.T) {
	way := func(ref int64, role string) osm.Member { return osm.Member{Type: osm.TypeWay, Ref: ref, Role: role} }
	node := func(ref int64, role string) osm.Member { return osm.Member{Type: osm.TypeNode, Ref: ref, Role: role} }
	good := osm.Members{way(1, "from"), node(2, "via"), way(3, "to")}
	tests := []struct {
		name    string
		tags    osm.Tags
		members osm.Members
		kind    string
		reason  string
	}{
		{"no left turn", tags("type", "restriction", "restriction", "no_left_turn"), good, "no_left_turn", ""},
		{"only straight on", tags("type", "restriction", "restriction", "only_straight_on"), good, "only_straight_on", ""},
		{"motorcar", tags("type", "restriction", "restriction", "no_u_turn", "restriction:motorcar", "no_left_turn"),
			good, "no_left_turn", ""},
		{"motorcar only", tags("type", "restriction", "restriction:motorcar", "no_right_turn"), good, "no_right_turn", ""},
		{"other vehicles excepted", tags("type", "restriction", "restriction", "no_left_turn", "except", "motorcycle;bicycle"),
			good, "no_left_turn", ""},
		{"cars excepted", tags("type", "restriction", "restriction", "no_left_turn", "except", "bicycle;motorcar"),
			good, "", "cars excepted"},
		{"conditional", tags("type", "restriction", "restriction:conditional", "no_right_turn @ (06:00-09:00)"),
			good, "", "unsupported kind"},
		{"no entry", tags("type", "restriction", "restriction", "no_entry"), good, "", "unsupported kind"},
		{"via way", tags("type", "restriction", "restriction", "no_u_turn"),
			osm.Members{way(1, "from"), way(2, "via"), way(3, "to")}, "", "via way"},
		{"two from", tags("type", "restriction", "restriction", "no_left_turn"),
			osm.Members{way(1, "from"), way(4, "from"), node(2, "via"), way(3, "to")}, "", "want one from way, one via node, one to way"},
		{"no to", tags("type", "restriction", "restriction", "no_left_turn"),
			osm.Members{way(1, "from"), node(2, "via")}, "", "want one from way, one via node, one to way"},
		{"node from", tags("type", "restriction", "restriction", "no_left_turn"),
			osm.Members{node(1, "from"), node(2, "via"), way(3, "to")}, "", "want one from way, one via node, one to way"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, reason := parseRestriction(&osm.Relation{ID: 9, Tags: tt.tags, Members: tt.members})
			if reason != tt.reason {
				t.Fatalf("reason = %q, want %q", reason, tt.reason)
			}
			want := restriction{id: 9, kind: tt.kind, from: 1, via: 2, to: 3}
			if reason == "" && rs != want {
				t.Errorf("restriction = %+v, want %+v", rs, want)
			}
		})
	}
}
