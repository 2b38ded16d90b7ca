package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/chotmap/chot/plan"
	"github.com/chotmap/chot/routing"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// maxBody caps request bodies.
const maxBody = 1 << 20

// routeRequest is the body of POST /api/cities/{city}/route.
type routeRequest struct {
	Stops     []json.RawMessage `json:"stops"`
	Profile   string            `json:"profile"`
	Metric    string            `json:"metric"`
	Departure string            `json:"departure"`
	Closures  []closureJSON     `json:"closures"`
}

type closureJSON struct {
	Roads   []string        `json:"roads"`
	Names   []string        `json:"names"`
	Polygon json.RawMessage `json:"polygon"` // a GeoJSON Polygon geometry
	From    string          `json:"from"`
	To      string          `json:"to"`
}

// maxStops and maxClosures bound a route request.
const (
	maxStops    = 50
	maxClosures = 200
)

// readBody reads a request body of at most maxBody bytes.
func readBody(c *gin.Context) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, paramErrorf("body", "larger than %d bytes", maxBody)
		}
		return nil, paramErrorf("body", "unreadable: %v", err)
	}
	return body, nil
}

// decodeBody reads a JSON body of at most maxBody bytes into v, rejecting unknown fields.
func decodeBody(c *gin.Context, v any) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return paramErrorf("body", "invalid JSON: %v", err)
	}
	if dec.More() {
		return paramErrorf("body", "want one JSON object, got more")
	}
	return nil
}

// parse turns the body into a routing request, naming the field of every problem.
func (req *routeRequest) parse(st *cityState) (routing.Request, []string, error) {
	var out routing.Request
	if len(req.Stops) < 2 || len(req.Stops) > maxStops {
		return out, nil, paramErrorf("stops", "want 2 to %d stops, got %d", maxStops, len(req.Stops))
	}
	venues := make([]string, len(req.Stops))
	for i, raw := range req.Stops {
		p, venue, dwell, err := st.stop(raw)
		if err != nil {
			return out, nil, paramErrorf(fmt.Sprintf("stops[%d]", i), "%s", err)
		}
		out.Stops, out.Dwell, venues[i] = append(out.Stops, p), append(out.Dwell, dwell), venue
	}
	var err error
	if req.Profile == "" {
		req.Profile = "car"
	}
	if out.Profile, err = routing.ProfileByName(req.Profile); err != nil {
		return out, nil, paramErrorf("profile", "want car or motorcade, got %q", clip(req.Profile))
	}
	if out.Metric, err = routing.ParseMetric(req.Metric); err != nil {
		return out, nil, paramErrorf("metric", "want duration or distance, got %q", clip(req.Metric))
	}
	if out.Departure, err = plan.ParseTime("departure", req.Departure, st.loc()); err != nil {
		return out, nil, err
	}
	if out.Departure.IsZero() {
		out.Departure = time.Now().In(st.loc())
	}
	if len(req.Closures) > maxClosures {
		return out, nil, paramErrorf("closures", "want at most %d closures, got %d", maxClosures, len(req.Closures))
	}
	for i, cj := range req.Closures {
		cl, err := cj.parse(fmt.Sprintf("closures[%d]", i), st.loc())
		if err != nil {
			return out, nil, err
		}
		out.Closures = append(out.Closures, cl)
	}
	return out, venues, nil
}

// stop reads a stop as a plan's (plan.ParseStop) and finds its venue: its point, the venue's
// id ("" for a coordinate) and its dwell.
func (st *cityState) stop(raw json.RawMessage) (orb.Point, string, time.Duration, error) {
	s, err := plan.ParseStop(raw)
	if err != nil {
		return orb.Point{}, "", 0, err
	}
	if s.Venue == "" {
		return s.Point, "", s.Dwell, nil
	}
	venue, ok := st.city.Venue(s.Venue)
	if !ok {
		return orb.Point{}, "", 0, fmt.Errorf("no venue %q in %s", clip(s.Venue), st.city.ID)
	}
	return venue.Point, venue.ID, s.Dwell, nil
}

func (cj closureJSON) parse(field string, loc *time.Location) (routing.Closure, error) {
	cl := routing.Closure{Roads: cj.Roads, Names: cj.Names}
	var err error
	if cl.From, err = plan.ParseTime(field+".from", cj.From, loc); err != nil {
		return cl, err
	}
	if cl.To, err = plan.ParseTime(field+".to", cj.To, loc); err != nil {
		return cl, err
	}
	if len(cj.Polygon) > 0 && string(cj.Polygon) != "null" {
		g, err := geojson.UnmarshalGeometry(cj.Polygon)
		if err != nil {
			return cl, paramErrorf(field+".polygon", "want a GeoJSON Polygon: %v", err)
		}
		poly, ok := g.Geometry().(orb.Polygon)
		if !ok {
			return cl, paramErrorf(field+".polygon", "want a GeoJSON Polygon, got %s", geometryName(g.Geometry()))
		}
		cl.Polygon = poly
	}
	if len(cl.Roads) == 0 && len(cl.Names) == 0 && len(cl.Polygon) == 0 {
		return cl, paramErrorf(field, "want roads, names or a polygon")
	}
	return cl, nil
}

func geometryName(g orb.Geometry) string {
	if g == nil {
		return "nothing"
	}
	return g.GeoJSONType()
}

// route answers POST /api/cities/{city}/route with a FeatureCollection of the route line,
// its legs and its stops, and a summary.
func (s *Server) route(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	var body routeRequest
	if err := decodeBody(c, &body); err != nil {
		return err
	}
	req, venues, err := body.parse(st)
	if err != nil {
		return err
	}
	rt, err := st.router.Route(req)
	if err != nil {
		return err
	}
	res := routeCollection(st, req, venues, rt)
	b, err := res.encode()
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
	return nil
}

// loc returns the city's time zone (UTC for a city built without one).
func (st *cityState) loc() *time.Location {
	if st.city.Location == nil {
		return time.UTC
	}
	return st.city.Location
}
