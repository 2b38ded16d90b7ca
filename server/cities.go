package server

import (
	"encoding/json"
	"math"
	"net/http"
	"sync"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/plan"
	"github.com/chotmap/chot/routing"
	"github.com/chotmap/chot/tiles"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// cityState is a served city with what the handlers need precomputed.
type cityState struct {
	city        *geo.City
	index       *geo.Index
	search      *geo.VenueSearch
	checkpoints map[string]*geo.Checkpoint
	router      *routing.Router
	plans       *plan.Evaluator
	tiles       *tiles.Source
	version     uint64 // of the city's data: it grows with every checkpoint edit
	summary     citySummary
	layers      [numLayers][]byte // the unfiltered layers, encoded once
	encode      [numLayers]sync.Once
	encodeErr   [numLayers]error
}

// citySummary is the JSON of GET /api/cities/{city}.
type citySummary struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	NameEn      string         `json:"name_en,omitempty"`
	TimeZone    string         `json:"timezone"`
	BBox        [4]float64     `json:"bbox"`
	Centre      [2]float64     `json:"centre"`
	Events      []string       `json:"events,omitempty"`
	Attribution string         `json:"attribution,omitempty"`
	Counts      map[string]int `json:"counts"`
	Kinds       map[string]int `json:"checkpoint_kinds"`
	Officers    int            `json:"officers"`
	Routing     routingSummary `json:"routing"`
}

// routingSummary describes a city's road graph: what is routable and what the build left
// out (roads outside the largest strongly connected part of the network).
type routingSummary struct {
	Vertices        int      `json:"vertices"`
	Arcs            int      `json:"arcs"`
	HierarchyEdges  int      `json:"hierarchy_edges"`
	DroppedVertices int      `json:"dropped_vertices"`
	DroppedSegments int      `json:"dropped_segments"`
	DroppedKm       float64  `json:"dropped_km"`
	Restrictions    int      `json:"turn_restrictions"`
	Profiles        []string `json:"profiles"`
}

type layerKind int

const (
	layerRoads layerKind = iota
	layerVenues
	layerCheckpoints
	numLayers
)

// newCityState prepares a city for serving. prev is the city's state before an edit of its
// checkpoints, or nil: the roads and venues never change, so their router, tile indexes,
// search and encoded layers are taken over and only what depends on the checkpoints is
// built again. version numbers the city's data for the tile cache.
func newCityState(c *geo.City, prev *cityState, version uint64) (*cityState, error) {
	ix, err := geo.CityIndex(c)
	if err != nil {
		return nil, err
	}
	st := &cityState{city: c, index: ix, version: version, checkpoints: make(map[string]*geo.Checkpoint, len(c.Checkpoints))}
	if prev != nil {
		st.router, st.search = prev.router, prev.search
		// Element by element: a request on prev may be encoding its checkpoints layer now.
		st.layers[layerRoads], st.layers[layerVenues] = prev.layers[layerRoads], prev.layers[layerVenues]
		st.tiles = prev.tiles.WithCheckpoints(c, version)
		st.plans = prev.plans.WithCity(c, ix)
	} else {
		if st.router, err = routing.NewRouter(c); err != nil {
			return nil, err
		}
		if st.plans, err = plan.NewEvaluator(c, st.router, ix); err != nil {
			return nil, err
		}
		st.search, st.tiles = geo.NewVenueSearch(c.Venues), tiles.NewSource(c, version)
	}
	rt := st.router
	st.summary = citySummary{
		ID: c.ID, Name: c.Name, NameEn: c.NameEn, TimeZone: c.TimeZone,
		BBox:   [4]float64{c.Bound.Min[0], c.Bound.Min[1], c.Bound.Max[0], c.Bound.Max[1]},
		Centre: [2]float64{c.Centre[0], c.Centre[1]}, Events: c.Events, Attribution: c.Attribution,
		Counts: c.Counts(), Kinds: map[string]int{},
	}
	g := rt.Graph
	st.summary.Routing = routingSummary{Vertices: g.NumVertices(), Arcs: g.NumArcs(), HierarchyEdges: rt.CCH.NumEdges(),
		DroppedVertices: g.Dropped.Vertices, DroppedSegments: g.Dropped.Segments,
		DroppedKm: math.Round(g.Dropped.LengthM/100) / 10, Restrictions: len(c.Restrictions) - g.Dropped.Restrictions}
	for _, p := range routing.Profiles() {
		st.summary.Routing.Profiles = append(st.summary.Routing.Profiles, p.Name)
	}
	for i := range c.Checkpoints {
		cp := &c.Checkpoints[i]
		st.checkpoints[cp.ID] = cp
		st.summary.Kinds[cp.Kind]++
		st.summary.Officers += cp.Officers
	}
	if prev == nil {
		for l := range numLayers {
			if st.layers[l], err = json.Marshal(st.collection(l, nil, nil)); err != nil {
				return nil, err
			}
		}
	}
	// After an edit the checkpoints layer is encoded when it is first asked for, so a burst
	// of edits does not encode it once per edit.
	return st, nil
}

// layer returns the encoded unfiltered layer, encoding it on first use.
func (st *cityState) layer(l layerKind) ([]byte, error) {
	st.encode[l].Do(func() {
		if st.layers[l] == nil {
			st.layers[l], st.encodeErr[l] = json.Marshal(st.collection(l, nil, nil))
		}
	})
	return st.layers[l], st.encodeErr[l]
}

// collection returns a layer as a FeatureCollection, keeping features that intersect bbox
// (when not nil) and whose kind is in kinds (when not empty; roads filter on highway).
func (st *cityState) collection(l layerKind, bbox *orb.Bound, kinds []string) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	keep := func(kind string, b orb.Bound) bool {
		if bbox != nil && !bbox.Intersects(b) {
			return false
		}
		if len(kinds) == 0 {
			return true
		}
		for _, k := range kinds {
			if k == kind {
				return true
			}
		}
		return false
	}
	c := st.city
	switch l {
	case layerRoads:
		for i := range c.Roads {
			if keep(c.Roads[i].Highway, c.Roads[i].Line.Bound()) {
				fc.Append(c.Roads[i].Feature())
			}
		}
	case layerVenues:
		for i := range c.Venues {
			if keep(c.Venues[i].Kind, c.Venues[i].Point.Bound()) {
				fc.Append(c.Venues[i].Feature())
			}
		}
	case layerCheckpoints:
		for i := range c.Checkpoints {
			if keep(c.Checkpoints[i].Kind, c.Checkpoints[i].Point.Bound()) {
				fc.Append(c.Checkpoints[i].Feature())
			}
		}
	}
	return fc
}

func (s *Server) listCities(c *gin.Context) error {
	out := struct {
		Cities []citySummary `json:"cities"`
	}{Cities: make([]citySummary, 0, len(s.order))}
	for _, id := range s.order {
		out.Cities = append(out.Cities, s.cityByID(id).summary)
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func (s *Server) getCity(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, st.summary)
	return nil
}

// layer serves one layer as GeoJSON, filtered by the optional bbox and kind parameters
// (kind is the highway class for roads).
func (s *Server) layer(l layerKind) func(*gin.Context) error {
	valid, all := geo.ValidCheckpointKind, geo.CheckpointKinds
	switch l {
	case layerRoads:
		valid, all = geo.ValidHighway, geo.HighwayClasses
	case layerVenues:
		valid, all = geo.ValidVenueKind, geo.VenueKinds
	}
	return func(c *gin.Context) error {
		st, err := s.city(c)
		if err != nil {
			return err
		}
		bbox, hasBBox, err := bboxParam(c.Query("bbox"))
		if err != nil {
			return err
		}
		kinds, err := kindsParam(c.Query("kind"), valid, all)
		if err != nil {
			return err
		}
		if !hasBBox && kinds == nil {
			b, err := st.layer(l)
			if err != nil {
				return err
			}
			c.Data(http.StatusOK, "application/geo+json", b)
			return nil
		}
		var bp *orb.Bound
		if hasBBox {
			bp = &bbox
		}
		b, err := json.Marshal(st.collection(l, bp, kinds))
		if err != nil {
			return err
		}
		c.Data(http.StatusOK, "application/geo+json", b)
		return nil
	}
}
