package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is a Store in a PostgreSQL database with PostGIS, through a pgx connection pool.
// Several service instances may share one database.
//
// Each write is one transaction at READ COMMITTED: it locks the rows it reads with SELECT ...
// FOR UPDATE and changes them with UPDATE ... WHERE version = $n, checking the rows affected,
// so concurrent writers of a row queue on its lock and all but the first fail with ErrStale.
// Checkpoints are PostGIS points (SRID 4326) with a GiST index; times are TIMESTAMPTZ with
// microseconds; plan bodies and audit snapshots are JSONB, so their key order and spacing
// are PostgreSQL's, not the caller's.
type Postgres struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

var _ Store = (*Postgres)(nil)

// OpenPostgres connects to the database at url (a postgres:// URL or a key=value DSN, as
// pgx takes it), checks that it answers and migrates its schema forward. The role needs
// the right to create tables in the first schema of its search_path; PostGIS must already
// be installed in the database unless the role may install it.
func OpenPostgres(ctx context.Context, url string) (*Postgres, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	if err := pgMigrate(ctx, pool, pgMigrations()); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	return &Postgres{pool: pool, now: time.Now}, nil
}

// Close closes the pool, waiting for connections in use to be returned.
func (s *Postgres) Close() error {
	s.pool.Close()
	return nil
}

// write runs fn in one transaction, committing only if fn returns nil.
func (s *Postgres) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback(ctx)
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// stamp returns the current time as stored: UTC, to the microsecond.
func (s *Postgres) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// pgQuerier is a *pgxpool.Pool or a pgx.Tx.
type pgQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// PostgreSQL's error codes that map to the store's errors.
const (
	pgUniqueViolation       = "23505"
	pgUntranslatableCharset = "22P05" // jsonb cannot hold \u0000
)

// pgCode returns err's PostgreSQL error code, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// pgNotFound turns pgx.ErrNoRows into ErrNotFound about what.
func pgNotFound(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%w: %s", ErrNotFound, what)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}
