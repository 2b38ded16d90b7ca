package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestPostgresStore runs chotd on PostgreSQL (CHOT_TEST_POSTGRES, from scripts/postgres.sh)
// in a fresh schema: it seeds the maps' checkpoints, prints the admin token, and serves.
func TestPostgresStore(t *testing.T) {
	base := os.Getenv("CHOT_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CHOT_TEST_POSTGRES is unset: .ci/run starts PostgreSQL with scripts/postgres.sh")
		}
		t.Skip("skipping: CHOT_TEST_POSTGRES is unset (run scripts/postgres.sh)")
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "chotd_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()

	s := start(t, "--store", u.String())
	if s.token == "" {
		t.Fatal("no admin token on the first start")
	}
	code, body := s.get(t, "/api/cities/dien-bien")
	if code != 200 || !strings.Contains(body, `"checkpoints":349`) {
		t.Errorf("dien-bien from PostgreSQL: %d %.200s", code, body)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+schema+".checkpoints").Scan(&n); err != nil || n < 600 {
		t.Errorf("%d checkpoints seeded in PostgreSQL (%v)", n, err)
	}
}
