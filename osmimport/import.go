// Package osmimport turns an OpenStreetMap extract (.osm.pbf or .osm XML) into a geo.City:
// drivable roads, venues, checkpoints (police and fire stations), turn restrictions, and
// water and parks.
//
// The file is read in two passes: the first keeps the ways and relations of interest and
// notes the nodes they need, the second keeps the coordinates of only those nodes (and the
// tagged nodes that are venues or checkpoints). Files with venue multipolygons take one more
// pass over the ways, for the relations' member ways (so do water and park multipolygons).
//
// Everything imported is OpenStreetMap data: the city carries "© OpenStreetMap contributors".
package osmimport

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// Attribution is the notice every city imported from OpenStreetMap carries.
const Attribution = "© OpenStreetMap contributors"

// TimeZone is the time zone of the imported cities.
const TimeZone = "Asia/Ho_Chi_Minh"

// Options configure an import.
type Options struct {
	ID    string    // city id: 1 to 64 of lowercase a-z, 0-9 and '-'
	Name  string    // display name; default the id
	Bound orb.Bound // keep only what lies inside; zero = everything, the bbox computed from the data

	// Progress, when set, is called as the file is read (about every 1% of its bytes) and at
	// the end of each phase with Done == Total. It may be called from another goroutine than
	// ImportFile's, but never concurrently with itself.
	Progress func(Progress)
}

// The phases an import reports progress for.
const (
	PhaseWays    = "pass 1/2"           // ways and relations
	PhaseMembers = "pass 1/2 (members)" // member ways of venue relations; only when there are some
	PhaseNodes   = "pass 2/2"           // node coordinates
)

// Progress is how far one phase has read the input file.
type Progress struct {
	Phase       string // one of the Phase constants
	Done, Total int64  // bytes of the input file read in this phase, and its size
}

// Report counts what an import read, kept and dropped.
type Report struct {
	Nodes, Ways, Relations int64 // elements in the file

	Roads, Venues, Checkpoints, Restrictions, Areas int // features in the city

	SkippedRestrictions int            // restriction relations not imported (reasons in Dropped)
	Dropped             map[string]int // reason (such as "highway=footway") -> count
}

func (r *Report) drop(reason string) { r.Dropped[reason]++ }

// ImportFile reads the OSM extract at path, a .osm.pbf (or .pbf) or an .osm XML file, chosen
// by the file name's extension, and returns the city it describes with a report.
// A cancelled ctx stops the import with ctx.Err().
func ImportFile(ctx context.Context, path string, opt Options) (*geo.City, *Report, error) {
	pbf, err := format(path)
	if err != nil {
		return nil, nil, err
	}
	if err := opt.check(); err != nil {
		return nil, nil, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("osmimport: %w", err)
	}
	if fi.IsDir() {
		return nil, nil, fmt.Errorf("osmimport: %s is a directory", path)
	}
	im := &importer{path: path, pbf: pbf, size: fi.Size(), opt: opt,
		rep: &Report{Dropped: map[string]int{}}}
	if err := im.run(ctx); err != nil {
		return nil, nil, err
	}
	c, err := im.city()
	if err != nil {
		return nil, nil, err
	}
	return c, im.rep, nil
}

// check validates the options and fills in the defaults.
func (opt *Options) check() error {
	if !geo.ValidID(opt.ID) {
		return fmt.Errorf("%w %q: want 1 to 64 of a-z, 0-9 and '-'", ErrInvalidID, opt.ID)
	}
	if opt.Name == "" {
		opt.Name = opt.ID
	}
	b := opt.Bound
	if b.IsZero() {
		return nil
	}
	if !geo.ValidPoint(b.Min) || !geo.ValidPoint(b.Max) || b.Min[0] >= b.Max[0] || b.Min[1] >= b.Max[1] {
		return fmt.Errorf("%w [%g, %g, %g, %g]: want minLon, minLat, maxLon, maxLat with min < max",
			ErrInvalidBound, b.Min[0], b.Min[1], b.Max[0], b.Max[1])
	}
	return nil
}

// format reports whether path names a PBF file (true) or an XML file (false).
func format(path string) (pbf bool, err error) {
	name := filepath.Base(path)
	for _, ext := range []string{".osm.pbf", ".pbf"} {
		if hasSuffixFold(name, ext) {
			return true, nil
		}
	}
	for _, ext := range []string{".osm", ".osm.xml"} {
		if hasSuffixFold(name, ext) {
			return false, nil
		}
	}
	return false, fmt.Errorf("%w %q: want .osm.pbf, .pbf, .osm or .osm.xml", ErrFormat, name)
}

// importer holds the state of one import between its passes.
type importer struct {
	path string
	pbf  bool
	size int64
	opt  Options
	rep  *Report

	nodes, ways, relations atomic.Int64 // elements seen, counted in the decoders' filters

	refs         []osm.NodeID // node ids of the kept ways, one run per way
	roads        []roadWay
	areas        []poi              // closed ways
	multiPOIs    []poi              // multipolygon relations
	areaWays     []areaWay          // closed ways that are water or parks
	areaRels     []areaWay          // multipolygon relations that are water or parks
	members      map[osm.WayID]span // outer ways of multiPOIs and member ways of areaRels, read by the members pass
	restrictions []restriction
	store        *nodeStore

	venues      []geo.Venue      // placed so far: nodes in the node pass, then areas
	checkpoints []geo.Checkpoint // placed so far, as venues
}

// run reads the file: ways and relations, the venue relations' member ways if any, nodes.
func (im *importer) run(ctx context.Context) error {
	if err := im.scan(ctx, im.wayPass()); err != nil {
		return err
	}
	if len(im.multiPOIs)+len(im.areaRels) > 0 {
		if err := im.scan(ctx, im.memberPass()); err != nil {
			return err
		}
	}
	im.store = newNodeStore(im.neededNodes())
	if err := im.scan(ctx, im.nodePass()); err != nil {
		return err
	}
	im.rep.Nodes, im.rep.Ways, im.rep.Relations = im.nodes.Load(), im.ways.Load(), im.relations.Load()
	return nil
}
