// Package osmtest gives tests and benchmarks the real OpenStreetMap extracts (© OpenStreetMap
// contributors) of ../shared/data/osm, read in place beside the repository and never copied
// into it. Without them a test is skipped, except under CI (CI=true), where it fails: CI
// must test on real data.
package osmtest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport"
)

// HanoiInner is the drivable network of inner Hà Nội: 117k nodes, 24.7k roads.
const HanoiInner = "hanoi_inner_drive.osm.pbf"

// Extract returns the path of the extract name, or skips tb (fails it under CI) when it is
// absent.
func Extract(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(dir(), name)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("the OSM extract %s is missing: CI needs ../shared/data/osm beside the repository", p)
		}
		tb.Skipf("skipping: the OSM extract %s is absent (put ../shared/data/osm beside the repository)", p)
	}
	return p
}

// dir is ../shared/data/osm beside the repository: the folder above the one holding go.mod,
// found from the working directory (a test runs in its package's folder).
func dir() string {
	d, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared", "data", "osm")
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "data", "osm")
		}
		up := filepath.Dir(d)
		if up == d {
			return filepath.Join("..", "shared", "data", "osm")
		}
		d = up
	}
}

var hanoi struct {
	once sync.Once
	city *geo.City
	err  error
}

// Hanoi returns the HanoiInner extract imported as the city "ha-noi-osm", once per test
// binary. Every caller gets the same city: copy what you change.
func Hanoi(tb testing.TB) *geo.City {
	tb.Helper()
	p := Extract(tb, HanoiInner)
	hanoi.once.Do(func() {
		hanoi.city, _, hanoi.err = osmimport.ImportFile(context.Background(), p, osmimport.Options{ID: "ha-noi-osm"})
	})
	if hanoi.err != nil {
		tb.Fatalf("import %s: %v", p, hanoi.err)
	}
	return hanoi.city
}
