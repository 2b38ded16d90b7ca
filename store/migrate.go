package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations returns the SQLite schema as ordered steps: step i brings the database to
// version i+1. Steps are only ever appended; a released step is never edited.
//
// The SQL is kept portable where it costs nothing (no AUTOINCREMENT, times as BIGINT
// microseconds, JSON as TEXT); PostgreSQL keeps its own list, pgMigrations.
func migrations() []string {
	return []string{
		// 1: the tables.
		`CREATE TABLE seeded_cities (
			city      TEXT PRIMARY KEY,
			seeded_at BIGINT NOT NULL
		);
		CREATE TABLE checkpoints (
			city       TEXT    NOT NULL,
			id         TEXT    NOT NULL,
			kind       TEXT    NOT NULL,
			name       TEXT    NOT NULL,
			unit       TEXT    NOT NULL,
			officers   INTEGER NOT NULL CHECK (officers BETWEEN 0 AND 200),
			radius_m   REAL    NOT NULL CHECK (radius_m BETWEEN 20 AND 3000),
			note       TEXT    NOT NULL DEFAULT '',
			lon        REAL    NOT NULL CHECK (lon BETWEEN -180 AND 180),
			lat        REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
			version    BIGINT  NOT NULL CHECK (version >= 1),
			updated_at BIGINT  NOT NULL,
			updated_by TEXT    NOT NULL,
			PRIMARY KEY (city, id)
		);
		CREATE TABLE plans (
			id             TEXT   PRIMARY KEY,
			city           TEXT   NOT NULL,
			name           TEXT   NOT NULL,
			owner          TEXT   NOT NULL,
			version        BIGINT NOT NULL CHECK (version >= 1),
			body           TEXT   NOT NULL,
			result         TEXT,
			result_version BIGINT NOT NULL DEFAULT 0,
			created_at     BIGINT NOT NULL,
			updated_at     BIGINT NOT NULL
		);
		CREATE INDEX plans_city ON plans (city, name);
		CREATE TABLE users (
			name       TEXT   PRIMARY KEY,
			role       TEXT   NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
			created_at BIGINT NOT NULL
		);
		CREATE TABLE tokens (
			hash       TEXT   PRIMARY KEY, -- hex SHA-256 of the token; the token is never stored
			user_name  TEXT   NOT NULL REFERENCES users (name) ON DELETE CASCADE,
			created_at BIGINT NOT NULL
		);
		CREATE INDEX tokens_user ON tokens (user_name);
		CREATE TABLE audit (
			id          INTEGER PRIMARY KEY,
			at          BIGINT  NOT NULL,
			actor       TEXT    NOT NULL,
			city        TEXT    NOT NULL,
			kind        TEXT    NOT NULL,
			object      TEXT    NOT NULL,
			action      TEXT    NOT NULL,
			before_json TEXT,
			after_json  TEXT
		);
		CREATE INDEX audit_city ON audit (city, id);`,

		// 2: the audit log is append-only, whoever opens the file.
		`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
			BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
		CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
			BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;`,
	}
}

// migrate applies the steps db has not had yet, all in one transaction, and records each
// in schema_migrations. A database newer than steps is refused.
func migrate(ctx context.Context, db *sql.DB, steps []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at BIGINT  NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if have > len(steps) {
		return fmt.Errorf("migrate: database is at version %d, this build knows %d", have, len(steps))
	}
	for v := have + 1; v <= len(steps); v++ {
		if _, err := tx.ExecContext(ctx, steps[v-1]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
			v, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v, err)
		}
	}
	return tx.Commit()
}
