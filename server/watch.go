package server

import (
	"context"
	"time"

	"github.com/chotmap/chot/geo"
)

// Watch keeps the cities in step with edits other service instances make in a shared store
// (PostgreSQL behind a load balancer): every interval it reads the newest audit entry of each
// city and, when it is newer than what this instance has seen, reloads that city's
// checkpoints. It returns when ctx ends. Without a store it returns at once.
func (s *Server) Watch(ctx context.Context, interval time.Duration) {
	if s.store == nil {
		return
	}
	// Nothing seen yet: the first tick compares every city with the store once, so an edit
	// made between New and Watch is not taken for an old one.
	seen := map[string]int64{}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for _, id := range s.order {
			if n := s.newestAudit(ctx, id); n > seen[id] {
				seen[id] = n
				if err := s.refresh(id); err != nil {
					s.log.Error("reload after an edit elsewhere", "city", id, "err", err)
				}
			}
		}
	}
}

func (s *Server) newestAudit(ctx context.Context, city string) int64 {
	es, err := s.store.Audit(ctx, city, 1)
	if err != nil || len(es) == 0 {
		return 0
	}
	return es[0].ID
}

// refresh reloads a city's checkpoints from the store, and rebuilds the city only when they
// differ from what it serves: the newest audit entry is also this instance's own edits and
// plan saves, which change no checkpoint it does not have.
func (s *Server) refresh(id string) error {
	s.edits.Lock()
	defer s.edits.Unlock()
	old := s.cityByID(id)
	c, err := s.reload(old.city)
	if err != nil {
		return err
	}
	if sameCheckpoints(c.Checkpoints, old.city.Checkpoints) {
		return nil
	}
	st, err := newCityState(c, old, old.version+1)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cities[id] = st
	s.mu.Unlock()
	return nil
}

// sameCheckpoints reports whether a and b hold the same checkpoints, in any order.
func sameCheckpoints(a, b []geo.Checkpoint) bool {
	if len(a) != len(b) {
		return false
	}
	byID := make(map[string]geo.Checkpoint, len(a))
	for _, cp := range a {
		byID[cp.ID] = cp
	}
	for _, cp := range b {
		if x, ok := byID[cp.ID]; !ok || x != cp {
			return false
		}
	}
	return true
}
