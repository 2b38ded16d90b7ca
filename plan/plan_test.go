package plan

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/paulmach/orb"
)

var departure = time.Date(2026, 11, 25, 14, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// xy returns the point x metres east and y metres north of 105.80 E, 21.00 N.
func xy(x, y float64) orb.Point {
	return orb.Point{105.80 + x/(geo.EarthRadius*math.Pi/180*math.Cos(21*math.Pi/180)), 21.00 + y/(geo.EarthRadius*math.Pi/180)}
}

// testCity: the route road runs 2 km east from A (0, 0) through J (1000, 0) to B (2000, 0).
// A cross street runs from N (1000, 300) through J to S (1000, -300); a ring road joins N and
// S round the west end, 500 m west of A, without touching the route. The checkpoints are
// the arguments.
func testCity(cps ...geo.Checkpoint) *geo.City {
	road := func(id, name, class string, pts ...orb.Point) geo.Road {
		return geo.Road{ID: id, Name: name, Highway: class, Line: pts}
	}
	return &geo.City{ID: "test", Name: "Thử", Bound: orb.Bound{Min: xy(-2000, -2000), Max: xy(4000, 2000)},
		Roads: []geo.Road{
			road("main", "Đại lộ", "primary", xy(0, 0), xy(1000, 0), xy(2000, 0)),
			road("cross", "Phố Ngang", "residential", xy(1000, 300), xy(1000, 0), xy(1000, -300)),
			road("ring", "Đường Vòng", "residential", xy(1000, 300), xy(-500, 300), xy(-500, -300), xy(1000, -300)),
		},
		Venues: []geo.Venue{
			{ID: "a", Kind: "hotel", Name: "Khách sạn A", Point: xy(0, 10)},
			{ID: "b", Kind: "conference_centre", Name: "Hội trường B", Point: xy(2000, 10)},
		},
		Checkpoints: cps}
}

func evaluator(t *testing.T, c *geo.City) *Evaluator {
	t.Helper()
	r, err := routing.NewRouter(c)
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEvaluator(c, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func post(id string, x, radius float64) geo.Checkpoint {
	return geo.Checkpoint{ID: id, Kind: "traffic_post", Name: id, Unit: "CSGT", Officers: 4, RadiusM: radius, Point: xy(x, 0)}
}

func basePlan() Plan {
	return Plan{Name: "thử", Stops: []Stop{{Venue: "a"}, {Venue: "b"}}, Departure: departure}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestDetourOfKnownLength(t *testing.T) {
	t.Run("open junction", func(t *testing.T) { testDetour(t, testCity(post("j", 1000, 50))) })
	// A turn restriction splits J into a vertex per restricted approach: the ways out must
	// still count once each.
	t.Run("restricted junction", func(t *testing.T) {
		c := testCity(post("j", 1000, 50))
		c.Restrictions = []geo.Restriction{{ID: "r", Kind: "no_u_turn", From: "cross", To: "cross", Via: xy(1000, 0)}}
		testDetour(t, c)
	})
}

func testDetour(t *testing.T, c *geo.City) {
	e := evaluator(t, c)
	res, err := e.Evaluate(basePlan())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diversions) != 1 {
		t.Fatalf("%d diversion points, want 1 (J)", len(res.Diversions))
	}
	d := res.Diversions[0]
	if geo.Distance(d.Point, xy(1000, 0)) > 0.01 || d.Checkpoint != "j" || d.NeedsOfficer {
		t.Errorf("diversion at %v assigned to %q (needs officer %v), want J and checkpoint j", d.Point, d.Checkpoint, d.NeedsOfficer)
	}
	if len(d.Movements) != 2 {
		t.Fatalf("%d movements, want N->S and S->N", len(d.Movements))
	}
	for _, m := range d.Movements {
		// Direct: 300 + 300 m through J. Detour: round the ring, 1500 + 600 + 1500 m.
		if m.Held || !near(m.DirectM, 600, 1) || !near(m.DetourM, 3600, 5) || !near(m.AddedM, 3000, 5) {
			t.Errorf("movement %s -> %s: direct %.0f m, detour %.0f m, added %.0f m (held %v); want 600, 3600, 3000",
				m.From, m.To, m.DirectM, m.DetourM, m.AddedM, m.Held)
		}
		if m.AddedSeconds <= 0 {
			t.Errorf("added %.0f s", m.AddedSeconds)
		}
		// The detour never touches the route.
		for _, p := range m.Detour {
			if math.Abs(p[1]-21.00) < 1e-9 && p[0] > 105.80-1e-9 {
				t.Errorf("detour passes %v on the closed route", p)
			}
		}
	}
	s := res.Summary
	if s.DiversionPoints != 1 || s.NeedOfficer != 0 || !near(s.ClosedKm, 2, 0.01) || s.WorstAddedSeconds <= 0 {
		t.Errorf("summary %+v", s)
	}
}

// TestDiversionFarPost: J has eleven posts with 20 m reaches just out of reach around it,
// and one 800 m away whose reach is 1 km: that one takes the diversion.
func TestDiversionFarPost(t *testing.T) {
	var cps []geo.Checkpoint
	for i := range 11 {
		cp := post(fmt.Sprintf("near-%d", i), 1000, 20)
		cp.Point = xy(1000+30*math.Cos(float64(i)), 30*math.Sin(float64(i)))
		cps = append(cps, cp)
	}
	far := post("far", 1000, 1000)
	far.Point = xy(1000, 800)
	e := evaluator(t, testCity(append(cps, far)...))
	res, err := e.Evaluate(basePlan())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diversions) != 1 || res.Diversions[0].Checkpoint != "far" || res.Diversions[0].NeedsOfficer {
		t.Errorf("%d diversions, the first assigned to %q (needs officer %v); want J assigned to far", len(res.Diversions), res.Diversions[0].Checkpoint, res.Diversions[0].NeedsOfficer)
	}
}

func TestDiversionNeedsOfficer(t *testing.T) {
	e := evaluator(t, testCity(post("far", 1600, 100))) // 600 m from J, reach 100 m
	res, err := e.Evaluate(basePlan())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diversions) != 1 || !res.Diversions[0].NeedsOfficer || res.Summary.NeedOfficer != 1 {
		t.Errorf("diversions %+v", res.Diversions)
	}
}

func TestClosureTimeline(t *testing.T) {
	e := evaluator(t, testCity())
	p := basePlan()
	p.Lead, p.Lag = 10*time.Minute, 5*time.Minute
	res, err := e.Evaluate(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stretches) != 2 {
		t.Fatalf("%d stretches, want 2 (two 1 km pieces of Đại lộ)", len(res.Stretches))
	}
	first, second := res.Stretches[0], res.Stretches[1]
	if !first.Close.Equal(departure.Add(-10*time.Minute)) || !second.Close.Equal(second.Enter.Add(-10*time.Minute)) ||
		!second.Reopen.Equal(second.Leave.Add(5*time.Minute)) || !near(first.LengthM+second.LengthM, res.Route.DistanceM, 0.01) {
		t.Errorf("stretches %+v", res.Stretches)
	}
	if got := len(res.ClosedAt(departure.Add(-11 * time.Minute))); got != 0 {
		t.Errorf("%d closed before anything closes", got)
	}
	if got := len(res.ClosedAt(departure.Add(-5 * time.Minute))); got != 2 {
		t.Errorf("%d closed 5 min before departure, want both (1 km at 50 km/h is 72 s)", got)
	}
	if got := res.ClosedAt(first.Reopen.Add(time.Second)); len(got) != 1 || got[0].FromM != second.FromM {
		t.Errorf("after the first reopens: %d closed", len(got))
	}
}

func TestGapsAndGreedySites(t *testing.T) {
	// Posts cover 0..600 and 1300..1700 of the 2,000 m route: gaps of 700 and 300 m.
	e := evaluator(t, testCity(post("p1", 300, 300), post("p2", 1500, 200)))
	p := basePlan()
	p.Coverage = CoverageSettings{Suggest: 3, SiteRadiusM: 200}
	res, err := e.Evaluate(p)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Coverage
	if !near(c.CoveredM, 1000, 2) || !near(c.CoveredM+c.UncoveredM, res.Route.DistanceM, 1e-6) || len(c.Gaps) != 2 {
		t.Fatalf("covered %.1f m, uncovered %.1f m, gaps %d", c.CoveredM, c.UncoveredM, len(c.Gaps))
	}
	g1, g2 := c.Gaps[0], c.Gaps[1]
	if !near(g1.FromM, 600, 2) || !near(g1.LengthM, 700, 2) || !near(g2.FromM, 1700, 2) || !near(g2.LengthM, 300, 2) {
		t.Errorf("gaps %.0f+%.0f and %.0f+%.0f, want 600+700 and 1700+300", g1.FromM, g1.LengthM, g2.FromM, g2.LengthM)
	}
	if !g1.Enter.After(departure) || !g1.Leave.After(g1.Enter) || !near(geo.LineLength(g1.Line), 700, 2) {
		t.Errorf("gap 1: %v to %v, line %.0f m", g1.Enter, g1.Leave, geo.LineLength(g1.Line))
	}
	if len(c.Overlay) != 2 {
		t.Errorf("overlay has %d polygons, want the two discs", len(c.Overlay))
	}
	// Greedy: a 200 m site covers 400 m inside the first gap, then the second gap's 300 m,
	// then what is left of the first (at most 300 m: 700 - 400).
	s := res.Suggestions
	if len(s) != 3 || !near(s[0].GainM, 400, 2) || !near(s[1].GainM, 300, 2) || s[2].GainM > 300+1e-6 {
		t.Fatalf("suggestions %+v", s)
	}
	if x := geo.Distance(s[0].Point, xy(0, 0)); x < 800-1 || x > 1100+1 {
		t.Errorf("first site %.0f m along, want inside the first gap", x)
	}
	if x := geo.Distance(s[1].Point, xy(0, 0)); x < 1700 {
		t.Errorf("second site %.0f m along, want in the second gap", x)
	}
}

func TestCoverageByRoad(t *testing.T) {
	e := evaluator(t, testCity(post("j", 1000, 50)))
	p := basePlan()
	p.Coverage = CoverageSettings{ByRoad: true, Minutes: 1}
	res, err := e.Evaluate(p)
	if err != nil {
		t.Fatal(err)
	}
	// A car at 50 km/h (primary) drives 833 m in a minute: 167..1833 of the route.
	c := res.Coverage
	if !near(c.CoveredM, 1666.7, 5) || len(c.Gaps) != 2 || !near(c.Gaps[0].LengthM, 166.7, 3) || c.Checkpoints != 1 {
		t.Errorf("covered %.1f m, gaps %+v, checkpoints %d", c.CoveredM, c.Gaps, c.Checkpoints)
	}
}

func TestPlanErrors(t *testing.T) {
	e := evaluator(t, testCity())
	tests := []struct {
		name  string
		edit  func(*Plan)
		field string
	}{
		{"one stop", func(p *Plan) { p.Stops = p.Stops[:1] }, "stops"},
		{"unknown venue", func(p *Plan) { p.Stops[1].Venue = "nope" }, "stops[1].venue"},
		{"no departure", func(p *Plan) { p.Departure = time.Time{} }, "departure"},
		{"speed", func(p *Plan) { p.SpeedKmh = 400 }, "speed_kmh"},
		{"lead", func(p *Plan) { p.Lead = -time.Minute }, "lead_min"},
		{"dwell", func(p *Plan) { p.Stops[0].Dwell = -time.Second }, "stops[0].dwell"},
		{"suggest", func(p *Plan) { p.Coverage.Suggest = 1000 }, "coverage.suggest"},
		{"minutes", func(p *Plan) { p.Coverage.Minutes = 600 }, "coverage.minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := basePlan()
			tt.edit(&p)
			_, err := e.Evaluate(p)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("error %v, want a FieldError on %s", err, tt.field)
			}
		})
	}
	p := basePlan()
	p.Stops[1] = Stop{Point: xy(1000, 5000)}
	if _, err := e.Evaluate(p); !errors.Is(err, routing.ErrTooFar) {
		t.Errorf("stop far from roads: %v", err)
	}
}

func TestNearestByRoad(t *testing.T) {
	e := evaluator(t, testCity(post("west", 300, 100), post("east", 1600, 100)))
	hits, at, err := e.NearestByRoad(xy(1000, 250), 5, nil, 30)
	if err != nil {
		t.Fatal(err)
	}
	if geo.Distance(at.Point, xy(1000, 250)) > 0.5 || len(hits) != 2 {
		t.Fatalf("snapped to %v, %d hits", at.Point, len(hits))
	}
	// From east: 600 m of primary at 50 km/h, then 250 m of residential at 25 km/h.
	if hits[0].Checkpoint.ID != "east" || !near(hits[0].Seconds, 600/(50/3.6)+250/(25/3.6), 0.5) || !near(hits[0].RoadM, 850, 1) {
		t.Errorf("first %s: %.1f s, %.0f m", hits[0].Checkpoint.ID, hits[0].Seconds, hits[0].RoadM)
	}
	if hits[1].Checkpoint.ID != "west" || !near(hits[1].RoadM, 950, 1) {
		t.Errorf("second %s: %.0f m", hits[1].Checkpoint.ID, hits[1].RoadM)
	}
	if hits, _, _ := e.NearestByRoad(xy(1000, 250), 1, nil, 30); len(hits) != 1 {
		t.Errorf("k=1 gave %d", len(hits))
	}
	if hits, _, _ := e.NearestByRoad(xy(1000, 250), 5, nil, 0.5); len(hits) != 0 {
		t.Errorf("within 30 s: %d hits", len(hits))
	}
}

func TestExports(t *testing.T) {
	e := evaluator(t, testCity(post("j", 1000, 50)))
	res, err := e.Evaluate(basePlan())
	if err != nil {
		t.Fatal(err)
	}
	var gpx struct {
		Wpt []struct {
			Lat  float64 `xml:"lat,attr"`
			Name string  `xml:"name"`
			Time string  `xml:"time"`
		} `xml:"wpt"`
		Trkpt []struct{} `xml:"trk>trkseg>trkpt"`
	}
	if err := xml.Unmarshal(res.GPX(), &gpx); err != nil {
		t.Fatal(err)
	}
	if len(gpx.Wpt) != 2 || gpx.Wpt[0].Name != "a" || gpx.Wpt[0].Time != "2026-11-25T07:00:00Z" || len(gpx.Trkpt) != len(res.Route.Geometry) {
		t.Errorf("gpx: %+v, %d track points", gpx.Wpt, len(gpx.Trkpt))
	}
	rows, err := csv.NewReader(bytes.NewReader(res.StaffingCSV(departure.Location()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][4] != "j j" || rows[1][6] != "4" || rows[1][7] != "2026-11-25 14:00" {
		t.Errorf("staffing list %v", rows)
	}
}
