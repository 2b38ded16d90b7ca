package server

import (
	"math"
	"net/http"

	"github.com/chotmap/chot/geo"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
)

// nearestResponse is a GeoJSON FeatureCollection of checkpoints, nearest first, with the
// query echoed as a foreign member.
type nearestResponse struct {
	Type     string           `json:"type"`
	Query    nearestQuery     `json:"query"`
	Features []nearestFeature `json:"features"`
}

type nearestQuery struct {
	City    string   `json:"city"`
	Lat     float64  `json:"lat"`
	Lon     float64  `json:"lon"`
	K       int      `json:"k"`
	WithinM float64  `json:"within_m,omitempty"`
	Kinds   []string `json:"kind,omitempty"`
	By      string   `json:"by"`
	// By road: the longest drive considered and the point's distance from the road it
	// snapped to.
	WithinMin float64 `json:"within_min,omitempty"`
	SnapM     float64 `json:"snap_m,omitempty"`
}

type nearestFeature struct {
	Type       string            `json:"type"`
	ID         string            `json:"id"`
	Geometry   pointGeometry     `json:"geometry"`
	Properties nearestProperties `json:"properties"`
}

type pointGeometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type nearestProperties struct {
	Kind       string  `json:"kind"`
	Name       string  `json:"name"`
	Unit       string  `json:"unit"`
	Officers   int     `json:"officers"`
	RadiusM    float64 `json:"radius_m"`
	DistanceM  float64 `json:"distance_m"`
	BearingDeg float64 `json:"bearing_deg"`
	Within     bool    `json:"within_radius"` // the point lies inside the checkpoint's reach
	// By road (by=road): how long a car from the checkpoint takes to get to the point, and
	// how far it drives.
	DurationS *float64 `json:"duration_s,omitempty"`
	RoadM     *float64 `json:"road_distance_m,omitempty"`
}

// nearest answers GET /api/cities/{city}/checkpoints/nearest?lat=&lon=&k=&within_m=&kind=.
func (s *Server) nearest(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	p, err := pointParams(c.Query("lat"), c.Query("lon"))
	if err != nil {
		return err
	}
	k, err := intParam("k", c.Query("k"), 5, 1, maxK)
	if err != nil {
		return err
	}
	var within float64
	if raw := c.Query("within_m"); raw != "" {
		if within, err = floatParam("within_m", raw, 0, maxWithinM); err != nil {
			return err
		}
		if within == 0 {
			return paramErrorf("within_m", "want more than 0 metres")
		}
	}
	kinds, err := kindsParam(c.Query("kind"), geo.ValidCheckpointKind, geo.CheckpointKinds)
	if err != nil {
		return err
	}
	switch by := c.DefaultQuery("by", "distance"); by {
	case "road":
		if within != 0 {
			return paramErrorf("within_m", "by=road takes within_min, not within_m")
		}
		return s.nearestByRoad(c, st, p, k, kinds)
	case "distance":
		if c.Query("within_min") != "" {
			return paramErrorf("within_min", "by=distance takes within_m, not within_min")
		}
	default:
		return paramErrorf("by", "want distance or road, got %q", clip(by))
	}
	hits := st.index.Nearest(p, geo.Query{Layer: geo.LayerCheckpoints, Kinds: kinds, K: k, WithinM: within})
	resp := nearestResponse{
		Type:     "FeatureCollection",
		Query:    nearestQuery{City: st.city.ID, Lat: p[1], Lon: p[0], K: k, WithinM: within, Kinds: kinds, By: "distance"},
		Features: make([]nearestFeature, 0, len(hits)),
	}
	for _, h := range hits {
		cp, ok := st.checkpoints[h.ID]
		if !ok {
			continue
		}
		resp.Features = append(resp.Features, nearestFeature{
			Type: "Feature", ID: cp.ID,
			Geometry: pointGeometry{Type: "Point", Coordinates: [2]float64{cp.Point[0], cp.Point[1]}},
			Properties: nearestProperties{
				Kind: cp.Kind, Name: cp.Name, Unit: cp.Unit, Officers: cp.Officers, RadiusM: cp.RadiusM,
				DistanceM: round2(h.DistanceM), BearingDeg: round2(h.Bearing), Within: h.DistanceM <= cp.RadiusM,
			},
		})
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// maxWithinMin bounds a by-road nearest search.
const maxWithinMin = 60

// nearestByRoad answers nearest?by=road: the checkpoints whose cars reach the point soonest,
// from one backward search over the road graph.
func (s *Server) nearestByRoad(c *gin.Context, st *cityState, p orb.Point, k int, kinds []string) error {
	within := 30.0
	if raw := c.Query("within_min"); raw != "" {
		var err error
		if within, err = floatParam("within_min", raw, 0.1, maxWithinMin); err != nil {
			return err
		}
	}
	hits, at, err := st.plans.NearestByRoad(p, k, kinds, within)
	if err != nil {
		return err
	}
	resp := nearestResponse{Type: "FeatureCollection", Features: make([]nearestFeature, 0, len(hits)),
		Query: nearestQuery{City: st.city.ID, Lat: p[1], Lon: p[0], K: k, Kinds: kinds, By: "road", WithinMin: within, SnapM: round2(at.SnapM)}}
	for _, h := range hits {
		cp := h.Checkpoint
		secs, road := math.Round(h.Seconds*10)/10, round2(h.RoadM)
		resp.Features = append(resp.Features, nearestFeature{
			Type: "Feature", ID: cp.ID,
			Geometry: pointGeometry{Type: "Point", Coordinates: [2]float64{cp.Point[0], cp.Point[1]}},
			Properties: nearestProperties{
				Kind: cp.Kind, Name: cp.Name, Unit: cp.Unit, Officers: cp.Officers, RadiusM: cp.RadiusM,
				DistanceM: round2(h.StraightM), BearingDeg: round2(geo.Bearing(p, cp.Point)), Within: h.StraightM <= cp.RadiusM,
				DurationS: &secs, RoadM: &road,
			},
		})
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// round2 rounds to centimetres (or hundredths of a degree).
func round2(x float64) float64 { return math.Round(x*100) / 100 }
