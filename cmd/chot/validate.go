package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/data/mapsrc"
	"github.com/chotmap/chot/geo"
)

// validate checks city folders (a folder with city.json) or folders of them, and reports
// each city's size and road network connectivity.
func validate(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("validate", flag.ContinueOnError)
	fl.SetOutput(stderr)
	if err := fl.Parse(args); err != nil || fl.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: chot validate DIR...")
		return 2
	}
	status := 0
	for _, dir := range fl.Args() {
		cities, err := loadAny(dir)
		if err != nil {
			fmt.Fprintf(stderr, "chot validate: %v\n", err)
			status = 1
			continue
		}
		for _, c := range cities {
			rep := mapsrc.Inspect(c)
			fmt.Fprintf(stdout, "%s: %s\n", c.ID, rep)
			if len(rep.Components) > 1 {
				status = 1
			}
		}
	}
	return status
}

func loadAny(dir string) ([]*geo.City, error) {
	if _, err := os.Stat(filepath.Join(dir, geo.MetaFile)); err == nil {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		c, err := geo.LoadCity(os.DirFS(dir), filepath.Base(abs))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		return []*geo.City{c}, nil
	}
	return data.LoadDir(dir)
}
