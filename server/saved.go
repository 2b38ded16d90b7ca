package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/chotmap/chot/plan"
	"github.com/chotmap/chot/store"
	"github.com/gin-gonic/gin"
)

// Saved plans: a plan is the JSON of plans/evaluate, kept with a version; its evaluation is
// cached per version. Only planners and admins see plans at all (a viewer gets 403 whether
// the plan exists or not).

func planMeta(p store.Plan) gin.H {
	return gin.H{"id": p.ID, "name": p.Name, "owner": p.Owner, "version": p.Version,
		"created_at": p.CreatedAt.Format(time.RFC3339), "updated_at": p.UpdatedAt.Format(time.RFC3339)}
}

// checkPlanBody parses and checks a plan body as plans/evaluate does (venues included), so
// only plans that evaluate are saved.
func checkPlanBody(st *cityState, body []byte) (*plan.Request, error) {
	req, err := plan.DecodeRequest(body)
	if err != nil {
		return nil, err
	}
	p, _, err := req.Plan(st.loc())
	if err != nil {
		return nil, err
	}
	if err := st.plans.Check(p); err != nil {
		return nil, err
	}
	return req, nil
}

func (s *Server) createPlan(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	req, err := checkPlanBody(st, body)
	if err != nil {
		return err
	}
	name := req.Name
	if name == "" {
		name = "kế hoạch " + time.Now().In(st.loc()).Format("2006-01-02 15:04")
	}
	p, err := s.store.CreatePlan(c.Request.Context(), actor(c), st.city.ID, name, body)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, planMeta(p))
	return nil
}

func (s *Server) listPlans(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	ps, err := s.store.Plans(c.Request.Context(), st.city.ID)
	if err != nil {
		return err
	}
	out := make([]gin.H, len(ps))
	for i, p := range ps {
		out[i] = planMeta(p)
	}
	c.JSON(http.StatusOK, gin.H{"plans": out})
	return nil
}

func (s *Server) getPlan(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	p, err := s.store.Plan(c.Request.Context(), st.city.ID, c.Param("id"))
	if err != nil {
		return err
	}
	m := planMeta(p)
	m["plan"] = json.RawMessage(p.Body)
	c.JSON(http.StatusOK, m)
	return nil
}

func (s *Server) updatePlan(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	var b struct {
		Version int64           `json:"version"`
		Plan    json.RawMessage `json:"plan"`
	}
	if err := decodeBody(c, &b); err != nil {
		return err
	}
	if b.Version <= 0 {
		return paramErrorf("version", "want the version the edit is based on")
	}
	if len(b.Plan) == 0 {
		return paramErrorf("plan", "missing: want the plan's new body")
	}
	if _, err := checkPlanBody(st, b.Plan); err != nil {
		return err
	}
	p, err := s.store.UpdatePlan(c.Request.Context(), actor(c), st.city.ID, c.Param("id"), b.Plan, b.Version)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, planMeta(p))
	return nil
}

func (s *Server) deletePlan(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	v, err := strconv.ParseInt(c.Query("version"), 10, 64)
	if err != nil || v <= 0 {
		return paramErrorf("version", "want ?version=N, the version the deletion is based on")
	}
	if err := s.store.DeletePlan(c.Request.Context(), actor(c), st.city.ID, c.Param("id"), v); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// planResult answers GET .../plans/{id}/result?format=json|geojson|gpx|csv: the evaluation of the
// plan's current version (cached for GeoJSON), or its exports.
func (s *Server) planResult(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	p, err := s.store.Plan(ctx, st.city.ID, c.Param("id"))
	if err != nil {
		return err
	}
	format, err := formatParam(c)
	if err != nil {
		return err
	}
	if format == "json" && p.Result != nil && p.ResultVersion == p.Version {
		c.Data(http.StatusOK, "application/json; charset=utf-8", p.Result)
		return nil
	}
	req, err := plan.DecodeRequest(p.Body)
	if err != nil {
		return err
	}
	pl, closedAt, err := req.Plan(st.loc())
	if err != nil {
		return err
	}
	res, err := st.plans.Evaluate(pl)
	if err != nil {
		return err
	}
	if format == "json" {
		out := res.Output(st.loc(), closedAt)
		out.Summary["city"] = st.city.ID
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		if err := s.store.SetPlanResult(ctx, st.city.ID, p.ID, p.Version, b); err != nil {
			return err
		}
		c.Data(http.StatusOK, "application/json; charset=utf-8", b)
		return nil
	}
	return s.export(c, st, res, format, closedAt)
}

// export writes a plan as one GeoJSON FeatureCollection, GPX (the route for GPS units) or
// CSV (the staffing list).
func (s *Server) export(c *gin.Context, st *cityState, res *plan.Result, format string, closedAt time.Time) error {
	switch format {
	case "geojson":
		c.Header("Content-Disposition", `attachment; filename="plan.geojson"`)
		c.JSON(http.StatusOK, res.Output(st.loc(), closedAt).FeatureCollection())
	case "gpx":
		c.Header("Content-Disposition", `attachment; filename="plan.gpx"`)
		c.Data(http.StatusOK, "application/gpx+xml", res.GPX())
	case "csv":
		c.Header("Content-Disposition", `attachment; filename="staffing.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", res.StaffingCSV(st.loc()))
	}
	return nil
}

// formatParam is the format query parameter of a plan, checked before any work is done.
func formatParam(c *gin.Context) (string, error) {
	switch format := c.DefaultQuery("format", "json"); format {
	case "json", "geojson", "gpx", "csv":
		return format, nil
	default:
		return "", paramErrorf("format", "want json, geojson, gpx or csv, got %q", clip(format))
	}
}
