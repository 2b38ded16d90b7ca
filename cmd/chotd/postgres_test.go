package main

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/chotmap/chot/store/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestPostgresStore runs chotd on PostgreSQL (CHOT_TEST_POSTGRES, from scripts/postgres.sh)
// in a fresh schema: it seeds the maps' checkpoints, prints the admin token, and serves.
func TestPostgresStore(t *testing.T) {
	u := pgtest.URL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	s := start(t, "--store", u)
	if s.token == "" {
		t.Fatal("no admin token on the first start")
	}
	code, body := s.get(t, "/api/cities/dien-bien")
	if code != 200 || !strings.Contains(body, `"checkpoints":349`) {
		t.Errorf("dien-bien from PostgreSQL: %d %.200s", code, body)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM checkpoints").Scan(&n); err != nil || n < 600 {
		t.Errorf("%d checkpoints seeded in PostgreSQL (%v)", n, err)
	}
	// chot user works on the same store: a new planner's token signs in to the running server.
	out, err := exec.Command(cli, "user", "add", "--store", u, "--role", "planner", "lan").CombinedOutput()
	if err != nil {
		t.Fatalf("chot user add: %v\n%s", err, out)
	}
	lines := strings.Fields(string(out))
	planner := *s
	planner.token = lines[len(lines)-1]
	if code, body := planner.get(t, "/api/me"); code != 200 || !strings.Contains(body, `"planner"`) {
		t.Errorf("the new planner's token: %d %s", code, body)
	}
}
