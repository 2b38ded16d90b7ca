package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/chotmap/chot/plan"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// evaluatePlan answers POST /api/cities/{city}/plans/evaluate.
func (s *Server) evaluatePlan(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	format, err := formatParam(c)
	if err != nil {
		return err
	}
	b, err := readBody(c)
	if err != nil {
		return err
	}
	req, err := plan.DecodeRequest(b)
	if err != nil {
		return err
	}
	p, closedAt, err := req.Plan(st.loc())
	if err != nil {
		return err
	}
	res, err := st.plans.Evaluate(p)
	if err != nil {
		return err
	}
	if format != "json" {
		return s.export(c, st, res, format, closedAt)
	}
	out := res.Output(st.loc(), closedAt)
	out.Summary["city"] = st.city.ID
	c.JSON(http.StatusOK, out)
	return nil
}

// serviceArea answers GET /api/cities/{city}/checkpoints/{id}/service-area?minutes=2,5,10.
func (s *Server) serviceArea(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	raw := c.DefaultQuery("minutes", "2,5,10")
	var minutes []float64
	for _, part := range strings.Split(raw, ",") {
		m, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || m <= 0 || m > plan.MaxServiceMinutes {
			return paramErrorf("minutes", "want up to 10 comma-separated minutes from 0 to %d, got %q", plan.MaxServiceMinutes, clip(raw))
		}
		minutes = append(minutes, m)
	}
	areas, err := st.plans.ServiceAreas(c.Param("id"), minutes)
	if err != nil {
		return err
	}
	fc := featureCollection{Type: "FeatureCollection"}
	for _, a := range areas {
		fc.Features = append(fc.Features, feature{Type: "Feature", Geometry: multiPolygon(a.Area),
			Properties: map[string]any{"checkpoint": c.Param("id"), "minutes": a.Minutes, "road_km": round1(a.RoadKm)}})
	}
	c.JSON(http.StatusOK, fc)
	return nil
}

type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

type feature struct {
	Type       string         `json:"type"`
	Geometry   any            `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

func multiPolygon(mp orb.MultiPolygon) any {
	if mp == nil {
		mp = orb.MultiPolygon{}
	}
	return geojson.NewGeometry(mp)
}
