package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
)

const pgPlanCols = `id, city, name, owner, version, body, result, result_version, created_at, updated_at`

func pgScanPlan(row pgx.Row) (Plan, error) {
	var p Plan
	err := row.Scan(&p.ID, &p.City, &p.Name, &p.Owner, &p.Version, &p.Body, &p.Result, &p.ResultVersion,
		&p.CreatedAt, &p.UpdatedAt)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, err
}

func pgGetPlan(ctx context.Context, q pgQuerier, city, id, lock string) (Plan, error) {
	p, err := pgScanPlan(q.QueryRow(ctx, `SELECT `+pgPlanCols+` FROM plans WHERE city = $1 AND id = $2`+lock, city, id))
	if err != nil {
		return Plan{}, pgNotFound(err, "plan "+city+"/"+id)
	}
	return p, nil
}

// Plan implements Store.
func (s *Postgres) Plan(ctx context.Context, city, id string) (Plan, error) {
	return pgGetPlan(ctx, s.pool, city, id, "")
}

// Plans implements Store.
func (s *Postgres) Plans(ctx context.Context, city string) ([]Plan, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, city, name, owner, version, NULL::jsonb, NULL::jsonb, result_version,
		created_at, updated_at FROM plans WHERE city = $1 ORDER BY name, id`, city)
	if err != nil {
		return nil, fmt.Errorf("store: plans: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Plan, error) { return pgScanPlan(row) })
	if err != nil {
		return nil, fmt.Errorf("store: plans: %w", err)
	}
	return out, nil
}

// CreatePlan implements Store.
func (s *Postgres) CreatePlan(ctx context.Context, actor, city, name string, body []byte) (Plan, error) {
	if err := validateText("name", name, MaxTextLen, true); err != nil {
		return Plan{}, err
	}
	if err := validatePlanBody(actor, city, body); err != nil {
		return Plan{}, err
	}
	now := s.stamp()
	p := Plan{ID: planID(), City: city, Name: name, Owner: actor, Version: 1, Body: bytes.Clone(body), CreatedAt: now, UpdatedAt: now}
	err := s.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO plans (id, city, name, owner, version, body, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, p.ID, city, name, actor, p.Version, p.Body, now); err != nil {
			return fmt.Errorf("store: create plan: %w", err)
		}
		return s.audit(ctx, tx, planEntry(actor, city, p.ID, ActionCreate), nil, p.doc())
	})
	if err != nil {
		return Plan{}, pgJSONError("body", err)
	}
	return p, nil
}

// UpdatePlan implements Store.
func (s *Postgres) UpdatePlan(ctx context.Context, actor, city, id string, body []byte, version int64) (Plan, error) {
	if err := validatePlanBody(actor, city, body); err != nil {
		return Plan{}, err
	}
	var p Plan
	err := s.write(ctx, func(tx pgx.Tx) error {
		old, err := pgGetPlan(ctx, tx, city, id, " FOR UPDATE")
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("plan "+city+"/"+id, old.Version, version)
		}
		p = old
		p.Version, p.Body, p.Result, p.ResultVersion, p.UpdatedAt = version+1, bytes.Clone(body), nil, 0, s.stamp()
		if _, err := tx.Exec(ctx, `UPDATE plans SET version = $1, body = $2, result = NULL, result_version = 0,
			updated_at = $3 WHERE city = $4 AND id = $5`, p.Version, p.Body, p.UpdatedAt, city, id); err != nil {
			return fmt.Errorf("store: update plan: %w", err)
		}
		return s.audit(ctx, tx, planEntry(actor, city, id, ActionUpdate), old.doc(), p.doc())
	})
	if err != nil {
		return Plan{}, pgJSONError("body", err)
	}
	return p, nil
}

// DeletePlan implements Store.
func (s *Postgres) DeletePlan(ctx context.Context, actor, city, id string, version int64) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		old, err := pgGetPlan(ctx, tx, city, id, " FOR UPDATE")
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("plan "+city+"/"+id, old.Version, version)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM plans WHERE city = $1 AND id = $2`, city, id); err != nil {
			return fmt.Errorf("store: delete plan: %w", err)
		}
		return s.audit(ctx, tx, planEntry(actor, city, id, ActionDelete), old.doc(), nil)
	})
}

// SetPlanResult implements Store. One statement writes the result only if the plan is still
// at version, so it needs no transaction; when it writes nothing, a read tells why.
func (s *Postgres) SetPlanResult(ctx context.Context, city, id string, version int64, result []byte) error {
	if len(result) > MaxPlanSize || !json.Valid(result) {
		return invalid("result", "want JSON of at most %d bytes", MaxPlanSize)
	}
	if err := validateCity(city); err != nil {
		return err
	}
	tag, err := s.pool.Exec(ctx, `UPDATE plans SET result = $1, result_version = version
		WHERE city = $2 AND id = $3 AND version = $4`, result, city, id, version)
	if err != nil {
		return pgJSONError("result", fmt.Errorf("store: set plan result: %w", err))
	}
	if tag.RowsAffected() > 0 {
		return nil
	}
	var exists bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plans WHERE city = $1 AND id = $2)`, city, id).Scan(&exists); err != nil {
		return fmt.Errorf("store: set plan result: %w", err)
	}
	if !exists {
		return fmt.Errorf("%w: plan %s/%s", ErrNotFound, city, id)
	}
	return nil // moved on to another version
}

// pgJSONError turns PostgreSQL's refusal of JSON holding \u0000, which jsonb cannot store,
// into a *ValidationError about field; other errors pass as they are.
func pgJSONError(field string, err error) error {
	if pgCode(err) == pgUntranslatableCharset {
		return invalid(field, `holds \u0000, which PostgreSQL's jsonb cannot store`)
	}
	return err
}
