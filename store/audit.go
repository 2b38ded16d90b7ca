package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry records one change: who made it, when, to what, and the object before and after.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string
	City   string // "" for users
	Kind   string // AuditCheckpoint, AuditPlan or AuditUser
	Object string // the checkpoint or plan id, or the user name
	Action string // ActionCreate, ActionUpdate, ActionDelete or ActionImport
	Before []byte // JSON of the object before the change; nil when it did not exist
	After  []byte // JSON of the object after the change; nil when it was deleted
}

// The kinds of object an audit entry is about.
const (
	AuditCheckpoint = "checkpoint"
	AuditPlan       = "plan"
	AuditUser       = "user"
)

// The actions an audit entry records.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionImport = "import" // a row written by ImportCheckpoints or Seed
)

// SeedActor is the actor of the audit entries Seed writes.
const SeedActor = "seed"

// How many entries Audit returns.
const (
	DefaultAuditLimit = 100
	MaxAuditLimit     = 1000
)

// Audit implements Store.
func (s *SQLite) Audit(ctx context.Context, city string, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	limit = min(limit, MaxAuditLimit)
	q := `SELECT id, at, actor, city, kind, object, action, before_json, after_json FROM audit`
	args := []any{}
	if city != "" {
		q += ` WHERE city = ?`
		args = append(args, city)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.City, &e.Kind, &e.Object, &e.Action, &before, &after); err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		e.At = fromStamp(at)
		e.Before, e.After = nullBytes(before), nullBytes(after)
		out = append(out, e)
	}
	return out, rows.Err()
}

// audit appends e, stamped now, in tx, with before and after as JSON (nil for absent).
func (s *SQLite) audit(ctx context.Context, tx *sql.Tx, e AuditEntry, before, after any) error {
	var err error
	if e.Before, err = snapshot(before); err != nil {
		return err
	}
	if e.After, err = snapshot(after); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (at, actor, city, kind, object, action, before_json, after_json)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.stamp(), e.Actor, e.City, e.Kind, e.Object, e.Action, nullString(e.Before), nullString(e.After))
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	if e.Kind == AuditCheckpoint {
		// A plan's coverage, gaps and suggestions depend on the city's checkpoints.
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET result = NULL, result_version = 0
			WHERE city = ? AND result IS NOT NULL`, e.City); err != nil {
			return fmt.Errorf("store: drop plan results: %w", err)
		}
	}
	return nil
}

// snapshot is the JSON of v, or nil for a nil v.
func snapshot(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: audit snapshot: %w", err)
	}
	return b, nil
}

func nullString(b []byte) sql.NullString {
	return sql.NullString{String: string(b), Valid: b != nil}
}

func nullBytes(s sql.NullString) []byte {
	if !s.Valid {
		return nil
	}
	return []byte(s.String)
}
