// Package pgtest gives tests and benchmarks a fresh schema in the PostgreSQL with PostGIS
// that scripts/postgres.sh starts.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// URL returns the URL of a fresh, empty schema in the database that the environment
// variable CHOT_TEST_POSTGRES names (a postgres:// URL, as scripts/postgres.sh prints it):
// the URL sets search_path to the new schema, then public, where PostGIS is. The schema is
// dropped when tb ends. Without CHOT_TEST_POSTGRES, tb is skipped, or fails when CI=true.
func URL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("CHOT_TEST_POSTGRES")
	if base == "" {
		const msg = "CHOT_TEST_POSTGRES is unset: run scripts/postgres.sh (.ci/run and make bench do)"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip("skipping: " + msg)
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		tb.Fatalf("CHOT_TEST_POSTGRES: want a postgres:// URL, got %q", base)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	exec(tb, base, `CREATE SCHEMA `+schema)
	tb.Cleanup(func() { exec(tb, base, `DROP SCHEMA `+schema+` CASCADE`) })
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on its own connection to the database at url.
func exec(tb testing.TB, url, sql string) {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatalf("connect to %s: %v", redact(url), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// redact hides a URL's password.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "CHOT_TEST_POSTGRES"
	}
	return u.Redacted()
}
