package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/chotmap/chot/data/mapsrc"
)

func mapgen(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("mapgen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "data", "folder to write the city folders into")
	check := fl.Bool("check", false, "only compile and check; write nothing")
	if err := fl.Parse(args); err != nil || fl.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: chot mapgen [-check] [-out DIR] FILE.map...")
		return 2
	}
	status := 0
	for _, name := range fl.Args() {
		if err := mapgenFile(name, *out, *check, stdout); err != nil {
			fmt.Fprintf(stderr, "chot mapgen: %v\n", err)
			status = 1
		}
	}
	return status
}

func mapgenFile(name, out string, check bool, stdout io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	c, err := mapsrc.Compile(f, name)
	if err != nil {
		return err
	}
	rep, err := mapsrc.Check(c)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	fmt.Fprintf(stdout, "%s: %s\n", c.ID, rep)
	if len(rep.Components) > 1 || len(rep.Strong) > 1 {
		return fmt.Errorf("%s: the road network must be one strongly connected network", name)
	}
	if check {
		return nil
	}
	return mapsrc.Write(c, out)
}
