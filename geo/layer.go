package geo

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// layerReader decodes one GeoJSON layer feature by feature, so that every error names the
// feature's index and field.
type layerReader struct {
	file     string
	bound    orb.Bound
	ids      map[string]string // feature id -> file that used it (ids are unique across layers)
	features []*geojson.Feature
}

// errf returns a *ValidationError for feature i of the layer.
func (lr *layerReader) errf(i int, field, format string, args ...any) error {
	return &ValidationError{File: lr.file, Feature: i, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func (lr *layerReader) decode(data []byte) error {
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return &ValidationError{File: lr.file, Feature: -1, Msg: "invalid JSON: " + err.Error()}
	}
	if fc.Type != "FeatureCollection" {
		return &ValidationError{File: lr.file, Feature: -1, Field: "type", Msg: fmt.Sprintf("want FeatureCollection, got %q", fc.Type)}
	}
	lr.features = make([]*geojson.Feature, len(fc.Features))
	for i, raw := range fc.Features {
		f, err := decodeFeature(raw)
		if err != nil {
			return lr.errf(i, "", "%v", err)
		}
		lr.features[i] = f
	}
	return nil
}

// decodeFeature decodes one Feature, turning orb's panics on malformed geometry into errors.
func decodeFeature(raw []byte) (f *geojson.Feature, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("invalid geometry: %v", r)
		}
	}()
	var probe struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if probe.Type != "Feature" {
		return nil, fmt.Errorf("type: want Feature, got %q", probe.Type)
	}
	f, err = geojson.UnmarshalFeature(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid feature: %v", err)
	}
	return f, nil
}

// id checks and records feature i's id.
func (lr *layerReader) id(i int) (string, error) {
	f := lr.features[i]
	s, ok := f.ID.(string)
	if !ok {
		return "", lr.errf(i, "id", "want a string id, got %v", jsonValue(f.ID))
	}
	if !validFeatureID(s) {
		return "", lr.errf(i, "id", "want 1 to 128 of letters, digits and . _ : -, got %q", s)
	}
	if prev, dup := lr.ids[s]; dup {
		return "", lr.errf(i, "id", "duplicate id %q (already used in %s)", s, prev)
	}
	lr.ids[s] = lr.file
	return s, nil
}

func validFeatureID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '-' || r == '_' || r == '.' || r == ':'
		if !ok {
			return false
		}
	}
	return true
}

// inside checks that every point lies in the city's bbox.
func (lr *layerReader) inside(i int, ps ...orb.Point) error {
	for _, p := range ps {
		if !finite(p) || !lr.bound.Contains(p) {
			return lr.errf(i, "geometry", "coordinate [%g, %g] is outside the city bbox [%g, %g, %g, %g]",
				p[0], p[1], lr.bound.Min[0], lr.bound.Min[1], lr.bound.Max[0], lr.bound.Max[1])
		}
	}
	return nil
}

func (lr *layerReader) point(i int) (orb.Point, error) {
	p, ok := lr.features[i].Geometry.(orb.Point)
	if !ok {
		return orb.Point{}, lr.errf(i, "geometry", "want Point, got %s", geometryType(lr.features[i].Geometry))
	}
	return p, lr.inside(i, p)
}

func geometryType(g orb.Geometry) string {
	if g == nil {
		return "none"
	}
	return g.GeoJSONType()
}

// str returns property key as a string; required properties must be present and non-empty.
func (lr *layerReader) str(i int, key string, required bool) (string, error) {
	v, ok := lr.features[i].Properties[key]
	if !ok || v == nil {
		if required {
			return "", lr.errf(i, key, "missing")
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", lr.errf(i, key, "want a string, got %s", jsonValue(v))
	}
	if required && s == "" {
		return "", lr.errf(i, key, "empty")
	}
	return s, nil
}

// oneOf returns property key, which must be one of allowed.
func (lr *layerReader) oneOf(i int, key string, allowed func(string) bool, want string) (string, error) {
	s, err := lr.str(i, key, true)
	if err != nil {
		return "", err
	}
	if !allowed(s) {
		return "", lr.errf(i, key, "want %s, got %q", want, s)
	}
	return s, nil
}

// number returns property key as a number in [lo, hi]; integer demands a whole number.
// A missing optional property is 0.
func (lr *layerReader) number(i int, key string, lo, hi float64, integer, required bool) (float64, error) {
	v, ok := lr.features[i].Properties[key]
	if !ok || v == nil {
		if required {
			return 0, lr.errf(i, key, "missing")
		}
		return 0, nil
	}
	x, ok := v.(float64)
	what := "a number"
	if integer {
		what = "a whole number"
	}
	if !ok || math.IsNaN(x) || (integer && x != math.Trunc(x)) || x < lo || x > hi {
		return 0, lr.errf(i, key, "want %s from %g to %g, got %s", what, lo, hi, jsonValue(v))
	}
	return x, nil
}

func jsonValue(v any) string {
	if v == nil {
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 60 {
		b = append(b[:57], "..."...)
	}
	return string(b)
}
