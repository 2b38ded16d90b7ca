package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"time"

	"github.com/paulmach/orb"
)

// The files of a city folder.
const (
	MetaFile        = "city.json"
	RoadsFile       = "roads.geojson"
	VenuesFile      = "venues.geojson"
	CheckpointsFile = "checkpoints.geojson"
)

// Meta is the content of a city's city.json.
type Meta struct {
	Name        string     `json:"name"`
	NameEn      string     `json:"name_en,omitempty"`
	TimeZone    string     `json:"timezone"`
	BBox        [4]float64 `json:"bbox"`   // minLon, minLat, maxLon, maxLat
	Centre      [2]float64 `json:"centre"` // lon, lat
	Events      []string   `json:"events,omitempty"`
	Attribution string     `json:"attribution,omitempty"`
}

// LoadCity reads and validates a city folder (city.json, the three layers and the optional
// restrictions and areas layers) from fsys.
// Every problem is a *ValidationError naming the file, the feature and the field.
func LoadCity(fsys fs.FS, id string) (*City, error) {
	if !ValidID(id) {
		return nil, fmt.Errorf("geo: city id %q: want lowercase letters, digits and '-'", id)
	}
	meta, err := readMeta(fsys)
	if err != nil {
		return nil, err
	}
	c, err := meta.city(id)
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	steps := []struct {
		file     string
		read     func(*layerReader) error
		optional bool
	}{
		{RoadsFile, c.readRoads, false},
		{VenuesFile, c.readVenues, false},
		{CheckpointsFile, c.readCheckpoints, false},
		{RestrictionsFile, c.readRestrictions, true},
		{AreasFile, c.readAreas, true},
	}
	for _, s := range steps {
		data, err := fs.ReadFile(fsys, s.file)
		if s.optional && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, &ValidationError{File: s.file, Feature: -1, Msg: readErr(err)}
		}
		lr := &layerReader{file: s.file, bound: c.Bound, ids: ids}
		if err := lr.decode(data); err != nil {
			return nil, err
		}
		if err := s.read(lr); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func readErr(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "missing"
	}
	return err.Error()
}

func readMeta(fsys fs.FS) (*Meta, error) {
	data, err := fs.ReadFile(fsys, MetaFile)
	if err != nil {
		return nil, &ValidationError{File: MetaFile, Feature: -1, Msg: readErr(err)}
	}
	var m Meta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, &ValidationError{File: MetaFile, Feature: -1, Msg: "invalid JSON: " + err.Error()}
	}
	return &m, nil
}

func (m *Meta) city(id string) (*City, error) {
	bad := func(field, msg string) error {
		return &ValidationError{File: MetaFile, Feature: -1, Field: field, Msg: msg}
	}
	if m.Name == "" {
		return nil, bad("name", "missing")
	}
	loc, err := time.LoadLocation(m.TimeZone)
	if m.TimeZone == "" || err != nil {
		return nil, bad("timezone", fmt.Sprintf("want an IANA time zone such as Asia/Ho_Chi_Minh, got %q", m.TimeZone))
	}
	b := orb.Bound{Min: orb.Point{m.BBox[0], m.BBox[1]}, Max: orb.Point{m.BBox[2], m.BBox[3]}}
	if !ValidPoint(b.Min) || !ValidPoint(b.Max) || b.Min[0] >= b.Max[0] || b.Min[1] >= b.Max[1] {
		return nil, bad("bbox", fmt.Sprintf("want [minLon, minLat, maxLon, maxLat] with min < max, got %v", m.BBox))
	}
	centre := orb.Point(m.Centre)
	if !b.Contains(centre) {
		return nil, bad("centre", fmt.Sprintf("%v is outside the bbox", m.Centre))
	}
	return &City{
		ID: id, Name: m.Name, NameEn: m.NameEn, TimeZone: m.TimeZone, Location: loc,
		Bound: b, Centre: centre, Events: m.Events, Attribution: m.Attribution,
	}, nil
}

// ValidID reports whether s can be a city or feature id: 1 to 64 of a-z, 0-9 and '-'.
func ValidID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// finite reports whether every coordinate of g is a finite number.
func finite(ps ...orb.Point) bool {
	for _, p := range ps {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return false
		}
	}
	return true
}
