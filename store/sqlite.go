package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go driver "sqlite"
)

// readers is the size of the read pool: WAL lets readers run beside the writer.
const readers = 4

// SQLite is a Store in one SQLite file (modernc.org/sqlite: pure Go, no cgo).
//
// Writes are serialised through a single connection (SetMaxOpenConns(1)) whose transactions
// begin IMMEDIATE, so a write takes the file's write lock up front and never fails halfway
// on an upgrade; a second process sharing the file waits up to busy_timeout. Reads go
// through a separate pool of query-only connections which, in WAL mode, see the last
// committed state without waiting for the writer. Commits are durable: synchronous=FULL
// syncs the WAL before a write is acknowledged.
type SQLite struct {
	w   *sql.DB // the writer: one connection
	r   *sql.DB // the readers: query_only connections
	now func() time.Time
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens, or creates, the database file at path and migrates its schema forward.
// path must name a file: an in-memory database cannot be shared by the two pools.
func OpenSQLite(path string) (*SQLite, error) {
	if path == "" || path == ":memory:" {
		return nil, fmt.Errorf("store: open sqlite: want a file path, got %q", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	s := &SQLite{now: time.Now}
	s.w, err = sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	s.w.SetMaxOpenConns(1)
	if err := migrate(context.Background(), s.w, migrations()); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	s.r, err = sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		s.w.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	s.r.SetMaxOpenConns(readers)
	return s, nil
}

// dsn is the driver's name for the file at abs with the pragmas of a writer or a reader.
func dsn(abs string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	} else {
		q.Set("_query_only", "1")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String()
}

// Close closes both pools.
func (s *SQLite) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// write runs fn in one transaction on the writer, committing only if fn returns nil.
func (s *SQLite) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// stamp returns the current time as stored: microseconds since the Unix epoch, UTC.
func (s *SQLite) stamp() int64 { return s.now().UnixMicro() }

// fromStamp is the inverse of stamp.
func fromStamp(us int64) time.Time { return time.UnixMicro(us).UTC() }

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// notFound turns sql.ErrNoRows into ErrNotFound about what.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s", ErrNotFound, what)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}
