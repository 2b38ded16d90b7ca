package server

import (
	"math"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/routing"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// The OSRM v5 response objects (http://project-osrm.org/docs/v5.24.0/api/).
type (
	osrmRouteBody struct {
		Code      string         `json:"code"`
		Routes    []osrmRouteObj `json:"routes"`
		Waypoints []osrmWaypoint `json:"waypoints"`
	}
	osrmRouteObj struct {
		Geometry   any       `json:"geometry,omitempty"`
		Legs       []osrmLeg `json:"legs"`
		WeightName string    `json:"weight_name"`
		Weight     float64   `json:"weight"`
		Duration   float64   `json:"duration"`
		Distance   float64   `json:"distance"`
	}
	osrmLeg struct {
		Steps    []osrmStep `json:"steps"`
		Summary  string     `json:"summary"`
		Weight   float64    `json:"weight"`
		Duration float64    `json:"duration"`
		Distance float64    `json:"distance"`
	}
	osrmStep struct {
		Geometry      any                `json:"geometry"`
		Maneuver      osrmManeuver       `json:"maneuver"`
		Mode          string             `json:"mode"`
		DrivingSide   string             `json:"driving_side"`
		Name          string             `json:"name"`
		Ref           string             `json:"ref,omitempty"`
		Intersections []osrmIntersection `json:"intersections"`
		Weight        float64            `json:"weight"`
		Duration      float64            `json:"duration"`
		Distance      float64            `json:"distance"`
	}
	osrmManeuver struct {
		BearingAfter  int        `json:"bearing_after"`
		BearingBefore int        `json:"bearing_before"`
		Location      [2]float64 `json:"location"`
		Type          string     `json:"type"`
		Modifier      string     `json:"modifier,omitempty"`
	}
	osrmIntersection struct {
		Out      int        `json:"out,omitempty"`
		In       *int       `json:"in,omitempty"`
		Entry    []bool     `json:"entry"`
		Bearings []int      `json:"bearings"`
		Location [2]float64 `json:"location"`
	}
	osrmWaypoint struct {
		Hint     string     `json:"hint"`
		Distance float64    `json:"distance"`
		Name     string     `json:"name"`
		Location [2]float64 `json:"location"`
		Nodes    []int64    `json:"nodes,omitempty"`
	}
)

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func loc(p orb.Point) [2]float64 { return [2]float64{round6(p[0]), round6(p[1])} }

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func osrmRouteResponse(st *cityState, rt *routing.Route, opt osrmOptions) osrmRouteBody {
	route := osrmRouteObj{WeightName: "duration", Weight: round3(rt.Seconds), Duration: round3(rt.Seconds), Distance: round3(rt.DistanceM)}
	switch opt.overview {
	case "full":
		route.Geometry = opt.geometry(rt.Geometry)
	case "simplified":
		line := simplify.DouglasPeucker(0.00005).Simplify(rt.Geometry.Clone()).(orb.LineString)
		route.Geometry = opt.geometry(line)
	}
	for _, leg := range rt.Legs {
		l := osrmLeg{Steps: []osrmStep{}, Summary: legSummary(leg.Streets), Weight: round3(leg.Seconds),
			Duration: round3(leg.Seconds), Distance: round3(leg.DistanceM)}
		if opt.steps {
			l.Steps = osrmSteps(leg, opt)
		}
		route.Legs = append(route.Legs, l)
	}
	body := osrmRouteBody{Code: "Ok", Routes: []osrmRouteObj{route}}
	for _, pl := range rt.Places {
		body.Waypoints = append(body.Waypoints, waypoint(st, pl))
	}
	return body
}

func waypoint(st *cityState, pl routing.Place) osrmWaypoint {
	g := st.router.Graph
	return osrmWaypoint{Hint: "", Distance: round3(pl.SnapM), Name: g.Roads[g.Segs[pl.Seg].Road].Name, Location: loc(pl.Point)}
}

// legSummary names the two longest streets of a leg, in route order, as OSRM does.
func legSummary(ss []routing.Street) string {
	first, second := -1, -1
	for i, s := range ss {
		if s.Name == "" {
			continue
		}
		switch {
		case first < 0 || s.DistanceM > ss[first].DistanceM:
			first, second = i, first
		case second < 0 || s.DistanceM > ss[second].DistanceM:
			second = i
		}
	}
	var names []string
	for i := range ss {
		if (i == first || i == second) && ss[i].Name != "" {
			names = append(names, ss[i].Name)
		}
	}
	return strings.Join(names, ", ")
}

// osrmSteps turns a leg's streets into steps: depart, a turn or new name at each change of
// street, and arrive.
func osrmSteps(leg routing.Leg, opt osrmOptions) []osrmStep {
	var steps []osrmStep
	before := 0.0
	for i, s := range leg.Streets {
		line := s.Geometry
		after := 0.0
		if len(line) > 1 {
			after = geo.Bearing(line[0], line[1])
		}
		m := osrmManeuver{BearingAfter: int(math.Round(after)) % 360, BearingBefore: int(math.Round(before)) % 360, Location: loc(line[0])}
		if i == 0 {
			m.Type, m.BearingBefore = "depart", 0
		} else {
			m.Type, m.Modifier = turn(before, after)
		}
		steps = append(steps, osrmStep{Geometry: opt.geometry(line), Maneuver: m, Mode: "driving", DrivingSide: "right",
			Name: s.Name, Ref: s.Ref, Weight: round3(s.Seconds), Duration: round3(s.Seconds), Distance: round3(s.DistanceM),
			Intersections: []osrmIntersection{{Entry: []bool{true}, Bearings: []int{m.BearingAfter}, Location: m.Location}}})
		if n := len(line); n > 1 {
			before = geo.Bearing(line[n-2], line[n-1])
		}
	}
	end := leg.Geometry[len(leg.Geometry)-1]
	in := 0
	arrive := osrmManeuver{BearingBefore: int(math.Round(before)) % 360, Location: loc(end), Type: "arrive"}
	last := ""
	if n := len(leg.Streets); n > 0 {
		last = leg.Streets[n-1].Name
	}
	steps = append(steps, osrmStep{Geometry: opt.geometry(orb.LineString{end, end}), Maneuver: arrive, Mode: "driving",
		DrivingSide: "right", Name: last,
		Intersections: []osrmIntersection{{In: &in, Entry: []bool{true}, Bearings: []int{(arrive.BearingBefore + 180) % 360}, Location: arrive.Location}}})
	return steps
}

// turn names the manoeuvre from one bearing to another.
func turn(before, after float64) (kind, modifier string) {
	d := math.Mod(after-before+540, 360) - 180 // -180..180, positive to the right
	a := math.Abs(d)
	side := "right"
	if d < 0 {
		side = "left"
	}
	switch {
	case a < 20:
		return "new name", "straight"
	case a < 60:
		return "turn", "slight " + side
	case a < 140:
		return "turn", side
	case a < 170:
		return "turn", "sharp " + side
	}
	return "continue", "uturn"
}

// osrmNearest answers GET /nearest/v1/{profile}/{lon,lat}?number=N.
func (s *Server) osrmNearest(c *gin.Context) {
	if err := s.osrmNearestErr(c); err != nil {
		osrmFail(c, err)
	}
}

func (s *Server) osrmNearestErr(c *gin.Context) error {
	if _, err := routing.ProfileByName(c.Param("profile")); err != nil {
		return osrmBad("InvalidValue", "profile: want car, driving or motorcade, got %q", clip(c.Param("profile")))
	}
	pts, err := osrmCoords(c.Param("coords"))
	if err != nil {
		return err
	}
	if len(pts) != 1 {
		return osrmBad("InvalidValue", "want exactly 1 coordinate, got %d", len(pts))
	}
	n, err := intParam("number", c.Query("number"), 1, 1, 100)
	if err != nil {
		return osrmBad("InvalidOptions", "%v", err)
	}
	st, err := s.osrmCity(pts[0])
	if err != nil {
		return err
	}
	places, err := st.router.Snapper.SnapN(pts[0], n, routing.DefaultSnapLimitM)
	if err != nil {
		return err
	}
	body := struct {
		Code      string         `json:"code"`
		Waypoints []osrmWaypoint `json:"waypoints"`
	}{Code: "Ok"}
	g := st.router.Graph
	for _, pl := range places {
		w := waypoint(st, pl)
		a := g.SegArcs(pl.Seg)[0]
		w.Nodes = []int64{int64(g.Tail[a]), int64(g.Head[a])}
		body.Waypoints = append(body.Waypoints, w)
	}
	c.JSON(200, body)
	return nil
}
