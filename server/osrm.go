package server

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
)

// The OSRM-compatible endpoints answer in OSRM's v5 response shape, so that OSRM clients
// work unchanged: GET /route/v1/{profile}/{lon,lat;lon,lat...} and
// GET /nearest/v1/{profile}/{lon,lat}. The city is the one whose bbox holds the first
// coordinate (the smallest, when several do). Errors use OSRM's {"code", "message"} body.

// osrmError is an error in OSRM's shape.
type osrmError struct {
	status  int
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *osrmError) Error() string { return e.Code + ": " + e.Message }

func osrmFail(c *gin.Context, err error) {
	var oe *osrmError
	if !errors.As(err, &oe) {
		status, code, msg := osrmClassify(err)
		oe = &osrmError{status: status, Code: code, Message: msg}
	}
	c.AbortWithStatusJSON(oe.status, oe)
}

// osrmClassify maps an error as classify does, with OSRM's codes: NoRoute, NoSegment for a
// point too far from any road, InvalidQuery for any other bad input, InternalError.
func osrmClassify(err error) (int, string, string) {
	status, code, msg := classify(err)
	switch {
	case code == codeNoRoute:
		return status, "NoRoute", msg
	case code == codeTooFar:
		return status, "NoSegment", msg
	case status >= 400 && status < 500:
		return status, "InvalidQuery", msg
	}
	return status, "InternalError", msg
}

func osrmBad(code, format string, args ...any) error {
	return &osrmError{status: http.StatusBadRequest, Code: code, Message: fmt.Sprintf(format, args...)}
}

// maxOSRMCoords bounds the coordinates of one request.
const maxOSRMCoords = 100

// osrmCoords parses "lon,lat;lon,lat".
func osrmCoords(raw string) ([]orb.Point, error) {
	raw = strings.TrimSuffix(raw, ".json")
	parts := strings.Split(raw, ";")
	if len(parts) > maxOSRMCoords {
		return nil, osrmBad("TooBig", "want at most %d coordinates, got %d", maxOSRMCoords, len(parts))
	}
	out := make([]orb.Point, len(parts))
	for i, p := range parts {
		lon, lat, ok := strings.Cut(p, ",")
		x, errX := strconv.ParseFloat(lon, 64)
		y, errY := strconv.ParseFloat(lat, 64)
		if !ok || errX != nil || errY != nil || !geo.ValidPoint(orb.Point{x, y}) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			return nil, osrmBad("InvalidValue", "coordinate %d: want lon,lat with lon in -180..180 and lat in -90..90, got %q", i, clip(p))
		}
		out[i] = orb.Point{x, y}
	}
	return out, nil
}

// osrmCity returns the served city whose bbox holds p (the smallest when several do).
func (s *Server) osrmCity(p orb.Point) (*cityState, error) {
	var best *cityState
	for _, id := range s.order {
		st := s.cityByID(id)
		b := st.city.Bound
		if b.Contains(p) && (best == nil || area(b) < area(best.city.Bound)) {
			best = st
		}
	}
	if best == nil {
		return nil, &osrmError{status: http.StatusBadRequest, Code: "NoSegment",
			Message: fmt.Sprintf("coordinate [%g, %g] lies in no city this service serves", p[0], p[1])}
	}
	return best, nil
}

func area(b orb.Bound) float64 { return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]) }

// osrmOptions are the query options of the route service this service honours.
type osrmOptions struct {
	steps      bool
	geometries string // geojson, polyline, polyline6
	overview   string // full, simplified, false
	radius     float64
}

func parseOSRMOptions(c *gin.Context) (osrmOptions, error) {
	o := osrmOptions{geometries: "polyline", overview: "simplified", radius: routing.DefaultSnapLimitM}
	switch v := c.DefaultQuery("steps", "false"); v {
	case "true", "false":
		o.steps = v == "true"
	default:
		return o, osrmBad("InvalidOptions", "steps: want true or false, got %q", clip(v))
	}
	switch v := c.DefaultQuery("geometries", "polyline"); v {
	case "polyline", "polyline6", "geojson":
		o.geometries = v
	default:
		return o, osrmBad("InvalidOptions", "geometries: want polyline, polyline6 or geojson, got %q", clip(v))
	}
	switch v := c.DefaultQuery("overview", "simplified"); v {
	case "full", "simplified", "false":
		o.overview = v
	default:
		return o, osrmBad("InvalidOptions", "overview: want full, simplified or false, got %q", clip(v))
	}
	switch v := c.DefaultQuery("alternatives", "false"); v {
	case "false", "true", "0", "1", "2", "3":
		// One route is always returned; OSRM too may find no alternative.
	default:
		return o, osrmBad("InvalidOptions", "alternatives: want true, false or a number, got %q", clip(v))
	}
	if v := c.Query("radiuses"); v != "" {
		o.radius = 0
		for _, r := range strings.Split(v, ";") {
			x, err := strconv.ParseFloat(r, 64)
			if r == "unlimited" {
				x, err = 5000, nil
			}
			if err != nil || x <= 0 || x > 5000 || math.IsNaN(x) {
				return o, osrmBad("InvalidOptions", "radiuses: want numbers from 0 to 5000 or unlimited, got %q", clip(r))
			}
			o.radius = math.Max(o.radius, x)
		}
	}
	return o, nil
}

// geometry renders a line as the options ask.
func (o osrmOptions) geometry(ls orb.LineString) any {
	switch o.geometries {
	case "geojson":
		coords := make([][2]float64, len(ls))
		for i, p := range ls {
			coords[i] = [2]float64{p[0], p[1]}
		}
		return map[string]any{"type": "LineString", "coordinates": coords}
	case "polyline6":
		return encodePolyline(ls, 6)
	}
	return encodePolyline(ls, 5)
}

// osrmRoute answers GET /route/v1/{profile}/{coordinates}.
func (s *Server) osrmRoute(c *gin.Context) {
	if err := s.osrmRouteErr(c); err != nil {
		osrmFail(c, err)
	}
}

func (s *Server) osrmRouteErr(c *gin.Context) error {
	profile, err := routing.ProfileByName(c.Param("profile"))
	if err != nil {
		return osrmBad("InvalidValue", "profile: want car, driving or motorcade, got %q", clip(c.Param("profile")))
	}
	pts, err := osrmCoords(c.Param("coords"))
	if err != nil {
		return err
	}
	if len(pts) < 2 {
		return osrmBad("InvalidValue", "want at least 2 coordinates, got %d", len(pts))
	}
	opt, err := parseOSRMOptions(c)
	if err != nil {
		return err
	}
	st, err := s.osrmCity(pts[0])
	if err != nil {
		return err
	}
	rt, err := st.router.Route(routing.Request{Stops: pts, Profile: profile, Departure: time.Now(), SnapLimitM: opt.radius})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, osrmRouteResponse(st, rt, opt))
	return nil
}
