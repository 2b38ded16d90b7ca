package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Plan is a stored motorcade plan: its request body, and the cached evaluation of one version.
type Plan struct {
	ID            string // 16 hex digits, random
	City          string
	Name          string
	Owner         string // the actor who created it
	Version       int64  // 1 when created, +1 on every update
	Body          []byte // the plan request, a JSON object
	Result        []byte // the cached evaluation of ResultVersion, nil when none
	ResultVersion int64  // the version Result was computed for, 0 when none
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// planDoc is a plan as the audit log records it (without its cached result).
type planDoc struct {
	ID      string          `json:"id"`
	Name    string          `json:"name"`
	Owner   string          `json:"owner"`
	Version int64           `json:"version"`
	Body    json.RawMessage `json:"body"`
}

func (p Plan) doc() planDoc { return planDoc{p.ID, p.Name, p.Owner, p.Version, p.Body} }

const planCols = `id, city, name, owner, version, body, result, result_version, created_at, updated_at`

func scanPlan(row scanner) (Plan, error) {
	var p Plan
	var body string
	var result sql.NullString
	var created, updated int64
	err := row.Scan(&p.ID, &p.City, &p.Name, &p.Owner, &p.Version, &body, &result, &p.ResultVersion, &created, &updated)
	p.Body, p.Result = []byte(body), nullBytes(result)
	p.CreatedAt, p.UpdatedAt = fromStamp(created), fromStamp(updated)
	return p, err
}

func getPlan(ctx context.Context, q querier, city, id string) (Plan, error) {
	p, err := scanPlan(q.QueryRowContext(ctx, `SELECT `+planCols+` FROM plans WHERE city = ? AND id = ?`, city, id))
	if err != nil {
		return Plan{}, notFound(err, "plan "+city+"/"+id)
	}
	return p, nil
}

// Plan implements Store.
func (s *SQLite) Plan(ctx context.Context, city, id string) (Plan, error) {
	return getPlan(ctx, s.r, city, id)
}

// Plans implements Store.
func (s *SQLite) Plans(ctx context.Context, city string) ([]Plan, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, city, name, owner, version, '', NULL, result_version, created_at, updated_at
		FROM plans WHERE city = ? ORDER BY name, id`, city)
	if err != nil {
		return nil, fmt.Errorf("store: plans: %w", err)
	}
	defer rows.Close()
	var out []Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: plans: %w", err)
		}
		p.Body = nil
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePlan implements Store.
func (s *SQLite) CreatePlan(ctx context.Context, actor, city, name string, body []byte) (Plan, error) {
	if err := validateText("name", name, MaxTextLen, true); err != nil {
		return Plan{}, err
	}
	if err := validatePlanBody(actor, city, body); err != nil {
		return Plan{}, err
	}
	body = bytes.Clone(body)
	now := fromStamp(s.stamp())
	p := Plan{ID: planID(), City: city, Name: name, Owner: actor, Version: 1, Body: body, CreatedAt: now, UpdatedAt: now}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans (`+planCols+`) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)`,
			p.ID, city, name, actor, p.Version, string(body), now.UnixMicro(), now.UnixMicro()); err != nil {
			return fmt.Errorf("store: create plan: %w", err)
		}
		return s.audit(ctx, tx, planEntry(actor, city, p.ID, ActionCreate), nil, p.doc())
	})
	return p, err
}

// UpdatePlan implements Store.
func (s *SQLite) UpdatePlan(ctx context.Context, actor, city, id string, body []byte, version int64) (Plan, error) {
	if err := validatePlanBody(actor, city, body); err != nil {
		return Plan{}, err
	}
	body = bytes.Clone(body)
	var p Plan
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := getPlan(ctx, tx, city, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("plan "+city+"/"+id, old.Version, version)
		}
		p = old
		p.Version, p.Body, p.Result, p.ResultVersion, p.UpdatedAt = version+1, body, nil, 0, fromStamp(s.stamp())
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET version = ?, body = ?, result = NULL, result_version = 0,
			updated_at = ? WHERE city = ? AND id = ?`, p.Version, string(body), p.UpdatedAt.UnixMicro(), city, id); err != nil {
			return fmt.Errorf("store: update plan: %w", err)
		}
		return s.audit(ctx, tx, planEntry(actor, city, id, ActionUpdate), old.doc(), p.doc())
	})
	return p, err
}

// DeletePlan implements Store.
func (s *SQLite) DeletePlan(ctx context.Context, actor, city, id string, version int64) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := getPlan(ctx, tx, city, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return stale("plan "+city+"/"+id, old.Version, version)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE city = ? AND id = ?`, city, id); err != nil {
			return fmt.Errorf("store: delete plan: %w", err)
		}
		return s.audit(ctx, tx, planEntry(actor, city, id, ActionDelete), old.doc(), nil)
	})
}

// SetPlanResult implements Store.
func (s *SQLite) SetPlanResult(ctx context.Context, city, id string, version int64, result []byte) error {
	if len(result) > MaxPlanSize || !json.Valid(result) {
		return invalid("result", "want JSON of at most %d bytes", MaxPlanSize)
	}
	if err := validateCity(city); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE plans SET result = ?, result_version = version
			WHERE city = ? AND id = ? AND version = ?`, string(result), city, id, version)
		if err != nil {
			return fmt.Errorf("store: set plan result: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		_, err = getPlan(ctx, tx, city, id) // moved on (nil), or gone (ErrNotFound)
		return err
	})
}

// validatePlanBody checks the actor, city and body of a plan write.
func validatePlanBody(actor, city string, body []byte) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	if err := validateCity(city); err != nil {
		return err
	}
	return validateJSONObject("body", body)
}

// planID returns 16 random hex digits.
func planID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	return hex.EncodeToString(b[:])
}

func planEntry(actor, city, id, action string) AuditEntry {
	return AuditEntry{Actor: actor, City: city, Kind: AuditPlan, Object: id, Action: action}
}
