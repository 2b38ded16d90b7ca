package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// nearest prints the checkpoints nearest a coordinate.
func nearest(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("nearest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	city := fl.String("city", "ha-noi", "city id")
	maps := fl.String("maps", "", "folder of extra city folders")
	lat := fl.Float64("lat", math.NaN(), "latitude (required)")
	lon := fl.Float64("lon", math.NaN(), "longitude (required)")
	k := fl.Int("k", 5, "how many checkpoints (1 to 100)")
	within := fl.Float64("within-m", 0, "only checkpoints within this many metres")
	kind := fl.String("kind", "", "only these kinds, comma-separated: "+strings.Join(geo.CheckpointKinds, ", "))
	if err := fl.Parse(args); err != nil {
		return 2
	}
	p := orb.Point{*lon, *lat}
	if !geo.ValidPoint(p) || *k < 1 || *k > 100 || *within < 0 {
		fmt.Fprintln(stderr, "chot nearest: want -lat in [-90, 90], -lon in [-180, 180], -k from 1 to 100 and -within-m >= 0")
		return 2
	}
	var kinds []string
	if *kind != "" {
		for _, kd := range strings.Split(*kind, ",") {
			if !geo.ValidCheckpointKind(kd) {
				fmt.Fprintf(stderr, "chot nearest: -kind: unknown kind %q\n", kd)
				return 2
			}
			kinds = append(kinds, kd)
		}
	}
	cities, err := data.Embedded()
	if err == nil && *maps != "" {
		var extra []*geo.City
		if extra, err = data.LoadDir(*maps); err == nil {
			cities, _ = data.Merge(cities, extra)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "chot nearest: %v\n", err)
		return 1
	}
	for _, c := range cities {
		if c.ID != *city {
			continue
		}
		ix, err := geo.CityIndex(c)
		if err != nil {
			fmt.Fprintf(stderr, "chot nearest: %v\n", err)
			return 1
		}
		byID := map[string]geo.Checkpoint{}
		for _, cp := range c.Checkpoints {
			byID[cp.ID] = cp
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tDISTANCE\tBEARING\tOFFICERS\tNAME")
		for _, h := range ix.Nearest(p, geo.Query{Layer: geo.LayerCheckpoints, Kinds: kinds, K: *k, WithinM: *within}) {
			cp := byID[h.ID]
			fmt.Fprintf(tw, "%s\t%s\t%.0f m\t%.0f°\t%d\t%s\n", h.ID, h.Kind, h.DistanceM, h.Bearing, cp.Officers, cp.Name)
		}
		tw.Flush()
		return 0
	}
	fmt.Fprintf(stderr, "chot nearest: unknown city %q\n", *city)
	return 1
}

// cities lists the embedded cities with their layer counts.
func cities(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: chot cities")
		return 2
	}
	cs, err := data.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "chot cities: %v\n", err)
		return 1
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROADS\tVENUES\tCHECKPOINTS")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", c.ID, c.Name, len(c.Roads), len(c.Venues), len(c.Checkpoints))
	}
	tw.Flush()
	return 0
}
