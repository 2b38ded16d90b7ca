package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
	"github.com/peterstace/simplefeatures/geom"
)

var testHaNoi = orb.Point{105.85, 21.03}

// projectedArea is the area of mp in m², in a projection about its first point.
func projectedArea(mp orb.MultiPolygon) float64 {
	if len(mp) == 0 {
		return 0
	}
	proj := NewProjection(mp[0][0][0])
	var out orb.MultiPolygon
	for _, poly := range mp {
		var p orb.Polygon
		for _, r := range poly {
			var pr orb.Ring
			for _, pt := range r {
				pr = append(pr, proj.Forward(pt))
			}
			p = append(p, pr)
		}
		out = append(out, p)
	}
	return planar.Area(out)
}

func within(got, want, rel float64) bool { return math.Abs(got-want) <= rel*want }

func TestProjection(t *testing.T) {
	tests := []struct {
		name     string
		origin   orb.Point
		radiusM  float64
		maxRelEr float64
	}{
		{"Hà Nội 20 km", testHaNoi, 20000, 0.005},
		{"Hồ Chí Minh 20 km", orb.Point{106.70, 10.78}, 20000, 0.005},
		// The documented bound: tan|lat0|·Δφ plus 0.01% within ±30 km.
		{"Hà Giang 30 km", orb.Point{104.98, 23.4}, 30000, math.Tan(23.4*math.Pi/180)*30000/EarthRadius + 1e-4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proj := NewProjection(tt.origin)
			rng := rand.New(rand.NewPCG(7, 11))
			random := func() orb.Point {
				return proj.Inverse(orb.Point{(2*rng.Float64() - 1) * tt.radiusM, (2*rng.Float64() - 1) * tt.radiusM})
			}
			worst := 0.0
			for range 2000 {
				a, b := random(), random()
				if back := proj.Inverse(proj.Forward(a)); Distance(a, back) > 1e-6 {
					t.Fatalf("Inverse(Forward(%v)) = %v", a, back)
				}
				want := Distance(a, b)
				if want < 100 {
					continue
				}
				got := planar.Distance(proj.Forward(a), proj.Forward(b))
				worst = math.Max(worst, math.Abs(got-want)/want)
			}
			t.Logf("worst relative error %.4f%%", 100*worst)
			if worst > tt.maxRelEr {
				t.Errorf("worst relative distance error %.4f%%, want ≤ %.4f%%", 100*worst, 100*tt.maxRelEr)
			}
		})
	}
}

func TestBufferUnionDisc(t *testing.T) {
	mp, err := BufferUnion([]orb.Point{testHaNoi}, []float64{100})
	if err != nil {
		t.Fatal(err)
	}
	if len(mp) != 1 {
		t.Fatalf("got %d polygons, want 1", len(mp))
	}
	if a, want := projectedArea(mp), math.Pi*100*100; !within(a, want, 0.01) {
		t.Errorf("area %.0f m², want %.0f m² ± 1%%", a, want)
	}
	for bearing := 0.0; bearing < 360; bearing += 45 {
		if p := orbgeo.PointAtBearingAndDistance(testHaNoi, bearing, 95); !planar.MultiPolygonContains(mp, p) {
			t.Errorf("point at 95 m bearing %v not in the disc", bearing)
		}
		if p := orbgeo.PointAtBearingAndDistance(testHaNoi, bearing, 105); planar.MultiPolygonContains(mp, p) {
			t.Errorf("point at 105 m bearing %v in the disc", bearing)
		}
	}
}

func TestBufferUnionPairs(t *testing.T) {
	// Union of two r = 100 m discs d apart: 2πr² minus the lens
	// 2r²·acos(d/2r) − (d/2)·√(4r²−d²), which is 4,532 m² at d = 150 m.
	tests := []struct {
		name      string
		apartM    float64
		wantPolys int
		wantArea  float64
	}{
		{"same centre", 0, 1, 31416},
		{"overlapping, 150 m", 150, 1, 62832 - 4532},
		{"apart, 300 m", 300, 2, 62832},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := orbgeo.PointAtBearingAndDistance(testHaNoi, 90, tt.apartM)
			mp, err := BufferUnion([]orb.Point{testHaNoi, b}, []float64{100, 100})
			if err != nil {
				t.Fatal(err)
			}
			if len(mp) != tt.wantPolys {
				t.Errorf("got %d polygons, want %d", len(mp), tt.wantPolys)
			}
			if a := projectedArea(mp); !within(a, tt.wantArea, 0.01) {
				t.Errorf("area %.0f m², want %.0f m² ± 1%%", a, tt.wantArea)
			}
			for i, poly := range mp {
				if ringSigned(poly[0]) <= 0 {
					t.Errorf("polygon %d: shell is not counter-clockwise", i)
				}
			}
		})
	}
}

func ringSigned(r orb.Ring) float64 {
	s := 0.0
	for i := 1; i < len(r); i++ {
		s += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return s / 2
}

// TestBufferUnionMatchesUnionMany checks BufferUnion's one-pass zero buffer
// against simplefeatures' cascaded UnionMany of separately buffered discs.
func TestBufferUnionMatchesUnionMany(t *testing.T) {
	proj := NewProjection(testHaNoi)
	rng := rand.New(rand.NewPCG(1, 2))
	random300, random300Radii := randomDiscArgs(rng, 300)
	tests := []struct {
		name      string
		centres   []orb.Point
		radii     []float64
		wantHoles int // -1: any
	}{
		{"300 random", random300, random300Radii, -1},
		{"same disc thrice", []orb.Point{testHaNoi, testHaNoi, testHaNoi}, []float64{100, 100, 100}, 0},
		{"nested", []orb.Point{testHaNoi, proj.Inverse(orb.Point{50, 0})}, []float64{300, 50}, 0},
		{"tangent", []orb.Point{testHaNoi, proj.Inverse(orb.Point{200, 0})}, []float64{100, 100}, -1},
		{"annulus", ringOfDiscs(proj, 24, 1000), constRadii(24, 200), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BufferUnion(tt.centres, tt.radii)
			if err != nil {
				t.Fatal(err)
			}
			p := NewProjection(meanPoint(tt.centres))
			want := unionManyDiscs(t, p, tt.centres, tt.radii)
			gotXY := toGeomArea(got).TransformXY(func(xy geom.XY) geom.XY {
				q := p.Forward(orb.Point{xy.X, xy.Y})
				return geom.XY{X: q[0], Y: q[1]}
			}).AsGeometry()
			diff, err := geom.SymmetricDifference(gotXY, want)
			if err != nil {
				t.Fatal(err)
			}
			if d := diff.Area(); d > 1e-6*want.Area() {
				t.Errorf("symmetric difference %.3f m² of %.0f m²", d, want.Area())
			}
			if holes := countHoles(got); tt.wantHoles >= 0 && holes != tt.wantHoles {
				t.Errorf("got %d holes, want %d", holes, tt.wantHoles)
			}
			for i, poly := range got {
				for j, r := range poly {
					if (ringSigned(r) > 0) != (j == 0) {
						t.Errorf("polygon %d ring %d: want CCW shells and CW holes", i, j)
					}
				}
			}
		})
	}
}

func unionManyDiscs(t *testing.T, p Projection, centres []orb.Point, radii []float64) geom.Geometry {
	t.Helper()
	discs := make([]geom.Geometry, len(centres))
	for i, c := range centres {
		xy := p.Forward(c)
		d, err := geom.Buffer(geom.NewPointXY(xy[0], xy[1]).AsGeometry(), radii[i], geom.BufferQuadSegments(quadSegments))
		if err != nil {
			t.Fatal(err)
		}
		discs[i] = d
	}
	u, err := geom.UnionMany(discs)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func countHoles(mp orb.MultiPolygon) int {
	n := 0
	for _, p := range mp {
		n += len(p) - 1
	}
	return n
}

func TestBufferLines(t *testing.T) {
	proj := NewProjection(testHaNoi)
	line := func(xy ...float64) orb.LineString {
		var ls orb.LineString
		for i := 0; i < len(xy); i += 2 {
			ls = append(ls, proj.Inverse(orb.Point{xy[i], xy[i+1]}))
		}
		return ls
	}
	capM := math.Pi * 30 * 30 // two half-disc caps of a 30 m buffer
	tests := []struct {
		name      string
		lines     []orb.LineString
		wantPolys int
		wantArea  float64
	}{
		{"one 500 m line", []orb.LineString{line(0, 0, 500, 0)}, 1, 500*60 + capM},
		{"crossing 500 m lines", []orb.LineString{line(-250, 0, 250, 0), line(0, -250, 0, 250)}, 1, 2*(500*60+capM) - 60*60},
		// The ends make up two r = 30 m discs 40 m apart: 2π·30² minus a 620 m² lens.
		{"parallel, 40 m apart", []orb.LineString{line(0, 0, 500, 0), line(0, 40, 500, 40)}, 1, 500*100 + 2*capM - 620},
		{"parallel, 100 m apart", []orb.LineString{line(0, 0, 500, 0), line(0, 100, 500, 100)}, 2, 2 * (500*60 + capM)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp, err := BufferLines(tt.lines, 30)
			if err != nil {
				t.Fatal(err)
			}
			if len(mp) != tt.wantPolys {
				t.Errorf("got %d polygons, want %d", len(mp), tt.wantPolys)
			}
			if a := projectedArea(mp); !within(a, tt.wantArea, 0.02) {
				t.Errorf("area %.0f m², want %.0f m² ± 2%%", a, tt.wantArea)
			}
		})
	}
}

func TestSplitLine(t *testing.T) {
	proj := NewProjection(testHaNoi)
	at := func(x, y float64) orb.Point { return proj.Inverse(orb.Point{x, y}) }
	line := func(xy ...float64) orb.LineString {
		var ls orb.LineString
		for i := 0; i < len(xy); i += 2 {
			ls = append(ls, at(xy[i], xy[i+1]))
		}
		return ls
	}
	tests := []struct {
		name        string
		line        orb.LineString
		centres     []orb.Point
		radii       []float64
		wantIn      []float64 // part lengths in m, in order
		wantOut     []float64
		startInside bool
	}{
		{"disc at the middle", line(0, 0, 1000, 0), []orb.Point{at(500, 0)}, []float64{100}, []float64{200}, []float64{400, 400}, false},
		{"fully inside", line(0, 0, 1000, 0), []orb.Point{at(500, 0)}, []float64{800}, []float64{1000}, nil, true},
		{"disc off the line", line(0, 0, 1000, 0), []orb.Point{at(500, 300)}, []float64{100}, nil, []float64{1000}, false},
		{"no area", line(0, 0, 1000, 0), nil, nil, nil, []float64{1000}, false},
		{"two discs", line(0, 0, 1000, 0), []orb.Point{at(250, 0), at(750, 0)}, []float64{100, 100}, []float64{200, 200}, []float64{150, 300, 150}, false},
		{"disc at the start", line(0, 0, 1000, 0), []orb.Point{at(0, 0)}, []float64{100}, []float64{100}, []float64{900}, true},
		{"westward line", line(1000, 0, 0, 0), []orb.Point{at(250, 0)}, []float64{100}, []float64{200}, []float64{650, 150}, false},
		{"corner inside the disc", line(0, 0, 500, 0, 500, 500), []orb.Point{at(500, 0)}, []float64{100}, []float64{200}, []float64{400, 400}, false},
		{"doubling back", line(0, 0, 1000, 0, 0, 0), []orb.Point{at(500, 0)}, []float64{100}, []float64{200, 200}, []float64{400, 800, 400}, false},
		// 24 discs of 200 m on a 1 km circle: only the one at (1000, 0) reaches the x axis.
		{"out of an annulus's hole", line(0, 0, 2000, 0), ringOfDiscs(proj, 24, 1000), constRadii(24, 200), []float64{400}, []float64{800, 800}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			area, err := BufferUnion(tt.centres, tt.radii)
			if err != nil {
				t.Fatal(err)
			}
			in, out, err := SplitLine(tt.line, area)
			if err != nil {
				t.Fatal(err)
			}
			checkLengths(t, "inside", in, tt.wantIn)
			checkLengths(t, "outside", out, tt.wantOut)
			checkChain(t, tt.line, in, out, tt.startInside)
		})
	}
}

// ringOfDiscs returns n centres evenly on a circle of radius rM about
// proj's origin, the first due east.
func ringOfDiscs(proj Projection, n int, rM float64) []orb.Point {
	centres := make([]orb.Point, n)
	for i := range centres {
		a := 2 * math.Pi * float64(i) / float64(n)
		centres[i] = proj.Inverse(orb.Point{rM * math.Cos(a), rM * math.Sin(a)})
	}
	return centres
}

func constRadii(n int, r float64) []float64 {
	radii := make([]float64, n)
	for i := range radii {
		radii[i] = r
	}
	return radii
}

// TestSplitLineBoundary splits lines against a hand-made 500 m square with a
// 100 m hole in its middle; its rings are left open, which SplitLine closes.
func TestSplitLineBoundary(t *testing.T) {
	proj := NewProjection(testHaNoi)
	at := func(x, y float64) orb.Point { return proj.Inverse(orb.Point{x, y}) }
	area := orb.MultiPolygon{{
		{at(0, 0), at(500, 0), at(500, 500), at(0, 500)},
		{at(200, 200), at(200, 300), at(300, 300), at(300, 200)},
	}}
	tests := []struct {
		name        string
		line        orb.LineString
		wantIn      []float64
		wantOut     []float64
		startInside bool
	}{
		{"along the bottom edge", orb.LineString{at(-100, 0), at(600, 0)}, []float64{500}, []float64{100, 100}, false},
		{"through the hole", orb.LineString{at(-100, 250), at(600, 250)}, []float64{200, 200}, []float64{100, 100, 100}, false},
		{"touching a corner", orb.LineString{at(-100, 100), at(100, -100)}, nil, []float64{282.8}, false},
		{"round the hole's rim", orb.LineString{at(200, 200), at(200, 300), at(300, 300)}, []float64{200}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, out, err := SplitLine(tt.line, area)
			if err != nil {
				t.Fatal(err)
			}
			checkLengths(t, "inside", in, tt.wantIn)
			checkLengths(t, "outside", out, tt.wantOut)
			checkChain(t, tt.line, in, out, tt.startInside)
		})
	}
}

func checkLengths(t *testing.T, side string, parts []orb.LineString, want []float64) {
	t.Helper()
	if len(parts) != len(want) {
		t.Fatalf("%s: got %d parts, want %d", side, len(parts), len(want))
	}
	for i, p := range parts {
		if got := LineLength(p); math.Abs(got-want[i]) > 0.01*want[i]+1 {
			t.Errorf("%s[%d]: %.1f m long, want %.0f m", side, i, got, want[i])
		}
	}
}

// checkChain checks that the parts, alternating from the side the line starts
// on, run from the line's start to its end, each starting where the last
// ended, and that their lengths add up to the line's.
func checkChain(t *testing.T, line orb.LineString, in, out []orb.LineString, startInside bool) {
	t.Helper()
	sides := [2][]orb.LineString{out, in}
	side, at, total := 0, line[0], 0.0
	if startInside {
		side = 1
	}
	for n := range len(in) + len(out) {
		if len(sides[side]) == 0 {
			t.Fatalf("part %d: no part left on side %d", n, side)
		}
		p := sides[side][0]
		sides[side] = sides[side][1:]
		if p[0] != at {
			t.Fatalf("part %d starts at %v, want %v", n, p[0], at)
		}
		at, total, side = p[len(p)-1], total+LineLength(p), 1-side
	}
	if at != line[len(line)-1] {
		t.Errorf("parts end at %v, want %v", at, line[len(line)-1])
	}
	if want := LineLength(line); !within(total, want, 0.001) {
		t.Errorf("parts add up to %.2f m, want %.2f m", total, want)
	}
}

// TestSplitLineRandom checks random routes through random discs: the parts
// chain up, add up, and lie on the side they claim.
func TestSplitLineRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	area := randomDiscs(t, rng, 300)
	parts := 0
	for i := range 20 {
		route := randomRoute(rng, 200)
		in, out, err := SplitLine(route, area)
		if err != nil {
			t.Fatal(err)
		}
		startInside := len(in) > 0 && in[0][0] == route[0]
		checkChain(t, route, in, out, startInside)
		parts += len(in) + len(out)
		for _, p := range in {
			if mid := midpoint(p); !planar.MultiPolygonContains(area, mid) {
				t.Errorf("route %d: inside part's midpoint %v is not in the area", i, mid)
			}
		}
		for _, p := range out {
			if mid := midpoint(p); planar.MultiPolygonContains(area, mid) {
				t.Errorf("route %d: outside part's midpoint %v is in the area", i, mid)
			}
		}
	}
	t.Logf("%d parts", parts)
	if parts < 100 {
		t.Errorf("only %d parts in 20 routes: the routes hardly cross the area's boundary", parts)
	}
}

// midpoint returns the point halfway along ls in lon/lat.
func midpoint(ls orb.LineString) orb.Point {
	half := planar.Length(ls) / 2
	for i := 1; i < len(ls); i++ {
		d := planar.Distance(ls[i-1], ls[i])
		if d >= half {
			return lerp(ls[i-1], ls[i], half/d)
		}
		half -= d
	}
	return ls[len(ls)-1]
}

// randomDiscs returns the union of n discs, radius 100–400 m, in a 10 km
// square about Hà Nội.
func randomDiscs(tb testing.TB, rng *rand.Rand, n int) orb.MultiPolygon {
	tb.Helper()
	centres, radii := randomDiscArgs(rng, n)
	mp, err := BufferUnion(centres, radii)
	if err != nil {
		tb.Fatal(err)
	}
	return mp
}

func randomDiscArgs(rng *rand.Rand, n int) ([]orb.Point, []float64) {
	proj := NewProjection(testHaNoi)
	centres, radii := make([]orb.Point, n), make([]float64, n)
	for i := range n {
		centres[i] = proj.Inverse(orb.Point{(rng.Float64() - 0.5) * 10000, (rng.Float64() - 0.5) * 10000})
		radii[i] = 100 + 300*rng.Float64()
	}
	return centres, radii
}

// randomRoute returns a random walk of n steps of 20–100 m from near Hà Nội.
func randomRoute(rng *rand.Rand, n int) orb.LineString {
	proj := NewProjection(testHaNoi)
	p := orb.Point{(rng.Float64() - 0.5) * 4000, (rng.Float64() - 0.5) * 4000}
	route := orb.LineString{proj.Inverse(p)}
	heading := rng.Float64() * 2 * math.Pi
	for range n {
		heading += (rng.Float64() - 0.5) * 1.5
		step := 20 + 80*rng.Float64()
		p = orb.Point{p[0] + step*math.Cos(heading), p[1] + step*math.Sin(heading)}
		route = append(route, proj.Inverse(p))
	}
	return route
}

func TestCoverageErrors(t *testing.T) {
	bad := orb.Point{200, 21}
	disc, err := BufferUnion([]orb.Point{testHaNoi}, []float64{100})
	if err != nil {
		t.Fatal(err)
	}
	line := orb.LineString{testHaNoi, {105.86, 21.03}}
	split := func(l orb.LineString, a orb.MultiPolygon) error { _, _, err := SplitLine(l, a); return err }
	tests := []struct {
		name    string
		err     error
		wantArg string
		wantMsg string
	}{
		{"radii count", second(BufferUnion([]orb.Point{testHaNoi, testHaNoi}, []float64{1})), "radii", "geo: radii: want 2 radii, one per centre, got 1"},
		{"negative radius", second(BufferUnion(make([]orb.Point, 4), []float64{1, 2, 3, -2})), "radii[3]", "geo: radii[3]: want a radius > 0 m, got -2"},
		{"NaN radius", second(BufferUnion([]orb.Point{testHaNoi}, []float64{math.NaN()})), "radii[0]", "geo: radii[0]: want a radius > 0 m, got NaN"},
		{"bad centre", second(BufferUnion([]orb.Point{testHaNoi, bad}, []float64{1, 1})), "centres[1]", "geo: centres[1]: invalid coordinate [200 21]"},
		{"zero width", second(BufferLines([]orb.LineString{line}, 0)), "width", "geo: width: want a width > 0 m, got 0"},
		{"short line", second(BufferLines([]orb.LineString{line, {testHaNoi}}, 10)), "lines[1]", "geo: lines[1]: want at least 2 points, got 1"},
		{"bad line point", second(BufferLines([]orb.LineString{{testHaNoi, bad}}, 10)), "lines[0][1]", "geo: lines[0][1]: invalid coordinate [200 21]"},
		{"split short line", split(orb.LineString{testHaNoi}, disc), "line", "geo: line: want at least 2 points, got 1"},
		{"split zero-length line", split(orb.LineString{testHaNoi, testHaNoi}, disc), "line", "geo: line: want at least 2 distinct points"},
		{"split bad point", split(orb.LineString{testHaNoi, bad}, disc), "line[1]", "geo: line[1]: invalid coordinate [200 21]"},
		{"split short ring", split(line, orb.MultiPolygon{disc[0], {{testHaNoi, testHaNoi}}}), "area[1][0]", "geo: area[1][0]: want a ring of at least 3 points, got 2"},
		{"split bad ring point", split(line, orb.MultiPolygon{{{testHaNoi, bad, testHaNoi}}}), "area[0][0][1]", "geo: area[0][0][1]: invalid coordinate [200 21]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ae *ArgError
			if !errors.As(tt.err, &ae) {
				t.Fatalf("got %v, want an *ArgError", tt.err)
			}
			if ae.Arg != tt.wantArg || tt.err.Error() != tt.wantMsg {
				t.Errorf("got Arg %q, %q; want %q, %q", ae.Arg, tt.err, tt.wantArg, tt.wantMsg)
			}
			if isPoint := errors.Is(tt.err, ErrInvalidPoint); isPoint != (ae.Err != nil) {
				t.Errorf("errors.Is(ErrInvalidPoint) = %v for %v", isPoint, tt.err)
			}
		})
	}
}

func second[T any](_ T, err error) error { return err }

func TestCoverageEmpty(t *testing.T) {
	for name, f := range map[string]func() (orb.MultiPolygon, error){
		"BufferUnion": func() (orb.MultiPolygon, error) { return BufferUnion(nil, nil) },
		"BufferLines": func() (orb.MultiPolygon, error) { return BufferLines(nil, 10) },
	} {
		if mp, err := f(); err != nil || mp == nil || len(mp) != 0 {
			t.Errorf("%s of nothing = %v, %v; want an empty MultiPolygon", name, mp, err)
		}
	}
}

func BenchmarkBufferUnion300(b *testing.B) {
	centres, radii := randomDiscArgs(rand.New(rand.NewPCG(1, 2)), 300)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BufferUnion(centres, radii); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitLine200(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	area := randomDiscs(b, rng, 300)
	route := randomRoute(rng, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := SplitLine(route, area); err != nil {
			b.Fatal(err)
		}
	}
}
