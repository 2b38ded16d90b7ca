package data

import (
	"bytes"
	"flag"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chotmap/chot/data/mapsrc"
	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var update = flag.Bool("update", false, "rewrite the embedded GeoJSON from src/*.map")

// minimum sizes per city: road ways, venues and checkpoints.
var minimum = map[string]struct{ ways, venues, checkpoints int }{
	"hoi-an":    {150, 25, 80},
	"ha-noi":    {300, 30, 120},
	"dien-bien": {150, 20, 290},
}

// TestSourcesCompileToEmbedded checks that the committed GeoJSON is what src/*.map compiles
// to (run with -update to regenerate it).
func TestSourcesCompileToEmbedded(t *testing.T) {
	for _, id := range EmbeddedIDs() {
		t.Run(id, func(t *testing.T) {
			f, err := os.Open(filepath.Join("src", id+".map"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			c, err := mapsrc.Compile(f, id+".map")
			if err != nil {
				t.Fatal(err)
			}
			if c.ID != id {
				t.Fatalf("src/%s.map declares city %q", id, c.ID)
			}
			if *update {
				if err := mapsrc.Write(c, "."); err != nil {
					t.Fatal(err)
				}
			}
			files, err := mapsrc.Files(c)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range files {
				got, err := fs.ReadFile(maps, id+"/"+name)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s/%s differs from what src/%s.map compiles to; run: go run ./cmd/chot mapgen data/src/%s.map", id, name, id, id)
				}
			}
		})
	}
}

func TestEmbeddedMaps(t *testing.T) {
	cities, err := Embedded()
	if err != nil {
		t.Fatal(err) // names the file, feature and field
	}
	if len(cities) != 3 {
		t.Fatalf("%d embedded cities, want 3", len(cities))
	}
	for _, c := range cities {
		t.Run(c.ID, func(t *testing.T) {
			min := minimum[c.ID]
			if len(c.Roads) < min.ways || len(c.Venues) < min.venues || len(c.Checkpoints) < min.checkpoints {
				t.Errorf("%d ways, %d venues, %d checkpoints; want at least %d, %d, %d",
					len(c.Roads), len(c.Venues), len(c.Checkpoints), min.ways, min.venues, min.checkpoints)
			}
			comps := geo.Components(c.Roads)
			t.Logf("%s: %d ways, %d venues, %d checkpoints, %d connected component(s), largest %d ways",
				c.ID, len(c.Roads), len(c.Venues), len(c.Checkpoints), len(comps), len(comps[0]))
			if len(comps) != 1 {
				for i, comp := range comps[1:] {
					t.Errorf("road network island %d: %v", i+1, comp)
				}
			}
			if strong := geo.StrongComponents(c.Roads); len(strong) != 1 {
				for i, comp := range strong[1:] {
					t.Errorf("one-way trap %d (not reachable both ways from the rest): %v", i+1, comp)
				}
			}
			checkNames(t, c)
			checkSites(t, c)
		})
	}
}

// checkNames: every venue and checkpoint is named, and Vietnamese names carry diacritics
// (a name written without them is a sign of a careless map).
func checkNames(t *testing.T, c *geo.City) {
	plain := 0
	for _, v := range c.Venues {
		if geo.Fold(v.Name) == strings.ToLower(v.Name) {
			plain++
		}
	}
	if plain > len(c.Venues)/2 {
		t.Errorf("%d of %d venue names have no Vietnamese diacritics", plain, len(c.Venues))
	}
	kinds := map[string]int{}
	for _, cp := range c.Checkpoints {
		kinds[cp.Kind]++
	}
	for _, k := range []string{"traffic_post", "security_post", "camera", "fire_rescue", "medical"} {
		if kinds[k] == 0 {
			t.Errorf("no checkpoint of kind %s", k)
		}
	}
}

// checkSites: every checkpoint stands at a sensible place, within 300 m of a road; traffic
// posts within 30 m (they stand at junctions).
func checkSites(t *testing.T, c *geo.City) {
	bad := 0
	for _, cp := range c.Checkpoints {
		d := distanceToRoads(c, cp.Point)
		limit := 300.0
		if cp.Kind == "traffic_post" {
			limit = 30
		}
		if d > limit {
			bad++
			if bad <= 10 {
				t.Errorf("checkpoint %s (%s, %s) is %.0f m from the nearest road (limit %.0f m)", cp.ID, cp.Kind, cp.Name, d, limit)
			}
		}
	}
	for _, v := range c.Venues {
		if d := distanceToRoads(c, v.Point); d > 1500 {
			t.Errorf("venue %s (%s) is %.0f m from the nearest road", v.ID, v.Name, d)
		}
	}
}

// distanceToRoads returns the distance in metres from p to the nearest road segment, in a
// local equirectangular projection (good to well under a metre at these distances).
func distanceToRoads(c *geo.City, p orb.Point) float64 {
	k := math.Cos(p[1] * math.Pi / 180)
	best := math.Inf(1)
	for _, r := range c.Roads {
		for i := 1; i < len(r.Line); i++ {
			a, b := r.Line[i-1], r.Line[i]
			ax, ay := (a[0]-p[0])*k, a[1]-p[1]
			bx, by := (b[0]-p[0])*k, b[1]-p[1]
			dx, dy := bx-ax, by-ay
			t := 0.0
			if l := dx*dx + dy*dy; l > 0 {
				t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l))
			}
			x, y := ax+t*dx, ay+t*dy
			best = math.Min(best, math.Hypot(x, y)*geo.EarthRadius*math.Pi/180)
		}
	}
	return best
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	for _, id := range []string{"ha-noi", "extra-city"} {
		sub, _ := fs.Sub(maps, "ha-noi")
		if err := os.CopyFS(filepath.Join(dir, id), sub); err != nil {
			t.Fatal(err)
		}
	}
	cities, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cities) != 2 || cities[0].ID != "extra-city" || cities[1].ID != "ha-noi" {
		t.Fatalf("loaded %d cities", len(cities))
	}
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	merged, replaced := Merge(base, cities)
	if len(merged) != 4 || len(replaced) != 1 || replaced[0] != "ha-noi" || merged[1] != cities[1] {
		t.Errorf("merge: %d cities, replaced %v", len(merged), replaced)
	}

	// A broken city is an error naming the folder, file, feature and field.
	broken := filepath.Join(dir, "extra-city", geo.RoadsFile)
	b, _ := os.ReadFile(broken)
	if err := os.WriteFile(broken, bytes.Replace(b, []byte(`"oneway":"no"`), []byte(`"oneway":"maybe"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "extra-city: roads.geojson: feature ") || !strings.Contains(err.Error(), `oneway: want yes, no or -1, got "maybe"`) {
		t.Errorf("error = %v", err)
	}
	if _, err := LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("no error for a missing folder")
	}
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("no error for an empty folder")
	}
}

// TestWaterAndRoads checks the embedded maps' water against their roads: no vertex of a road
// that is not a bridge lies in water, and every bridge crosses water somewhere along it
// (sampled every 5 m).
func TestWaterAndRoads(t *testing.T) {
	cities, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cities {
		var water []orb.Polygon
		for _, a := range c.Areas {
			if a.Kind == "water" {
				water = append(water, a.Polygon)
			}
		}
		if len(water) == 0 {
			t.Errorf("%s: no water drawn", c.ID)
			continue
		}
		wet := func(p orb.Point) bool {
			for _, w := range water {
				if planar.PolygonContains(w, p) {
					return true
				}
			}
			return false
		}
		for _, r := range c.Roads {
			if !r.Bridge {
				for _, p := range r.Line {
					if wet(p) {
						t.Errorf("%s: road %s (%s) has a point in water at %v", c.ID, r.ID, r.Name, p)
						break
					}
				}
				continue
			}
			crosses := false
			for i := 1; i < len(r.Line) && !crosses; i++ {
				a, b := r.Line[i-1], r.Line[i]
				n := int(geo.Distance(a, b)/5) + 1
				for k := 0; k <= n && !crosses; k++ {
					f := float64(k) / float64(n)
					crosses = wet(orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])})
				}
			}
			if !crosses {
				t.Errorf("%s: bridge %s (%s) crosses no water", c.ID, r.ID, r.Name)
			}
		}
	}
}
