package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/chotmap/chot/geo"
)

// Seed implements Store. A city is seeded once: it is marked in seeded_cities, so deleting
// all of its checkpoints later does not bring the map's back on the next start.
func (s *SQLite) Seed(ctx context.Context, city string, cps []geo.Checkpoint) error {
	if err := validateCity(city); err != nil {
		return err
	}
	if err := validateCheckpoints(cps); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO seeded_cities (city, seeded_at) VALUES (?, ?)
			ON CONFLICT (city) DO NOTHING`, city, s.stamp())
		if err != nil {
			return fmt.Errorf("store: seed %s: %w", city, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: seed %s: %w", city, err)
		} else if n == 0 {
			return nil // seeded before
		}
		var rows int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM checkpoints WHERE city = ?`, city).Scan(&rows); err != nil {
			return fmt.Errorf("store: seed %s: %w", city, err)
		}
		if rows > 0 {
			return nil // edited before it was ever seeded: leave it alone
		}
		return s.upsert(ctx, tx, SeedActor, city, cps)
	})
}

// ImportCheckpoints implements Store.
func (s *SQLite) ImportCheckpoints(ctx context.Context, actor, city string, cps []geo.Checkpoint) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	if err := validateCity(city); err != nil {
		return err
	}
	if err := validateCheckpoints(cps); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error { return s.upsert(ctx, tx, actor, city, cps) })
}

// upsert creates or replaces each of cps in tx, auditing each row that changes.
func (s *SQLite) upsert(ctx context.Context, tx *sql.Tx, actor, city string, cps []geo.Checkpoint) error {
	for _, cp := range cps {
		old, err := getCheckpoint(ctx, tx, city, cp.ID)
		var before any
		version := int64(1)
		switch {
		case err == nil && old.Checkpoint == cp:
			continue // unchanged: no new version, nothing to audit
		case err == nil:
			before, version = old.doc(), old.Version+1
		case !isNotFound(err):
			return err
		}
		c, err := s.putCheckpoint(ctx, tx, actor, city, cp, version)
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionImport), before, c.doc()); err != nil {
			return err
		}
	}
	return nil
}
