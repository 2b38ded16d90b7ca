package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/plan"
	"github.com/chotmap/chot/routing"
)

// planCmd evaluates a plan file (the JSON of the plans/evaluate endpoint), prints its summary
// and writes its layers as GeoJSON files.
func planCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("plan", flag.ContinueOnError)
	fl.SetOutput(stderr)
	city := fl.String("city", "", "city id (required)")
	maps := fl.String("maps", "", "folder of extra city folders")
	out := fl.String("out", "", "folder to write summary.json and one LAYER.geojson per layer into")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *city == "" || fl.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: chot plan -city ID [-maps DIR] [-out DIR] PLAN.json")
		return 2
	}
	c, err := findCity(*city, *maps)
	if err != nil {
		fmt.Fprintf(stderr, "chot plan: %v\n", err)
		return 1
	}
	res, closedAt, err := evaluateFile(c, fl.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "chot plan: %s: %v\n", fl.Arg(0), err)
		return 1
	}
	o := res.Output(c.Location, closedAt)
	printSummary(stdout, c, res)
	if *out != "" {
		if err := writeOutput(*out, o); err != nil {
			fmt.Fprintf(stderr, "chot plan: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "layers written to %s\n", *out)
	}
	return 0
}

// findCity returns the embedded city, or one from the maps folder, with the id.
func findCity(id, maps string) (*geo.City, error) {
	cities, err := data.Embedded()
	if err != nil {
		return nil, err
	}
	if maps != "" {
		extra, err := data.LoadDir(maps)
		if err != nil {
			return nil, err
		}
		cities, _ = data.Merge(cities, extra)
	}
	for _, c := range cities {
		if c.ID == id {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no city %q", id)
}

func evaluateFile(c *geo.City, name string) (*plan.Result, time.Time, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	req, err := plan.DecodeRequest(b)
	if err != nil {
		return nil, time.Time{}, err
	}
	p, closedAt, err := req.Plan(c.Location)
	if err != nil {
		return nil, time.Time{}, err
	}
	r, err := routing.NewRouter(c)
	if err != nil {
		return nil, time.Time{}, err
	}
	e, err := plan.NewEvaluator(c, r, nil)
	if err != nil {
		return nil, time.Time{}, err
	}
	res, err := e.Evaluate(p)
	return res, closedAt, err
}

func printSummary(w io.Writer, c *geo.City, res *plan.Result) {
	s := res.Summary
	at := func(t time.Time) string { return t.In(c.Location).Format("15:04") }
	fmt.Fprintf(w, "%s (%s): %.1f km, %s to %s, convoy %.0f km/h\n", res.Plan.Name, c.Name, s.DistanceM/1000,
		at(res.Plan.Departure), at(s.Arrival), res.Plan.SpeedKmh)
	fmt.Fprintf(w, "closures: %d stretches, %.1f km, %.0f closure-minutes (close %v before, reopen %v after)\n",
		len(res.Stretches), s.ClosedKm, s.ClosureMinutes, res.Plan.Lead, res.Plan.Lag)
	fmt.Fprintf(w, "diversions: %d points, %d need an officer, worst added delay %.0f s\n",
		s.DiversionPoints, s.NeedOfficer, s.WorstAddedSeconds)
	fmt.Fprintf(w, "coverage (%s): %.0f%% of the route, %d gaps\n", map[bool]string{false: "radius", true: "road"}[res.Coverage.ByRoad],
		100*s.CoveredFraction, s.Gaps)
	for i, sg := range res.Suggestions {
		fmt.Fprintf(w, "  site %d: %.6f,%.6f covers %.0f m more\n", i+1, sg.Point[1], sg.Point[0], sg.GainM)
	}
}

func writeOutput(dir string, o *plan.Output) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, v any) error {
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644)
	}
	if err := write("summary.json", o.Summary); err != nil {
		return err
	}
	for name, fc := range o.Layers {
		if err := write(name+".geojson", fc); err != nil {
			return err
		}
	}
	return nil
}
