package mapsrc

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/chotmap/chot/geo"
)

// Write writes the city's files into dir/<city id>, creating it.
func Write(c *geo.City, dir string) error {
	files, err := Files(c)
	if err != nil {
		return err
	}
	out := filepath.Join(dir, c.ID)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Report is what Check finds in a compiled city.
type Report struct {
	Ways, Venues, Checkpoints int
	Officers, Areas           int
	ByKind                    map[string]int
	Components                [][]string // weakly connected, largest first
	Strong                    [][]string // strongly connected (drivable, oneway honoured)
}

// Check writes the city to a temporary folder, loads it back with the geo loader (every
// schema rule) and reports its size and connectivity.
func Check(c *geo.City) (*Report, error) {
	tmp, err := os.MkdirTemp("", "chot-mapgen-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := Write(c, tmp); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(os.DirFS(tmp), c.ID)
	if err != nil {
		return nil, err
	}
	loaded, err := geo.LoadCity(sub, c.ID)
	if err != nil {
		return nil, err
	}
	return Inspect(loaded), nil
}

// Inspect reports a loaded city's size and connectivity.
func Inspect(c *geo.City) *Report {
	r := &Report{Ways: len(c.Roads), Venues: len(c.Venues), Checkpoints: len(c.Checkpoints), Areas: len(c.Areas),
		ByKind: map[string]int{}, Components: geo.Components(c.Roads), Strong: geo.StrongComponents(c.Roads)}
	for _, cp := range c.Checkpoints {
		r.ByKind[cp.Kind]++
		r.Officers += cp.Officers
	}
	return r
}

// String summarises the report, naming the roads outside the main components.
func (r *Report) String() string {
	s := fmt.Sprintf("%d ways, %d venues, %d checkpoints %v, %d officers, %d areas; %d connected component(s), %d strongly connected",
		r.Ways, r.Venues, r.Checkpoints, r.ByKind, r.Officers, r.Areas, len(r.Components), len(r.Strong))
	for i, comp := range r.Components[min(1, len(r.Components)):] {
		s += fmt.Sprintf("\n  island %d: %v", i+1, comp)
	}
	for i, comp := range r.Strong[min(1, len(r.Strong)):] {
		s += fmt.Sprintf("\n  trapped %d (cannot reach or be reached from the rest): %v", i+1, comp)
	}
	return s
}
