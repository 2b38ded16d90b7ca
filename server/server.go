// Package server is chot's HTTP API on Gin: thin handlers that parse a request, call the
// domain packages and render JSON, with one place (errors.go) that maps errors to statuses.
package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/tiles"
	"github.com/chotmap/chot/tiles/glyphs"
	"github.com/gin-gonic/gin"
)

// Config is what a Server is built from.
type Config struct {
	Cities []*geo.City  // the maps to serve; ids must be unique
	Logger *slog.Logger // nil discards logs
	// LogRequests logs every request at Info; otherwise only 4xx and 5xx are logged (at Info
	// and Error), which keeps the log quiet under load.
	LogRequests bool
}

// Server serves the API. It is safe for concurrent use.
type Server struct {
	cities   map[string]*cityState
	order    []string // city ids in the order given
	engine   *gin.Engine
	log      *slog.Logger
	metrics  *metrics
	tiles    *tiles.Cache
	fonts    map[string]*glyphs.Font
	draining atomic.Bool
}

// New builds a server over the cities: their indexes, searches and summaries.
func New(cfg Config) (*Server, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cities: map[string]*cityState{}, log: log, metrics: newMetrics(), tiles: tiles.NewCache(tileCacheSize), fonts: loadFonts()}
	for _, c := range cfg.Cities {
		if _, dup := s.cities[c.ID]; dup {
			return nil, fmt.Errorf("server: city %q given twice", c.ID)
		}
		st, err := newCityState(c)
		if err != nil {
			return nil, fmt.Errorf("server: city %s: %w", c.ID, err)
		}
		s.cities[c.ID] = st
		s.order = append(s.order, c.ID)
		r := st.summary.Routing
		log.Info("city loaded", "city", c.ID, "roads", len(c.Roads), "checkpoints", len(c.Checkpoints),
			"graph_vertices", r.Vertices, "graph_arcs", r.Arcs, "dropped_vertices", r.DroppedVertices,
			"dropped_segments", r.DroppedSegments, "dropped_km", r.DroppedKm, "turn_restrictions", r.Restrictions)
	}
	s.engine = s.routes(cfg.LogRequests)
	return s, nil
}

// Handler returns the server's http.Handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Drain marks the server as shutting down: /readyz answers 503 so load balancers stop
// sending requests, while requests in flight finish.
func (s *Server) Drain() { s.draining.Store(true) }

func (s *Server) routes(logAll bool) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.Use(s.recovery(), s.metrics.middleware(), s.logRequests(logAll))
	e.NoRoute(s.handle(s.page))
	e.NoMethod(s.handle(func(c *gin.Context) error { return errNoMethod }))

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", gin.WrapH(s.metrics.handler()))

	e.GET("/vendor/maplibre-gl/*file", s.handle(s.vendor))
	e.GET("/fonts/:fontstack/:range", s.handle(s.glyphRange))
	e.GET("/tiles/:city", s.handle(s.tileJSON))
	e.GET("/tiles/:city/:z/:x/:y", s.handle(s.tile))
	e.GET("/styles/:city", s.handle(s.style))
	e.GET("/route/v1/:profile/:coords", s.osrmRoute)
	e.GET("/nearest/v1/:profile/:coords", s.osrmNearest)

	api := e.Group("/api/cities")
	api.GET("", s.handle(s.listCities))
	api.GET("/:city", s.handle(s.getCity))
	api.GET("/:city/roads", s.handle(s.layer(layerRoads)))
	api.GET("/:city/venues", s.handle(s.layer(layerVenues)))
	api.GET("/:city/checkpoints", s.handle(s.layer(layerCheckpoints)))
	api.GET("/:city/checkpoints/nearest", s.handle(s.nearest))
	api.GET("/:city/venues/search", s.handle(s.searchVenues))
	api.POST("/:city/route", s.handle(s.route))
	api.POST("/:city/plans/evaluate", s.handle(s.evaluatePlan))
	api.GET("/:city/checkpoints/:id/service-area", s.handle(s.serviceArea))
	return e
}

// handle adapts a handler that returns an error to Gin, rendering errors in one place.
func (s *Server) handle(h func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.fail(c, err)
		}
	}
}

// city returns the state of the city named in the path.
func (s *Server) city(c *gin.Context) (*cityState, error) {
	id := c.Param("city")
	st, ok := s.cities[id]
	if !ok {
		return nil, &unknownCityError{id: id}
	}
	return st, nil
}
