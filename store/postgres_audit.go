package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Audit implements Store.
func (s *Postgres) Audit(ctx context.Context, city string, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	limit = min(limit, MaxAuditLimit)
	q := `SELECT id, at, actor, city, kind, object, action, before_json, after_json FROM audit`
	args := []any{limit}
	if city != "" {
		q += ` WHERE city = $2`
		args = append(args, city)
	}
	rows, err := s.pool.Query(ctx, q+` ORDER BY id DESC LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (AuditEntry, error) {
		var e AuditEntry
		err := row.Scan(&e.ID, &e.At, &e.Actor, &e.City, &e.Kind, &e.Object, &e.Action, &e.Before, &e.After)
		e.At = e.At.UTC()
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

// audit appends e, stamped now, in tx, with before and after as JSON (NULL for nil).
func (s *Postgres) audit(ctx context.Context, tx pgx.Tx, e AuditEntry, before, after any) error {
	var err error
	if e.Before, err = snapshot(before); err != nil {
		return err
	}
	if e.After, err = snapshot(after); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO audit (at, actor, city, kind, object, action, before_json, after_json)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.stamp(), e.Actor, e.City, e.Kind, e.Object, e.Action, e.Before, e.After)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	if e.Kind == AuditCheckpoint {
		// A plan's coverage, gaps and suggestions depend on the city's checkpoints.
		if _, err := tx.Exec(ctx, `UPDATE plans SET result = NULL, result_version = 0
			WHERE city = $1 AND result IS NOT NULL`, e.City); err != nil {
			return fmt.Errorf("store: drop plan results: %w", err)
		}
	}
	return nil
}
