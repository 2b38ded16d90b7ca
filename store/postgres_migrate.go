package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// pgMigrations returns the PostgreSQL schema as ordered steps: step i brings the database to
// version i+1. Steps are only ever appended; a released step is never edited. The tables are
// SQLite's, with PostgreSQL's types: DOUBLE PRECISION, TIMESTAMPTZ, JSONB, an identity
// column for the audit log and a PostGIS point, GiST-indexed, for a checkpoint's place.
func pgMigrations() []string {
	return []string{
		// 1: the tables.
		`CREATE EXTENSION IF NOT EXISTS postgis;
		CREATE TABLE seeded_cities (
			city      TEXT        PRIMARY KEY,
			seeded_at TIMESTAMPTZ NOT NULL
		);
		CREATE TABLE checkpoints (
			city       TEXT             NOT NULL,
			id         TEXT             NOT NULL,
			kind       TEXT             NOT NULL,
			name       TEXT             NOT NULL,
			unit       TEXT             NOT NULL,
			officers   INTEGER          NOT NULL CHECK (officers BETWEEN 0 AND 200),
			radius_m   DOUBLE PRECISION NOT NULL CHECK (radius_m BETWEEN 20 AND 3000),
			note       TEXT             NOT NULL DEFAULT '',
			geom       geometry(Point, 4326) NOT NULL
				CHECK (ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -90 AND 90),
			version    BIGINT           NOT NULL CHECK (version >= 1),
			updated_at TIMESTAMPTZ      NOT NULL,
			updated_by TEXT             NOT NULL,
			PRIMARY KEY (city, id)
		);
		CREATE INDEX checkpoints_geom ON checkpoints USING GIST (geom);
		CREATE TABLE plans (
			id             TEXT        PRIMARY KEY,
			city           TEXT        NOT NULL,
			name           TEXT        NOT NULL,
			owner          TEXT        NOT NULL,
			version        BIGINT      NOT NULL CHECK (version >= 1),
			body           JSONB       NOT NULL,
			result         JSONB,
			result_version BIGINT      NOT NULL DEFAULT 0,
			created_at     TIMESTAMPTZ NOT NULL,
			updated_at     TIMESTAMPTZ NOT NULL
		);
		CREATE INDEX plans_city ON plans (city, name);
		CREATE TABLE users (
			name       TEXT        PRIMARY KEY,
			role       TEXT        NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
			created_at TIMESTAMPTZ NOT NULL
		);
		CREATE TABLE tokens (
			hash       TEXT        PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'), -- hex SHA-256; never the token
			user_name  TEXT        NOT NULL REFERENCES users (name) ON DELETE CASCADE,
			created_at TIMESTAMPTZ NOT NULL
		);
		CREATE INDEX tokens_user ON tokens (user_name);
		CREATE TABLE audit (
			id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			at          TIMESTAMPTZ NOT NULL,
			actor       TEXT        NOT NULL,
			city        TEXT        NOT NULL,
			kind        TEXT        NOT NULL,
			object      TEXT        NOT NULL,
			action      TEXT        NOT NULL,
			before_json JSONB,
			after_json  JSONB
		);
		CREATE INDEX audit_city ON audit (city, id);`,

		// 2: the audit log is append-only, whoever connects (short of dropping the trigger).
		`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			RAISE EXCEPTION 'audit is append-only' USING ERRCODE = 'insufficient_privilege';
		END $$;
		CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
			FOR EACH ROW EXECUTE FUNCTION audit_append_only();
		CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
			FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();`,
	}
}

// pgMigrate applies the steps the database has not had yet, all in one transaction, and
// records each in schema_migrations. A transaction-scoped advisory lock makes instances that
// start at once take turns: the first migrates, the others then find nothing to do. A
// database newer than steps is refused.
func pgMigrate(ctx context.Context, pool *pgxpool.Pool, steps []string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('chot store migrate'))`); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `SET LOCAL client_min_messages = warning;
		CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER     PRIMARY KEY,
			applied_at TIMESTAMPTZ NOT NULL
		)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if have > len(steps) {
		return fmt.Errorf("migrate: database is at version %d, this build knows %d", have, len(steps))
	}
	for v := have + 1; v <= len(steps); v++ {
		if _, err := tx.Exec(ctx, steps[v-1]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, v); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v, err)
		}
	}
	return tx.Commit(ctx)
}
