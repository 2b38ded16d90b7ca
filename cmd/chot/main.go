// Command chot is the command-line tool of chot: it compiles and validates maps and answers
// nearest-checkpoint questions from the terminal.
//
//	chot mapgen [-check] [-out DIR] FILE.map...   compile map sources into city folders
//	chot validate DIR...                          validate city folders (or a folder of them)
//	chot nearest -city ID -lat LAT -lon LON       nearest checkpoints in an embedded city
//	chot import --pbf FILE --city ID --out DIR    import an OpenStreetMap extract as a city folder
//	chot plan -city ID [-out DIR] PLAN.json       evaluate a motorcade plan, write its layers
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage: chot <command> [flags]

commands:
  mapgen    compile map sources (data/src/*.map) into city folders
  validate  validate city folders
  nearest   list the checkpoints nearest a coordinate
  cities    list the embedded cities
  import    import an OpenStreetMap extract (.osm.pbf or .osm) as a city folder
  plan      evaluate a motorcade plan file: route, closures, diversions, coverage
  user      add users and issue their tokens (user add --role planner NAME)

Run "chot <command> -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes a command and returns the process exit code: 0 ok, 1 failure, 2 bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	commands := map[string]func([]string, io.Writer, io.Writer) int{
		"mapgen":   mapgen,
		"validate": validate,
		"nearest":  nearest,
		"cities":   cities,
		"import":   importCmd,
		"plan":     planCmd,
		"user":     userCmd,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "chot: unknown command %q\n%s", args[0], usage)
		return 2
	}
	return cmd(args[1:], stdout, stderr)
}
