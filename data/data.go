// Package data holds the embedded maps of Hội An, Hà Nội and Điện Biên Phủ, written by this
// project from real coordinates (compiled from src/*.map), and loads cities from folders.
package data

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/chotmap/chot/geo"
)

//go:embed hoi-an ha-noi dien-bien
var maps embed.FS

// EmbeddedIDs returns the ids of the embedded cities, in the order they are served.
func EmbeddedIDs() []string { return []string{"hoi-an", "ha-noi", "dien-bien"} }

// EmbeddedFS returns the embedded city folders, one per id.
func EmbeddedFS() fs.FS { return maps }

// Embedded loads and validates the embedded cities.
func Embedded() ([]*geo.City, error) {
	var out []*geo.City
	for _, id := range EmbeddedIDs() {
		sub, err := fs.Sub(maps, id)
		if err != nil {
			return nil, err
		}
		c, err := geo.LoadCity(sub, id)
		if err != nil {
			return nil, fmt.Errorf("data: embedded %s: %w", id, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// LoadDir loads every subfolder of dir as a city whose id is the folder's name, in name
// order. An error names the folder, then the file, feature and field.
func LoadDir(dir string) ([]*geo.City, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	var out []*geo.City
	for _, e := range entries {
		if !e.IsDir() || e.Name()[0] == '.' {
			continue
		}
		path := filepath.Join(dir, e.Name())
		c, err := geo.LoadCity(os.DirFS(path), e.Name())
		if err != nil {
			return nil, fmt.Errorf("data: %s: %w", path, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("data: %s holds no city folders", dir)
	}
	return out, nil
}

// Merge returns base with each city of extra added, an extra city replacing a base city of
// the same id in place. replaced lists the ids that were replaced.
func Merge(base, extra []*geo.City) (cities []*geo.City, replaced []string) {
	cities = slices.Clone(base)
	for _, c := range extra {
		i := slices.IndexFunc(cities, func(b *geo.City) bool { return b.ID == c.ID })
		if i >= 0 {
			cities[i] = c
			replaced = append(replaced, c.ID)
			continue
		}
		cities = append(cities, c)
	}
	return cities, replaced
}
