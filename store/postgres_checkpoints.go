package store

import (
	"context"
	"fmt"

	"github.com/chotmap/chot/geo"
	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
)

// pgCheckpointCols reads a checkpoint row in the order pgScanCheckpoint takes.
const pgCheckpointCols = `city, id, kind, name, unit, officers, radius_m, note, ST_AsEWKB(geom), version, updated_at, updated_by`

func pgScanCheckpoint(row pgx.Row) (Checkpoint, error) {
	var c Checkpoint
	var point []byte
	err := row.Scan(&c.City, &c.ID, &c.Kind, &c.Name, &c.Unit, &c.Officers, &c.RadiusM, &c.Note,
		&point, &c.Version, &c.UpdatedAt, &c.UpdatedBy)
	if err != nil {
		return Checkpoint{}, err
	}
	c.UpdatedAt = c.UpdatedAt.UTC()
	c.Point, err = fromEWKB(point)
	return c, err
}

// pointEWKB is p as PostGIS's extended WKB: a 2D point with SRID 4326 (WGS 84 lon/lat).
func pointEWKB(p orb.Point) ([]byte, error) {
	return ewkb.Marshal(geom.NewPointFlat(geom.XY, p[:]).SetSRID(4326), ewkb.NDR)
}

// fromEWKB is the inverse of pointEWKB.
func fromEWKB(b []byte) (orb.Point, error) {
	g, err := ewkb.Unmarshal(b)
	if err != nil {
		return orb.Point{}, fmt.Errorf("store: checkpoint geometry: %w", err)
	}
	p, ok := g.(*geom.Point)
	if !ok || p.Layout() != geom.XY {
		return orb.Point{}, fmt.Errorf("store: checkpoint geometry: want a 2D point, got %T", g)
	}
	return orb.Point{p.X(), p.Y()}, nil
}

// Checkpoints implements Store.
func (s *Postgres) Checkpoints(ctx context.Context, city string) ([]Checkpoint, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+pgCheckpointCols+` FROM checkpoints WHERE city = $1 ORDER BY id`, city)
	if err != nil {
		return nil, fmt.Errorf("store: checkpoints: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Checkpoint, error) { return pgScanCheckpoint(row) })
	if err != nil {
		return nil, fmt.Errorf("store: checkpoints: %w", err)
	}
	return out, nil
}

// Checkpoint implements Store.
func (s *Postgres) Checkpoint(ctx context.Context, city, id string) (Checkpoint, error) {
	return pgGetCheckpoint(ctx, s.pool, city, id, "")
}

// pgGetCheckpoint reads one checkpoint; lock is "" or a locking clause, " FOR UPDATE".
func pgGetCheckpoint(ctx context.Context, q pgQuerier, city, id, lock string) (Checkpoint, error) {
	c, err := pgScanCheckpoint(q.QueryRow(ctx, `SELECT `+pgCheckpointCols+` FROM checkpoints
		WHERE city = $1 AND id = $2`+lock, city, id))
	if err != nil {
		return Checkpoint{}, pgNotFound(err, "checkpoint "+city+"/"+id)
	}
	return c, nil
}

// CreateCheckpoint implements Store.
func (s *Postgres) CreateCheckpoint(ctx context.Context, actor, city string, cp geo.Checkpoint) (Checkpoint, error) {
	if err := validateWrite(actor, city, cp); err != nil {
		return Checkpoint{}, err
	}
	c := s.stored(actor, city, cp, 1)
	err := s.write(ctx, func(tx pgx.Tx) error {
		if err := pgInsertCheckpoint(ctx, tx, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionCreate), nil, c.doc())
	})
	if err != nil {
		return Checkpoint{}, err
	}
	return c, nil
}

// UpdateCheckpoint implements Store.
func (s *Postgres) UpdateCheckpoint(ctx context.Context, actor, city string, cp geo.Checkpoint, version int64) (Checkpoint, error) {
	if err := validateWrite(actor, city, cp); err != nil {
		return Checkpoint{}, err
	}
	c := s.stored(actor, city, cp, version+1)
	err := s.write(ctx, func(tx pgx.Tx) error {
		old, err := pgGetCheckpoint(ctx, tx, city, cp.ID, " FOR UPDATE")
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("checkpoint "+city+"/"+cp.ID, old.Version, version)
		}
		if err := pgUpdateCheckpoint(ctx, tx, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionUpdate), old.doc(), c.doc())
	})
	if err != nil {
		return Checkpoint{}, err
	}
	return c, nil
}

// DeleteCheckpoint implements Store.
func (s *Postgres) DeleteCheckpoint(ctx context.Context, actor, city, id string, version int64) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		old, err := pgGetCheckpoint(ctx, tx, city, id, " FOR UPDATE")
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("checkpoint "+city+"/"+id, old.Version, version)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM checkpoints WHERE city = $1 AND id = $2`, city, id); err != nil {
			return fmt.Errorf("store: delete checkpoint: %w", err)
		}
		return s.audit(ctx, tx, cpEntry(actor, city, id, ActionDelete), old.doc(), nil)
	})
}

// stored is cp as a write by actor at version stores it, stamped now.
func (s *Postgres) stored(actor, city string, cp geo.Checkpoint, version int64) Checkpoint {
	return Checkpoint{Checkpoint: cp, City: city, Version: version, UpdatedAt: s.stamp(), UpdatedBy: actor}
}

// pgInsertCheckpoint inserts c, or fails with ErrExists.
func pgInsertCheckpoint(ctx context.Context, tx pgx.Tx, c Checkpoint) error {
	inserted, err := pgInsertNew(ctx, tx, c)
	if err == nil && !inserted {
		err = fmt.Errorf("%w: checkpoint %s/%s", ErrExists, c.City, c.ID)
	}
	return err
}

// pgInsertNew inserts c unless a checkpoint with its id is stored (or being stored by a
// transaction it then waits for): inserted is false then.
func pgInsertNew(ctx context.Context, tx pgx.Tx, c Checkpoint) (inserted bool, err error) {
	point, err := pointEWKB(c.Point)
	if err != nil {
		return false, fmt.Errorf("store: write checkpoint %s/%s: %w", c.City, c.ID, err)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO checkpoints (city, id, kind, name, unit, officers, radius_m, note, geom,
		version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_GeomFromEWKB($9), $10, $11, $12)
		ON CONFLICT (city, id) DO NOTHING`,
		c.City, c.ID, c.Kind, c.Name, c.Unit, c.Officers, c.RadiusM, c.Note, point, c.Version, c.UpdatedAt, c.UpdatedBy)
	if err != nil {
		return false, fmt.Errorf("store: write checkpoint %s/%s: %w", c.City, c.ID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// pgUpdateCheckpoint replaces the stored checkpoint with c; the caller holds its row lock
// (SELECT ... FOR UPDATE) and has checked its version.
func pgUpdateCheckpoint(ctx context.Context, tx pgx.Tx, c Checkpoint) error {
	point, err := pointEWKB(c.Point)
	if err != nil {
		return fmt.Errorf("store: write checkpoint %s/%s: %w", c.City, c.ID, err)
	}
	_, err = tx.Exec(ctx, `UPDATE checkpoints SET kind = $3, name = $4, unit = $5, officers = $6,
		radius_m = $7, note = $8, geom = ST_GeomFromEWKB($9), version = $10, updated_at = $11, updated_by = $12
		WHERE city = $1 AND id = $2`,
		c.City, c.ID, c.Kind, c.Name, c.Unit, c.Officers, c.RadiusM, c.Note, point, c.Version, c.UpdatedAt, c.UpdatedBy)
	if err != nil {
		return fmt.Errorf("store: write checkpoint %s/%s: %w", c.City, c.ID, err)
	}
	return nil
}
