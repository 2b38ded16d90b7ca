package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chotmap/chot/data/mapsrc"
	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/osmimport"
	"github.com/paulmach/orb"
)

const importUsage = "usage: chot import --pbf FILE --city ID [--name NAME] [--bbox minLon,minLat,maxLon,maxLat] --out DIR"

// importCmd reads an OpenStreetMap extract (.osm.pbf, or .osm XML) into the city folder
// DIR/ID: roads, venues, police and fire stations as checkpoints, turn restrictions.
func importCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	pbf := fl.String("pbf", "", "OSM extract to read: .osm.pbf (or .osm XML)")
	id := fl.String("city", "", "city id: lowercase letters, digits and '-'")
	name := fl.String("name", "", "display name (default: the city id)")
	bbox := fl.String("bbox", "", "keep only what lies inside minLon,minLat,maxLon,maxLat (default: everything)")
	out := fl.String("out", "", "folder to write the city folder into (as DIR/ID)")
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "chot import: %s\n%s\n", msg, importUsage)
		return 2
	}
	if err := fl.Parse(args); err != nil {
		fmt.Fprintln(stderr, importUsage)
		return 2
	}
	switch {
	case fl.NArg() > 0:
		return usage(fmt.Sprintf("unexpected argument %q", fl.Arg(0)))
	case *pbf == "":
		return usage("--pbf is required")
	case *id == "":
		return usage("--city is required")
	case !geo.ValidID(*id):
		return usage(fmt.Sprintf("--city %q: want 1 to 64 of lowercase a-z, 0-9 and '-'", *id))
	case *out == "":
		return usage("--out is required")
	}
	bound, err := parseBBox(*bbox)
	if err != nil {
		return usage(err.Error())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	opt := osmimport.Options{ID: *id, Name: *name, Bound: bound, Progress: newProgressBar(stderr).update}
	c, rep, err := osmimport.ImportFile(ctx, *pbf, opt)
	if err == nil {
		err = mapsrc.Write(c, *out)
	}
	if err != nil {
		fmt.Fprintf(stderr, "chot import: %v\n", err)
		return 1
	}
	printImport(stdout, c, rep, *pbf, filepath.Join(*out, c.ID), time.Since(start))
	return 0
}

// parseBBox parses minLon,minLat,maxLon,maxLat; "" is the zero bound (everything).
func parseBBox(s string) (orb.Bound, error) {
	if s == "" {
		return orb.Bound{}, nil
	}
	bad := func(why string) (orb.Bound, error) {
		return orb.Bound{}, fmt.Errorf("--bbox %q: %s", s, why)
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return bad("want 4 numbers minLon,minLat,maxLon,maxLat")
	}
	var v [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return bad(fmt.Sprintf("%q is not a number", strings.TrimSpace(p)))
		}
		v[i] = x
	}
	b := orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	if !geo.ValidPoint(b.Min) || !geo.ValidPoint(b.Max) {
		return bad("longitudes must lie in -180..180 and latitudes in -90..90")
	}
	if b.Min[0] >= b.Max[0] || b.Min[1] >= b.Max[1] {
		return bad("want minLon < maxLon and minLat < maxLat")
	}
	return b, nil
}

// printImport prints what was read, kept and dropped, with the attribution OSM data needs.
func printImport(w io.Writer, c *geo.City, rep *osmimport.Report, src, dir string, took time.Duration) {
	fmt.Fprintf(w, "imported %s (%s) from %s in %s\n", c.ID, c.Name, filepath.Base(src), took.Round(time.Millisecond))
	fmt.Fprintf(w, "  read     %d nodes, %d ways, %d relations\n", rep.Nodes, rep.Ways, rep.Relations)
	fmt.Fprintf(w, "  kept     %d roads, %d venues, %d checkpoints, %d turn restrictions (%d skipped), %d areas of water or park\n",
		rep.Roads, rep.Venues, rep.Checkpoints, rep.Restrictions, rep.SkippedRestrictions, rep.Areas)
	reasons := slices.SortedFunc(maps.Keys(rep.Dropped), func(a, b string) int {
		return cmp.Or(rep.Dropped[b]-rep.Dropped[a], strings.Compare(a, b)) // most dropped first
	})
	for i, r := range reasons {
		label := "dropped "
		if i > 0 {
			label = "        "
		}
		fmt.Fprintf(w, "  %s %6d %s\n", label, rep.Dropped[r], r)
	}
	fmt.Fprintf(w, "  bbox     %g,%g,%g,%g\n", c.Bound.Min[0], c.Bound.Min[1], c.Bound.Max[0], c.Bound.Max[1])
	fmt.Fprintf(w, "  wrote    %s\n", dir)
	fmt.Fprintf(w, "Map data %s\n", c.Attribution)
}

// progressBar draws import progress: a bar redrawn with \r on a terminal, else a line every 10%.
type progressBar struct {
	w     io.Writer
	tty   bool
	phase string
	shown int // the last percentage (terminal) or multiple of 10 (lines) shown in this phase
}

func newProgressBar(w io.Writer) *progressBar {
	return &progressBar{w: w, tty: isTerminal(w)}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (b *progressBar) update(p osmimport.Progress) {
	if p.Phase != b.phase {
		b.phase, b.shown = p.Phase, -1
	}
	pct := int(p.Done * 100 / max(p.Total, 1))
	end := p.Done >= p.Total
	if !b.tty {
		pct = pct / 10 * 10
	}
	if pct == b.shown {
		return
	}
	b.shown = pct
	if !b.tty {
		fmt.Fprintf(b.w, "%s %d%%\n", p.Phase, pct)
		return
	}
	const width = 30
	n := pct * width / 100
	fmt.Fprintf(b.w, "\r%s [%s%s] %3d%%", p.Phase, strings.Repeat("#", n), strings.Repeat(".", width-n), pct)
	if end {
		fmt.Fprintln(b.w)
	}
}
