// Package store persists what people change on the map: checkpoints, motorcade plans, users
// with their API tokens, and an append-only audit log of every change.
//
// Store is the interface the server depends on; SQLite is its first backend. Every write
// validates its input before touching the database, checks the caller's version (optimistic
// locking: a write based on an old version fails with ErrStale and changes nothing) and
// writes its audit entry in the same transaction, so a change and its record commit or fail
// together.
package store

import (
	"context"

	"github.com/chotmap/chot/geo"
)

// Store persists checkpoints, plans, users and the audit log. Its methods are safe for
// concurrent use. actor names who makes a change; it is recorded in the audit log. A write
// whose input breaks a rule fails with a *ValidationError (ErrInvalid) and writes nothing.
type Store interface {
	// Seed inserts a city's checkpoints from its map, once: a city seeded before, or one
	// that already has checkpoints, is left alone. Rows are audited with actor SeedActor.
	Seed(ctx context.Context, city string, cps []geo.Checkpoint) error
	// Checkpoints returns a city's checkpoints ordered by id.
	Checkpoints(ctx context.Context, city string) ([]Checkpoint, error)
	// Checkpoint returns one checkpoint, or ErrNotFound.
	Checkpoint(ctx context.Context, city, id string) (Checkpoint, error)
	// CreateCheckpoint adds a checkpoint at version 1, or fails with ErrExists.
	CreateCheckpoint(ctx context.Context, actor, city string, cp geo.Checkpoint) (Checkpoint, error)
	// UpdateCheckpoint replaces checkpoint cp.ID if it is still at version, and returns it
	// at version+1. It fails with ErrNotFound, or ErrStale when the version moved on.
	UpdateCheckpoint(ctx context.Context, actor, city string, cp geo.Checkpoint, version int64) (Checkpoint, error)
	// DeleteCheckpoint removes a checkpoint if it is still at version (ErrStale, ErrNotFound).
	DeleteCheckpoint(ctx context.Context, actor, city, id string, version int64) error
	// ImportCheckpoints creates or replaces checkpoints by id, all or nothing. Rows equal to
	// what is stored are skipped; each row that changes is audited with ActionImport.
	ImportCheckpoints(ctx context.Context, actor, city string, cps []geo.Checkpoint) error

	// CreatePlan stores a plan (a JSON object: the plan request body) owned by actor.
	CreatePlan(ctx context.Context, actor, city, name string, body []byte) (Plan, error)
	// Plan returns one plan with its body and cached result, or ErrNotFound.
	Plan(ctx context.Context, city, id string) (Plan, error)
	// Plans returns a city's plans ordered by name then id, without Body and Result.
	Plans(ctx context.Context, city string) ([]Plan, error)
	// UpdatePlan replaces a plan's body if it is still at version (ErrStale, ErrNotFound),
	// and drops its cached result.
	UpdatePlan(ctx context.Context, actor, city, id string, body []byte, version int64) (Plan, error)
	// DeletePlan removes a plan if it is still at version (ErrStale, ErrNotFound).
	DeletePlan(ctx context.Context, actor, city, id string, version int64) error
	// SetPlanResult caches the evaluation of a plan's version. It does nothing, and returns
	// nil, when the plan has moved on to another version; ErrNotFound when it is gone.
	// It is a cache, so it is not audited.
	SetPlanResult(ctx context.Context, city, id string, version int64, result []byte) error

	// AddUser creates a user and returns their first token, which is shown only this once
	// (ErrExists when the name is taken).
	AddUser(ctx context.Context, actor, name string, role Role) (User, string, error)
	// NewToken issues a fresh token for user and revokes their earlier ones (ErrNotFound).
	NewToken(ctx context.Context, actor, user string) (string, error)
	// Authenticate returns the user a token belongs to, or ErrUnauthorized.
	Authenticate(ctx context.Context, token string) (User, error)
	// Users returns every user ordered by name.
	Users(ctx context.Context) ([]User, error)

	// Audit returns up to limit entries about city, newest first; city "" means every
	// entry, users' included. limit <= 0 means DefaultAuditLimit; it is capped at MaxAuditLimit.
	Audit(ctx context.Context, city string, limit int) ([]AuditEntry, error)
	// Close releases the store.
	Close() error
}
