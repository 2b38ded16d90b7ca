package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
)

// maxImport caps an import's body.
const maxImport = 10 << 20

// rowError is one bad row of an import.
type rowError struct {
	Row     int    `json:"row"` // 0-based, in the file's order (CSV: the data rows after the header)
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// csvColumns are the columns of a checkpoint CSV, in any order; note is optional.
var csvColumns = []string{"id", "kind", "name", "unit", "officers", "radius_m", "lon", "lat"}

// parseImport reads checkpoints from CSV (text/csv) or a GeoJSON FeatureCollection, and
// checks every row as a write would: all the bad rows, not only the first.
func parseImport(contentType string, body []byte) ([]geo.Checkpoint, []rowError) {
	var cps []geo.Checkpoint
	var bad []rowError
	if strings.HasPrefix(contentType, "text/csv") {
		cps, bad = parseCSV(body)
	} else {
		cps, bad = parseGeoJSON(body)
	}
	unparsed := make(map[int]bool, len(bad))
	for _, b := range bad {
		unparsed[b.Row] = true
	}
	seen := map[string]int{}
	for i, cp := range cps {
		if unparsed[i] {
			continue // reported already: a field did not parse
		}
		if err := store.ValidateCheckpoint(cp); err != nil {
			var ve *store.ValidationError
			if errors.As(err, &ve) {
				bad = append(bad, rowError{Row: i, Field: ve.Field, Message: ve.Msg})
			} else {
				bad = append(bad, rowError{Row: i, Message: err.Error()})
			}
		}
		if j, dup := seen[cp.ID]; dup && cp.ID != "" {
			bad = append(bad, rowError{Row: i, Field: "id", Message: fmt.Sprintf("%q is also row %d", cp.ID, j)})
		}
		seen[cp.ID] = i
	}
	return cps, bad
}

func parseCSV(body []byte) ([]geo.Checkpoint, []rowError) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, []rowError{{Row: -1, Field: "header", Message: "want a header row: " + strings.Join(csvColumns, ",") + "[,note]"}}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	for _, c := range csvColumns {
		if _, ok := col[c]; !ok {
			return nil, []rowError{{Row: -1, Field: "header", Message: "missing column " + c}}
		}
	}
	var cps []geo.Checkpoint
	var bad []rowError
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			bad = append(bad, rowError{Row: i, Message: err.Error()})
			break
		}
		get := func(c string) string {
			if j, ok := col[c]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		cp := geo.Checkpoint{ID: get("id"), Kind: get("kind"), Name: get("name"), Unit: get("unit"), Note: get("note")}
		for _, f := range []struct {
			name string
			dst  *float64
		}{{"radius_m", &cp.RadiusM}, {"lon", &cp.Point[0]}, {"lat", &cp.Point[1]}} {
			x, err := strconv.ParseFloat(get(f.name), 64)
			if err != nil {
				bad = append(bad, rowError{Row: i, Field: f.name, Message: fmt.Sprintf("want a number, got %q", clip(get(f.name)))})
			}
			*f.dst = x
		}
		n, err := strconv.Atoi(get("officers"))
		if err != nil {
			bad = append(bad, rowError{Row: i, Field: "officers", Message: fmt.Sprintf("want a whole number, got %q", clip(get("officers")))})
		}
		cp.Officers = n
		cps = append(cps, cp)
	}
	return cps, bad
}

func parseGeoJSON(body []byte) ([]geo.Checkpoint, []rowError) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			ID       json.RawMessage `json:"id"`
			Geometry *struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				ID       string  `json:"id"`
				Kind     string  `json:"kind"`
				Name     string  `json:"name"`
				Unit     string  `json:"unit"`
				Officers int     `json:"officers"`
				RadiusM  float64 `json:"radius_m"`
				Note     string  `json:"note"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil || fc.Type != "FeatureCollection" {
		msg := "want a GeoJSON FeatureCollection"
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, []rowError{{Row: -1, Field: "body", Message: msg}}
	}
	var cps []geo.Checkpoint
	var bad []rowError
	for i, f := range fc.Features {
		p := f.Properties
		cp := geo.Checkpoint{ID: p.ID, Kind: p.Kind, Name: p.Name, Unit: p.Unit, Officers: p.Officers, RadiusM: p.RadiusM, Note: p.Note}
		var sid string
		if json.Unmarshal(f.ID, &sid) == nil && sid != "" {
			cp.ID = sid
		}
		if f.Geometry == nil || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 {
			bad = append(bad, rowError{Row: i, Field: "geometry", Message: "want a Point [lon, lat]"})
		} else {
			cp.Point = orb.Point{f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]}
		}
		cps = append(cps, cp)
	}
	return cps, bad
}

// importCheckpoints answers POST /api/cities/{city}/checkpoints/import: CSV or GeoJSON,
// checked first and imported all or nothing; bad rows are all reported, and nothing changes.
func (s *Server) importCheckpoints(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxImport))
	if err != nil {
		return paramErrorf("body", "unreadable or larger than %d bytes", maxImport)
	}
	cps, bad := parseImport(c.ContentType(), body)
	if len(bad) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": gin.H{"code": codeInvalidParameter,
			"message": fmt.Sprintf("%d bad rows; nothing was imported", len(bad)), "rows": bad}})
		return nil
	}
	if len(cps) == 0 {
		return paramErrorf("body", "no checkpoints to import")
	}
	s.edits.Lock()
	defer s.edits.Unlock()
	if err := s.store.ImportCheckpoints(c.Request.Context(), actor(c), st.city.ID, cps); err != nil {
		return err
	}
	st, _ = s.city(c)
	city, err := s.reload(st.city)
	if err != nil {
		return err
	}
	next, err := newCityState(city, st, st.version+1)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cities[city.ID] = next
	s.mu.Unlock()
	c.JSON(http.StatusOK, gin.H{"imported": len(cps), "checkpoints": len(city.Checkpoints)})
	return nil
}
