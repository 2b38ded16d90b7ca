package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/chotmap/chot/geo"
)

// Checkpoint is a stored checkpoint: the map's fields plus its city and version.
type Checkpoint struct {
	geo.Checkpoint
	City      string
	Version   int64 // 1 when created, +1 on every change
	UpdatedAt time.Time
	UpdatedBy string
}

// checkpointDoc is a checkpoint as the audit log records it, with the map's property names.
type checkpointDoc struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Name     string  `json:"name"`
	Unit     string  `json:"unit"`
	Officers int     `json:"officers"`
	RadiusM  float64 `json:"radius_m"`
	Note     string  `json:"note,omitempty"`
	Lon      float64 `json:"lon"`
	Lat      float64 `json:"lat"`
	Version  int64   `json:"version"`
}

func (c Checkpoint) doc() checkpointDoc {
	return checkpointDoc{c.ID, c.Kind, c.Name, c.Unit, c.Officers, c.RadiusM, c.Note, c.Point[0], c.Point[1], c.Version}
}

const checkpointCols = `city, id, kind, name, unit, officers, radius_m, note, lon, lat, version, updated_at, updated_by`

func scanCheckpoint(row scanner) (Checkpoint, error) {
	var c Checkpoint
	var at int64
	err := row.Scan(&c.City, &c.ID, &c.Kind, &c.Name, &c.Unit, &c.Officers, &c.RadiusM, &c.Note,
		&c.Point[0], &c.Point[1], &c.Version, &at, &c.UpdatedBy)
	c.UpdatedAt = fromStamp(at)
	return c, err
}

// Checkpoints implements Store.
func (s *SQLite) Checkpoints(ctx context.Context, city string) ([]Checkpoint, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+checkpointCols+` FROM checkpoints WHERE city = ? ORDER BY id`, city)
	if err != nil {
		return nil, fmt.Errorf("store: checkpoints: %w", err)
	}
	defer rows.Close()
	var out []Checkpoint
	for rows.Next() {
		c, err := scanCheckpoint(rows)
		if err != nil {
			return nil, fmt.Errorf("store: checkpoints: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Checkpoint implements Store.
func (s *SQLite) Checkpoint(ctx context.Context, city, id string) (Checkpoint, error) {
	return getCheckpoint(ctx, s.r, city, id)
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getCheckpoint(ctx context.Context, q querier, city, id string) (Checkpoint, error) {
	row := q.QueryRowContext(ctx, `SELECT `+checkpointCols+` FROM checkpoints WHERE city = ? AND id = ?`, city, id)
	c, err := scanCheckpoint(row)
	if err != nil {
		return Checkpoint{}, notFound(err, "checkpoint "+city+"/"+id)
	}
	return c, nil
}

// CreateCheckpoint implements Store.
func (s *SQLite) CreateCheckpoint(ctx context.Context, actor, city string, cp geo.Checkpoint) (Checkpoint, error) {
	if err := validateWrite(actor, city, cp); err != nil {
		return Checkpoint{}, err
	}
	var c Checkpoint
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := getCheckpoint(ctx, tx, city, cp.ID)
		switch {
		case err == nil:
			return fmt.Errorf("%w: checkpoint %s/%s", ErrExists, city, cp.ID)
		case !isNotFound(err):
			return err
		}
		c, err = s.putCheckpoint(ctx, tx, actor, city, cp, 1)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionCreate), nil, c.doc())
	})
	return c, err
}

// UpdateCheckpoint implements Store.
func (s *SQLite) UpdateCheckpoint(ctx context.Context, actor, city string, cp geo.Checkpoint, version int64) (Checkpoint, error) {
	if err := validateWrite(actor, city, cp); err != nil {
		return Checkpoint{}, err
	}
	var c Checkpoint
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := getCheckpoint(ctx, tx, city, cp.ID)
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("checkpoint "+city+"/"+cp.ID, old.Version, version)
		}
		if c, err = s.putCheckpoint(ctx, tx, actor, city, cp, version+1); err != nil {
			return err
		}
		return s.audit(ctx, tx, cpEntry(actor, city, cp.ID, ActionUpdate), old.doc(), c.doc())
	})
	return c, err
}

// DeleteCheckpoint implements Store.
func (s *SQLite) DeleteCheckpoint(ctx context.Context, actor, city, id string, version int64) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := getCheckpoint(ctx, tx, city, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("checkpoint "+city+"/"+id, old.Version, version)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM checkpoints WHERE city = ? AND id = ?`, city, id); err != nil {
			return fmt.Errorf("store: delete checkpoint: %w", err)
		}
		return s.audit(ctx, tx, cpEntry(actor, city, id, ActionDelete), old.doc(), nil)
	})
}

// putCheckpoint inserts or replaces cp at version in tx and returns it as stored.
func (s *SQLite) putCheckpoint(ctx context.Context, tx *sql.Tx, actor, city string, cp geo.Checkpoint, version int64) (Checkpoint, error) {
	c := Checkpoint{Checkpoint: cp, City: city, Version: version, UpdatedAt: fromStamp(s.stamp()), UpdatedBy: actor}
	_, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (`+checkpointCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (city, id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
			unit = excluded.unit, officers = excluded.officers, radius_m = excluded.radius_m,
			note = excluded.note, lon = excluded.lon, lat = excluded.lat, version = excluded.version,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		city, cp.ID, cp.Kind, cp.Name, cp.Unit, cp.Officers, cp.RadiusM, cp.Note, cp.Point[0], cp.Point[1],
		version, c.UpdatedAt.UnixMicro(), actor)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("store: write checkpoint %s/%s: %w", city, cp.ID, err)
	}
	return c, nil
}

// validateWrite checks the actor, the city and the checkpoint of a single write.
func validateWrite(actor, city string, cp geo.Checkpoint) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	if err := validateCity(city); err != nil {
		return err
	}
	return validateCheckpoint(cp)
}

func cpEntry(actor, city, id, action string) AuditEntry {
	return AuditEntry{Actor: actor, City: city, Kind: AuditCheckpoint, Object: id, Action: action}
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
