package server

import (
	"context"
	"time"
)

// Watch keeps the cities in step with edits other service instances make in a shared store
// (PostgreSQL behind a load balancer): every interval it reads the newest audit entry of each
// city and, when it is newer than what this instance has seen, reloads that city's
// checkpoints. It returns when ctx ends. Without a store it returns at once.
func (s *Server) Watch(ctx context.Context, interval time.Duration) {
	if s.store == nil {
		return
	}
	seen := map[string]int64{}
	for _, id := range s.order {
		seen[id] = s.newestAudit(ctx, id)
	}
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

// refresh reloads a city's checkpoints from the store.
func (s *Server) refresh(id string) error {
	s.edits.Lock()
	defer s.edits.Unlock()
	old := s.cityByID(id)
	c, err := s.stored(old.city)
	if err != nil {
		return err
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
