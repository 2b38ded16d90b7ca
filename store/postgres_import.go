package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chotmap/chot/geo"
	"github.com/jackc/pgx/v5"
)

// Seed implements Store. A city is seeded once: it is marked in seeded_cities, so deleting
// all of its checkpoints later does not bring the map's back on the next start. Instances
// that start at once queue on the mark's key; the first seeds, the others find it marked.
func (s *Postgres) Seed(ctx context.Context, city string, cps []geo.Checkpoint) error {
	if err := validateCity(city); err != nil {
		return err
	}
	if err := validateCheckpoints(cps); err != nil {
		return err
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO seeded_cities (city, seeded_at) VALUES ($1, $2)
			ON CONFLICT (city) DO NOTHING`, city, s.stamp())
		if err != nil {
			return fmt.Errorf("store: seed %s: %w", city, err)
		}
		if tag.RowsAffected() == 0 {
			return nil // seeded before
		}
		var edited bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM checkpoints WHERE city = $1)`, city).Scan(&edited); err != nil {
			return fmt.Errorf("store: seed %s: %w", city, err)
		}
		if edited {
			return nil // edited before it was ever seeded: leave it alone
		}
		return s.upsert(ctx, tx, SeedActor, city, cps)
	})
}

// ImportCheckpoints implements Store.
func (s *Postgres) ImportCheckpoints(ctx context.Context, actor, city string, cps []geo.Checkpoint) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	if err := validateCity(city); err != nil {
		return err
	}
	if err := validateCheckpoints(cps); err != nil {
		return err
	}
	return s.write(ctx, func(tx pgx.Tx) error { return s.upsert(ctx, tx, actor, city, cps) })
}

// upsert creates or replaces each of cps in tx, auditing each row that changes. It first
// locks the rows it will replace, so that none changes between its read and its write, and
// works in id order, so that two imports lock in the same order and never deadlock. A row
// another transaction creates meanwhile is waited for and then replaced, as if it had been
// there: an import creates or replaces, whatever runs beside it.
func (s *Postgres) upsert(ctx context.Context, tx pgx.Tx, actor, city string, cps []geo.Checkpoint) error {
	cps = slices.SortedFunc(slices.Values(cps), func(a, b geo.Checkpoint) int { return strings.Compare(a.ID, b.ID) })
	old, err := pgLockCheckpoints(ctx, tx, city, cps)
	if err != nil {
		return err
	}
	for _, cp := range cps {
		o, found := old[cp.ID]
		if !found {
			c := s.stored(actor, city, cp, 1)
			inserted, err := pgInsertNew(ctx, tx, c)
			if err != nil {
				return err
			}
			if inserted {
				if err := s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionImport), nil, c.doc()); err != nil {
					return err
				}
				continue
			}
			if o, err = pgGetCheckpoint(ctx, tx, city, cp.ID, " FOR UPDATE"); err != nil {
				return err
			}
		}
		if o.Checkpoint == cp {
			continue // unchanged: no new version, nothing to audit
		}
		c := s.stored(actor, city, cp, o.Version+1)
		if err := pgUpdateCheckpoint(ctx, tx, c); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionImport), o.doc(), c.doc()); err != nil {
			return err
		}
	}
	return nil
}

// pgLockCheckpoints reads and locks the stored checkpoints of city with the ids of cps.
func pgLockCheckpoints(ctx context.Context, tx pgx.Tx, city string, cps []geo.Checkpoint) (map[string]Checkpoint, error) {
	ids := make([]string, len(cps))
	for i, cp := range cps {
		ids[i] = cp.ID
	}
	rows, err := tx.Query(ctx, `SELECT `+pgCheckpointCols+` FROM checkpoints
		WHERE city = $1 AND id = ANY($2) ORDER BY id FOR UPDATE`, city, ids)
	if err != nil {
		return nil, fmt.Errorf("store: import: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Checkpoint, error) { return pgScanCheckpoint(row) })
	if err != nil {
		return nil, fmt.Errorf("store: import: %w", err)
	}
	old := make(map[string]Checkpoint, len(list))
	for _, c := range list {
		old[c.ID] = c
	}
	return old, nil
}
