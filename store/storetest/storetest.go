// Package storetest is the test suite every store.Store backend must pass. A backend's test
// calls Run with a function that opens a fresh, empty store.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/store"
	"github.com/paulmach/orb"
)

// Run runs the suite, each test on a store of its own from open, which Run closes.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, s store.Store)
	}{
		{"CheckpointCRUD", testCheckpointCRUD},
		{"CheckpointConcurrentUpdate", testCheckpointConcurrentUpdate},
		{"ConcurrentImports", testConcurrentImports},
		{"CheckpointValidation", testCheckpointValidation},
		{"ImportAllOrNothing", testImportAllOrNothing},
		{"Seed", testSeed},
		{"Audit", testAudit},
		{"Plans", testPlans},
		{"PlanResult", testPlanResult},
		{"Users", testUsers},
		{"Tokens", testTokens},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.test(t, s)
		})
	}
}

const (
	city  = "hoi-an"
	other = "ha-noi"
	alice = "alice"
)

// checkpoint returns a valid checkpoint with the given id, near the Hội An Ancient Town.
func checkpoint(id string) geo.Checkpoint {
	return geo.Checkpoint{
		ID: id, Kind: "traffic_post", Name: "Nút Trần Phú – Nguyễn Huệ", Unit: "CSGT Hội An",
		Officers: 4, RadiusM: 150, Note: "ca sáng", Point: orb.Point{108.3284, 15.8774},
	}
}

func create(t *testing.T, s store.Store, c string, cp geo.Checkpoint) store.Checkpoint {
	t.Helper()
	got, err := s.CreateCheckpoint(context.Background(), alice, c, cp)
	if err != nil {
		t.Fatalf("CreateCheckpoint(%s): %v", cp.ID, err)
	}
	return got
}

// wantErr fails unless err matches target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want %v", what, err, target)
	}
}

// wantInvalid fails unless err is a *store.ValidationError about row and field, and says so.
func wantInvalid(t *testing.T, what string, err error, row int, field string) {
	t.Helper()
	var ve *store.ValidationError
	if !errors.Is(err, store.ErrInvalid) || !errors.As(err, &ve) {
		t.Fatalf("%s: got error %v, want a *store.ValidationError", what, err)
	}
	if ve.Row != row || ve.Field != field || !strings.Contains(err.Error(), field+": ") {
		t.Fatalf("%s: got %q (row %d, field %q), want row %d, field %q", what, err, ve.Row, ve.Field, row, field)
	}
}

// auditLen returns how many audit entries there are, all cities and users included.
func auditLen(t *testing.T, s store.Store) int {
	t.Helper()
	es, err := s.Audit(context.Background(), "", store.MaxAuditLimit)
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return len(es)
}

// equalJSON reports whether a and b are the same JSON value.
func equalJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
