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
				if poly[0].Orientation() != orb.CCW {
					t.Errorf("polygon %d: shell is not counter-clockwise", i)
				}
			}
		})
	}
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
					if (r.Orientation() == orb.CCW) != (j == 0) {
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

func randomDiscArgs(rng *rand.Rand, n int) ([]orb.Point, []float64) {
	proj := NewProjection(testHaNoi)
	centres, radii := make([]orb.Point, n), make([]float64, n)
	for i := range n {
		centres[i] = proj.Inverse(orb.Point{(rng.Float64() - 0.5) * 10000, (rng.Float64() - 0.5) * 10000})
		radii[i] = 100 + 300*rng.Float64()
	}
	return centres, radii
}

func TestCoverageErrors(t *testing.T) {
	bad := orb.Point{200, 21}
	line := orb.LineString{testHaNoi, {105.86, 21.03}}
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

// toGeomArea converts area to simplefeatures in lon/lat.
func toGeomArea(area orb.MultiPolygon) geom.MultiPolygon {
	var polys []geom.Polygon
	for _, poly := range area {
		rings := make([]geom.LineString, len(poly))
		for j, r := range poly {
			rings[j] = geom.NewLineString(toSequence(r, identity))
		}
		polys = append(polys, geom.NewPolygon(rings))
	}
	return geom.NewMultiPolygon(polys)
}
