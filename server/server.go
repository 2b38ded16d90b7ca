// Package server is chot's HTTP API on Gin: thin handlers that parse a request, call the
// domain packages and render JSON, with one place (errors.go) that maps errors to statuses.
package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
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
	// Store keeps checkpoints, users and the audit log. With a store every endpoint but
	// /healthz, /readyz and the page's files needs a bearer token, and planners can edit
	// checkpoints; the store's checkpoints replace the maps' (seeded from them once).
	// Without one the server is open and read-only (tests, demos).
	Store store.Store
}

// Server serves the API. It is safe for concurrent use.
type Server struct {
	mu       sync.RWMutex // guards cities: an edit swaps in a rebuilt city
	cities   map[string]*cityState
	store    store.Store
	edits    sync.Mutex // one checkpoint edit at a time rebuilds a city
	failures *failures
	tokens   tokenCache
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
	s := &Server{cities: map[string]*cityState{}, log: log, metrics: newMetrics(), tiles: tiles.NewCache(tileCacheSize),
		fonts: loadFonts(), store: cfg.Store, failures: newFailures(),
		tokens: tokenCache{by: map[string]tokenEntry{}}}
	for _, c := range cfg.Cities {
		if _, dup := s.cities[c.ID]; dup {
			return nil, fmt.Errorf("server: city %q given twice", c.ID)
		}
		c, err := s.stored(c)
		if err != nil {
			return nil, fmt.Errorf("server: city %s: %w", c.ID, err)
		}
		st, err := newCityState(c, nil, 1)
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
	e.GET("/vendor/maplibre-gl/*file", s.handle(s.vendor))
	e.GET("/fonts/:fontstack/:range", s.handle(s.glyphRange))

	viewer, planner, admin := s.auth(store.RoleViewer), s.auth(store.RolePlanner), s.auth(store.RoleAdmin)
	e.GET("/metrics", viewer, gin.WrapH(s.metrics.handler()))
	e.GET("/tiles/:city", viewer, s.handle(s.tileJSON))
	e.GET("/tiles/:city/:z/:x/:y", viewer, s.handle(s.tile))
	e.GET("/styles/:city", viewer, s.handle(s.style))
	e.GET("/route/v1/:profile/:coords", viewer, s.osrmRoute)
	e.GET("/nearest/v1/:profile/:coords", viewer, s.osrmNearest)

	api := e.Group("/api/cities")
	api.GET("", viewer, s.handle(s.listCities))
	api.GET("/:city", viewer, s.handle(s.getCity))
	api.GET("/:city/roads", viewer, s.handle(s.layer(layerRoads)))
	api.GET("/:city/venues", viewer, s.handle(s.layer(layerVenues)))
	api.GET("/:city/checkpoints", viewer, s.handle(s.layer(layerCheckpoints)))
	api.GET("/:city/checkpoints/nearest", viewer, s.handle(s.nearest))
	api.GET("/:city/venues/search", viewer, s.handle(s.searchVenues))
	api.POST("/:city/route", viewer, s.handle(s.route))
	api.GET("/:city/checkpoints/:id/service-area", viewer, s.handle(s.serviceArea))
	api.POST("/:city/plans/evaluate", planner, s.handle(s.evaluatePlan))
	if s.store != nil {
		api.GET("/:city/checkpoints/:id", viewer, s.handle(s.getCheckpoint))
		api.POST("/:city/checkpoints", planner, s.handle(s.createCheckpoint))
		api.PUT("/:city/checkpoints/:id", planner, s.handle(s.updateCheckpoint))
		api.DELETE("/:city/checkpoints/:id", planner, s.handle(s.deleteCheckpoint))
		api.GET("/:city/audit", planner, s.handle(s.auditLog))
		api.POST("/:city/checkpoints/import", planner, s.handle(s.importCheckpoints))
		api.GET("/:city/plans", planner, s.handle(s.listPlans))
		api.POST("/:city/plans", planner, s.handle(s.createPlan))
		api.GET("/:city/plans/:id", planner, s.handle(s.getPlan))
		api.PUT("/:city/plans/:id", planner, s.handle(s.updatePlan))
		api.DELETE("/:city/plans/:id", planner, s.handle(s.deletePlan))
		api.GET("/:city/plans/:id/result", planner, s.handle(s.planResult))
		e.GET("/api/users", admin, s.handle(s.listUsers))
		e.POST("/api/users", admin, s.handle(s.addUser))
		e.GET("/api/me", viewer, s.handle(s.me))
	}
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

// cityByID returns the current state of a city, or nil.
func (s *Server) cityByID(id string) *cityState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cities[id]
}

// city returns the state of the city named in the path.
func (s *Server) city(c *gin.Context) (*cityState, error) {
	id := c.Param("city")
	s.mu.RLock()
	st, ok := s.cities[id]
	s.mu.RUnlock()
	if !ok {
		return nil, &unknownCityError{id: id}
	}
	return st, nil
}
