package mapsrc

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/paulmach/orb"
)

// Compile reads a map source and returns the city it describes, roads split into ways at
// shared nodes. name is used in error messages ("hoi-an.map:12: ...").
func Compile(r io.Reader, name string) (*geo.City, error) {
	stmts, err := lex(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	c := &compiler{city: &geo.City{}, nodes: map[string]orb.Point{}}
	for _, s := range stmts {
		if err := c.statement(s); err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %v", name, s.line, s.word, err)
		}
	}
	if err := c.finish(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return c.city, nil
}

type compiler struct {
	city    *geo.City
	nodes   map[string]orb.Point
	roads   []road
	pending []pendingCheckpoint
	areas   []area
	bbox    bool
}

// road is a source road before it is split into ways.
type road struct {
	line   int
	proto  geo.Road
	points []point
}

// point of a road: a named node, or an inline shape point (node == "").
type point struct {
	node string
	p    orb.Point
}

// pendingCheckpoint waits for every node to be known before its at= is resolved.
type pendingCheckpoint struct {
	line int
	cp   geo.Checkpoint
	at   string
}

func (c *compiler) statement(s statement) error {
	switch s.word {
	case "city":
		return c.cityLine(s)
	case "bbox":
		return c.bboxLine(s)
	case "centre":
		if len(s.args) != 1 {
			return fmt.Errorf("want one lat,lon")
		}
		p, err := latLon(s.args[0])
		c.city.Centre = p
		return err
	case "event":
		c.city.Events = append(c.city.Events, strings.Join(s.args, " "))
		return nil
	case "attribution":
		c.city.Attribution = strings.Join(s.args, " ")
		return nil
	case "node":
		return c.nodeLine(s)
	case "road":
		return c.roadLine(s)
	case "venue":
		return c.venueLine(s)
	case "checkpoint":
		return c.checkpointLine(s)
	case "area":
		return c.areaLine(s)
	}
	return fmt.Errorf("unknown statement (want city, bbox, centre, event, attribution, node, road, venue, checkpoint or area)")
}

func (c *compiler) cityLine(s statement) error {
	c.city.ID, c.city.Name, c.city.NameEn = s.attrs["id"], s.attrs["name"], s.attrs["name_en"]
	c.city.TimeZone = s.attrs["timezone"]
	if !geo.ValidID(c.city.ID) {
		return fmt.Errorf("id: want lowercase letters, digits and '-', got %q", c.city.ID)
	}
	return nil
}

func (c *compiler) bboxLine(s statement) error {
	var v [4]float64
	for i, k := range []string{"west", "south", "east", "north"} {
		x, err := strconv.ParseFloat(s.attrs[k], 64)
		if err != nil {
			return fmt.Errorf("%s: want a number, got %q", k, s.attrs[k])
		}
		v[i] = x
	}
	c.city.Bound = orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	c.bbox = true
	return nil
}

func (c *compiler) nodeLine(s statement) error {
	if len(s.args) != 2 {
		return fmt.Errorf("want: node <id> <lat>,<lon>")
	}
	id := s.args[0]
	if _, dup := c.nodes[id]; dup {
		return fmt.Errorf("node %q defined twice", id)
	}
	p, err := latLon(s.args[1])
	if err != nil {
		return err
	}
	c.nodes[id] = p
	return nil
}

// latLon parses "lat,lon" into a GeoJSON-order point.
func latLon(s string) (orb.Point, error) {
	a, b, ok := strings.Cut(s, ",")
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	if !ok || err1 != nil || err2 != nil || !geo.ValidPoint(orb.Point{lon, lat}) {
		return orb.Point{}, fmt.Errorf("want <lat>,<lon>, got %q", s)
	}
	return orb.Point{lon, lat}, nil
}

func intAttr(s statement, key string) (int, error) {
	v, ok := s.attrs[key]
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s: want a whole number, got %q", key, v)
	}
	return n, nil
}
