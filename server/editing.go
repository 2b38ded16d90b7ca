package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
)

// stored returns the city with the store's checkpoints (seeded from the map the first time).
func (s *Server) stored(c *geo.City) (*geo.City, error) {
	if s.store == nil {
		return c, nil
	}
	if err := s.store.Seed(context.Background(), c.ID, c.Checkpoints); err != nil {
		return c, err
	}
	return s.reload(c)
}

// reload returns c with the store's checkpoints.
func (s *Server) reload(c *geo.City) (*geo.City, error) {
	cps, err := s.store.Checkpoints(context.Background(), c.ID)
	if err != nil {
		return c, err
	}
	out := *c
	out.Checkpoints = make([]geo.Checkpoint, len(cps))
	for i, cp := range cps {
		out.Checkpoints[i] = cp.Checkpoint
	}
	return &out, nil
}

// apply rebuilds a city after a committed edit of checkpoint id: cp is its new state, or nil
// when it was deleted. The index, tiles (a new data version, so no old tile is served),
// plans and summary follow the change at once.
func (s *Server) apply(old *cityState, id string, cp *geo.Checkpoint) error {
	c := *old.city
	c.Checkpoints = make([]geo.Checkpoint, 0, len(old.city.Checkpoints)+1)
	found := false
	for _, x := range old.city.Checkpoints {
		switch {
		case x.ID != id:
			c.Checkpoints = append(c.Checkpoints, x)
		case cp != nil:
			c.Checkpoints = append(c.Checkpoints, *cp)
			found = true
		}
	}
	if cp != nil && !found {
		c.Checkpoints = append(c.Checkpoints, *cp)
	}
	st, err := newCityState(&c, old, old.version+1)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cities[c.ID] = st
	s.mu.Unlock()
	return nil
}

// checkpointBody is a checkpoint as the editing endpoints take it.
type checkpointBody struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Name     string  `json:"name"`
	Unit     string  `json:"unit"`
	Officers int     `json:"officers"`
	RadiusM  float64 `json:"radius_m"`
	Note     string  `json:"note"`
	Lon      float64 `json:"lon"`
	Lat      float64 `json:"lat"`
	Version  int64   `json:"version"` // for updates: the version the edit is based on
}

func (b checkpointBody) checkpoint() geo.Checkpoint {
	return geo.Checkpoint{ID: b.ID, Kind: b.Kind, Name: b.Name, Unit: b.Unit, Officers: b.Officers,
		RadiusM: b.RadiusM, Note: b.Note, Point: orb.Point{b.Lon, b.Lat}}
}

// checkpointJSON is a stored checkpoint as a GeoJSON Feature with its version.
func checkpointJSON(cp store.Checkpoint) map[string]any {
	props := map[string]any{"kind": cp.Kind, "name": cp.Name, "unit": cp.Unit, "officers": cp.Officers,
		"radius_m": cp.RadiusM, "version": cp.Version, "updated_at": cp.UpdatedAt.Format(time.RFC3339), "updated_by": cp.UpdatedBy}
	if cp.Note != "" {
		props["note"] = cp.Note
	}
	return map[string]any{"type": "Feature", "id": cp.ID, "properties": props,
		"geometry": map[string]any{"type": "Point", "coordinates": []float64{cp.Point[0], cp.Point[1]}}}
}

func (s *Server) getCheckpoint(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	cp, err := s.store.Checkpoint(c.Request.Context(), st.city.ID, c.Param("id"))
	if err != nil {
		return err
	}
	c.Header("ETag", strconv.FormatInt(cp.Version, 10))
	c.JSON(http.StatusOK, checkpointJSON(cp))
	return nil
}

// edit runs a checkpoint change and rebuilds the city after it, one edit at a time.
func (s *Server) edit(c *gin.Context, status int, fn func(ctx context.Context, city string, b checkpointBody) (store.Checkpoint, error)) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	var b checkpointBody
	if c.Request.Method != http.MethodDelete {
		if err := decodeBody(c, &b); err != nil {
			return err
		}
	}
	s.edits.Lock()
	defer s.edits.Unlock()
	cp, err := fn(c.Request.Context(), st.city.ID, b)
	if err != nil {
		return err
	}
	st, _ = s.city(c) // the current state: edits are serialised, so it is the one fn changed
	if status == http.StatusNoContent {
		err = s.apply(st, c.Param("id"), nil)
	} else {
		err = s.apply(st, cp.ID, &cp.Checkpoint)
	}
	if err != nil {
		return err
	}
	if status == http.StatusNoContent {
		c.Status(status)
		return nil
	}
	c.JSON(status, checkpointJSON(cp))
	return nil
}

func (s *Server) createCheckpoint(c *gin.Context) error {
	return s.edit(c, http.StatusCreated, func(ctx context.Context, city string, b checkpointBody) (store.Checkpoint, error) {
		if b.Version != 0 {
			return store.Checkpoint{}, paramErrorf("version", "a new checkpoint has none (it starts at 1); to change one, PUT it")
		}
		return s.store.CreateCheckpoint(ctx, actor(c), city, b.checkpoint())
	})
}

func (s *Server) updateCheckpoint(c *gin.Context) error {
	return s.edit(c, http.StatusOK, func(ctx context.Context, city string, b checkpointBody) (store.Checkpoint, error) {
		if b.ID == "" {
			b.ID = c.Param("id")
		}
		if b.ID != c.Param("id") {
			return store.Checkpoint{}, paramErrorf("id", "the body's id %q is not the path's %q", clip(b.ID), clip(c.Param("id")))
		}
		if b.Version <= 0 {
			return store.Checkpoint{}, paramErrorf("version", "want the version the edit is based on")
		}
		return s.store.UpdateCheckpoint(ctx, actor(c), city, b.checkpoint(), b.Version)
	})
}

func (s *Server) deleteCheckpoint(c *gin.Context) error {
	return s.edit(c, http.StatusNoContent, func(ctx context.Context, city string, _ checkpointBody) (store.Checkpoint, error) {
		v, err := strconv.ParseInt(c.Query("version"), 10, 64)
		if err != nil || v <= 0 {
			return store.Checkpoint{}, paramErrorf("version", "want ?version=N, the version the deletion is based on")
		}
		return store.Checkpoint{}, s.store.DeleteCheckpoint(ctx, actor(c), city, c.Param("id"), v)
	})
}

func (s *Server) auditLog(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	limit, err := intParam("limit", c.Query("limit"), store.DefaultAuditLimit, 1, store.MaxAuditLimit)
	if err != nil {
		return err
	}
	entries, err := s.store.Audit(c.Request.Context(), st.city.ID, limit)
	if err != nil {
		return err
	}
	out := make([]map[string]any, len(entries))
	for i, e := range entries {
		out[i] = map[string]any{"id": e.ID, "at": e.At.Format(time.RFC3339Nano), "actor": e.Actor, "kind": e.Kind,
			"object": e.Object, "action": e.Action, "before": json.RawMessage(orNull(e.Before)), "after": json.RawMessage(orNull(e.After))}
	}
	c.JSON(http.StatusOK, gin.H{"entries": out})
	return nil
}

func orNull(b []byte) []byte {
	if len(b) == 0 {
		return []byte("null")
	}
	return b
}

func (s *Server) addUser(c *gin.Context) error {
	var b struct {
		Name string `json:"name"`
		Role string `json:"role"`
	}
	if err := decodeBody(c, &b); err != nil {
		return err
	}
	role := store.Role(b.Role)
	if !role.Valid() {
		return paramErrorf("role", "want viewer, planner or admin, got %q", clip(b.Role))
	}
	u, token, err := s.store.AddUser(c.Request.Context(), actor(c), b.Name, role)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"name": u.Name, "role": u.Role, "token": token,
		"note": "the token is shown only this once"})
	return nil
}

func (s *Server) listUsers(c *gin.Context) error {
	users, err := s.store.Users(c.Request.Context())
	if err != nil {
		return err
	}
	out := make([]gin.H, len(users))
	for i, u := range users {
		out[i] = gin.H{"name": u.Name, "role": u.Role, "created_at": u.CreatedAt.Format(time.RFC3339)}
	}
	c.JSON(http.StatusOK, gin.H{"users": out})
	return nil
}

// me answers who the token belongs to, for the page's login.
func (s *Server) me(c *gin.Context) error {
	u, _ := c.Get(userKey)
	user := u.(store.User)
	c.JSON(http.StatusOK, gin.H{"name": user.Name, "role": user.Role})
	return nil
}
