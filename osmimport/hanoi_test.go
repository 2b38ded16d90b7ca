package osmimport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// osmFile returns the path of a real extract. Without the folder the test is skipped, or
// fails when CI=true, where the data must be there.
func osmFile(tb testing.TB, name string) string {
	tb.Helper()
	// the real OSM extracts (see SOURCES.md there) are read in place, never copied
	osmDataDir := filepath.Join("..", "..", "shared", "data", "osm")
	if _, err := os.Stat(osmDataDir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("OSM extracts folder %s is missing (%v); CI=true requires it", osmDataDir, err)
		}
		tb.Skipf("OSM extracts folder %s not found (%v): skipping the test on real data", osmDataDir, err)
	}
	return filepath.Join(osmDataDir, name)
}

func TestImportHanoiInner(t *testing.T) {
	path := osmFile(t, "hanoi_inner_drive.osm.pbf")
	t.Run("everything", func(t *testing.T) {
		c, rep, err := ImportFile(context.Background(), path, Options{ID: "ha-noi", Name: "Hà Nội"})
		if err != nil {
			t.Fatal(err)
		}
		// SOURCES.md: 116,968 nodes, 24,690 ways (4 of them busways), 0 relations.
		if rep.Nodes != 116968 || rep.Ways != 24690 || rep.Relations != 0 {
			t.Errorf("read %d nodes, %d ways, %d relations", rep.Nodes, rep.Ways, rep.Relations)
		}
		if rep.Roads < 24500 || rep.Roads > 24690-4 || rep.Roads != len(c.Roads) || rep.Dropped["highway=busway"] != 4 {
			t.Errorf("%d roads, dropped %v", rep.Roads, rep.Dropped)
		}
		checkRoads(t, c)
		// SOURCES.md: oneway=yes on 5,999 ways, -1 on 1; roundabouts and motorways add to yes.
		forward, backward := 0, 0
		for _, r := range c.Roads {
			forward += btoi(r.Oneway == geo.OnewayForward)
			backward += btoi(r.Oneway == geo.OnewayBackward)
		}
		if forward < 5999 || backward != 1 {
			t.Errorf("%d roads one-way forward, %d backward", forward, backward)
		}
		loadBack(t, c)
	})
	t.Run("Hoàn Kiếm bbox", func(t *testing.T) {
		b := orb.Bound{Min: orb.Point{105.84, 21.02}, Max: orb.Point{105.86, 21.04}}
		c, rep, err := ImportFile(context.Background(), path, Options{ID: "hoan-kiem", Bound: b})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Roads < 400 || rep.Roads > 1000 || rep.Dropped["road: outside bbox"] < 20000 {
			t.Errorf("%d roads, dropped %v", rep.Roads, rep.Dropped)
		}
		if c.Bound != b {
			t.Errorf("bound = %v, want %v", c.Bound, b)
		}
		checkRoads(t, c)
		loadBack(t, c)
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkRoads checks what the loader does not: drivable classes only, unique ids, no
// consecutive duplicate points.
func checkRoads(t *testing.T, c *geo.City) {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range c.Roads {
		if r.Highway == "pedestrian" || !geo.ValidHighway(r.Highway) || ids[r.ID] || len(r.Line) < 2 {
			t.Fatalf("bad road %+v", r)
		}
		ids[r.ID] = true
		for i := 1; i < len(r.Line); i++ {
			if r.Line[i] == r.Line[i-1] {
				t.Fatalf("road %s repeats point %v", r.ID, r.Line[i])
			}
		}
		for _, p := range r.Line {
			if !c.Bound.Contains(p) {
				t.Fatalf("road %s: %v outside %v", r.ID, p, c.Bound)
			}
		}
	}
}

func TestImportQuocTuGiam(t *testing.T) {
	c, rep, err := ImportFile(context.Background(), osmFile(t, "hanoi_quoctugiam_osmapi.osm.pbf"), Options{ID: "quoc-tu-giam"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Nodes != 6629 || rep.Ways != 1266 || rep.Relations != 91 {
		t.Errorf("read %d nodes, %d ways, %d relations", rep.Nodes, rep.Ways, rep.Relations)
	}
	// The file has 21 restriction relations: 5 via a way, 6 conditional only.
	if rep.Restrictions == 0 || rep.Restrictions+rep.SkippedRestrictions != 21 ||
		rep.Dropped["restriction: via way"] != 5 || rep.Dropped["restriction: unsupported kind"] != 6 {
		t.Errorf("%d restrictions, %d skipped, dropped %v", rep.Restrictions, rep.SkippedRestrictions, rep.Dropped)
	}
	roads := map[string]geo.Road{}
	for _, r := range c.Roads {
		roads[r.ID] = r
	}
	for _, r := range c.Restrictions {
		from, to := roads[r.From], roads[r.To]
		if !geo.ValidRestrictionKind(r.Kind) || !slices.Contains(from.Line, r.Via) || !slices.Contains(to.Line, r.Via) {
			t.Errorf("restriction %+v: from %s or to %s misses the via point", r, from.ID, to.ID)
		}
	}
	stadium, ok := c.Venue("w186664791")
	if !ok || stadium.Kind != "stadium" || stadium.Name != "Sân vận động Hàng Đẫy" {
		t.Errorf("Hàng Đẫy stadium = %+v, %v", stadium, ok)
	}
	if len(c.Checkpoints) == 0 {
		t.Error("no police stations imported")
	}
	checkRoads(t, c)
	loadBack(t, c)
}

func TestProgress(t *testing.T) {
	tests := []struct {
		name   string
		path   func(testing.TB) string
		phases []string
	}{
		{"pbf", func(tb testing.TB) string { return osmFile(tb, "hanoi_inner_drive.osm.pbf") }, []string{PhaseWays, PhaseNodes}},
		{"xml with a multipolygon", writeFixture, []string{PhaseWays, PhaseMembers, PhaseNodes}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path(t)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			var calls []Progress
			opt := Options{ID: "x", Progress: func(p Progress) { calls = append(calls, p) }}
			if _, _, err := ImportFile(context.Background(), path, opt); err != nil {
				t.Fatal(err)
			}
			var phases []string
			for i, p := range calls {
				if i == 0 || p.Phase != calls[i-1].Phase {
					phases = append(phases, p.Phase)
				} else if p.Done < calls[i-1].Done {
					t.Errorf("call %d: %+v goes back from %+v", i, p, calls[i-1])
				}
				if p.Total != fi.Size() || p.Done < 0 || p.Done > p.Total {
					t.Errorf("call %d: %+v, file size %d", i, p, fi.Size())
				}
				last := i == len(calls)-1 || calls[i+1].Phase != p.Phase
				if last && p.Done != p.Total {
					t.Errorf("phase %s ends at %d of %d", p.Phase, p.Done, p.Total)
				}
			}
			if !slices.Equal(phases, tt.phases) {
				t.Errorf("phases %q, want %q", phases, tt.phases)
			}
			if fi.Size() > 1<<20 && len(calls) < 20 {
				t.Errorf("only %d progress calls for %d bytes", len(calls), fi.Size())
			}
		})
	}
}

func TestCancelDuringImport(t *testing.T) {
	path := osmFile(t, "hanoi_inner_drive.osm.pbf")
	for _, phase := range []string{PhaseWays, PhaseNodes} {
		t.Run(phase, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opt := Options{ID: "x", Progress: func(p Progress) {
				if p.Phase == phase && p.Done > p.Total/3 {
					cancel()
				}
			}}
			c, _, err := ImportFile(ctx, path, opt)
			if !errors.Is(err, context.Canceled) || c != nil {
				t.Fatalf("ImportFile = %v, %v; want context.Canceled", c, err)
			}
		})
	}
}

func BenchmarkImportHanoi(b *testing.B) {
	path := osmFile(b, "hanoi_inner_drive.osm.pbf")
	b.ReportAllocs()
	var roads int
	for b.Loop() {
		_, rep, err := ImportFile(context.Background(), path, Options{ID: "ha-noi"})
		if err != nil {
			b.Fatal(err)
		}
		roads = rep.Roads
	}
	b.ReportMetric(float64(roads), "roads")
}
