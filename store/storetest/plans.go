package storetest

import (
	"context"
	"regexp"
	"testing"

	"github.com/chotmap/chot/store"
)

const (
	body1 = `{"stops":[{"venue":"da-nang-airport"},{"venue":"hoi-an-ancient-town"}],"depart":"2027-11-09T08:00:00+07:00"}`
	body2 = `{"stops":[{"venue":"da-nang-airport"},{"venue":"palm-garden"}],"depart":"2027-11-09T08:30:00+07:00"}`
)

func testPlans(t *testing.T, s store.Store) {
	ctx := context.Background()
	hex16 := regexp.MustCompile(`^[0-9a-f]{16}$`)
	p, err := s.CreatePlan(ctx, alice, city, "APEC day 1", []byte(body1))
	if err != nil || !hex16.MatchString(p.ID) || p.Version != 1 || p.Owner != alice || p.CreatedAt.IsZero() {
		t.Fatalf("CreatePlan = %+v, %v", p, err)
	}
	got, err := s.Plan(ctx, city, p.ID)
	if err != nil || !equalJSON(got.Body, []byte(body1)) || got.Name != "APEC day 1" || got.Result != nil {
		t.Fatalf("Plan = %+v, %v", got, err)
	}
	_, err = s.Plan(ctx, other, p.ID)
	wantErr(t, "plan of another city", err, store.ErrNotFound)

	up, err := s.UpdatePlan(ctx, "bob", city, p.ID, []byte(body2), 1)
	if err != nil || up.Version != 2 || up.Owner != alice || !equalJSON(up.Body, []byte(body2)) {
		t.Fatalf("UpdatePlan = %+v, %v", up, err)
	}
	_, err = s.UpdatePlan(ctx, alice, city, p.ID, []byte(body1), 1)
	wantErr(t, "stale plan update", err, store.ErrStale)
	if got, _ := s.Plan(ctx, city, p.ID); got.Version != 2 || !equalJSON(got.Body, []byte(body2)) {
		t.Fatalf("stale update changed the plan: %+v", got)
	}
	_, err = s.UpdatePlan(ctx, alice, city, p.ID, []byte(`[1, 2]`), 2)
	wantInvalid(t, "body not an object", err, -1, "body")
	_, err = s.CreatePlan(ctx, alice, city, "", []byte(body1))
	wantInvalid(t, "no name", err, -1, "name")

	if _, err := s.CreatePlan(ctx, alice, city, "A rehearsal", []byte(body1)); err != nil {
		t.Fatal(err)
	}
	list, err := s.Plans(ctx, city)
	if err != nil || len(list) != 2 || list[0].Name != "A rehearsal" || list[1].Version != 2 {
		t.Fatalf("Plans = %+v, %v", list, err)
	}
	for _, p := range list {
		if p.Body != nil || p.Result != nil {
			t.Errorf("Plans returned a body or result: %+v", p)
		}
	}

	wantErr(t, "stale plan delete", s.DeletePlan(ctx, alice, city, p.ID, 1), store.ErrStale)
	if err := s.DeletePlan(ctx, alice, city, p.ID, 2); err != nil {
		t.Fatalf("DeletePlan: %v", err)
	}
	_, err = s.Plan(ctx, city, p.ID)
	wantErr(t, "deleted plan", err, store.ErrNotFound)
	es, _ := s.Audit(ctx, city, 10)
	if len(es) != 4 || es[3].Kind != store.AuditPlan || es[3].Before != nil || es[2].Action != store.ActionUpdate ||
		es[2].Before == nil || es[0].Action != store.ActionDelete || es[0].After != nil {
		t.Fatalf("plan audit: %+v", es)
	}
}

func testPlanResult(t *testing.T, s store.Store) {
	ctx := context.Background()
	p, err := s.CreatePlan(ctx, alice, city, "APEC day 1", []byte(body1))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPlanResult(ctx, city, p.ID, 1, []byte(`{"route":1}`)); err != nil {
		t.Fatalf("SetPlanResult: %v", err)
	}
	got, _ := s.Plan(ctx, city, p.ID)
	if got.ResultVersion != 1 || !equalJSON(got.Result, []byte(`{"route":1}`)) {
		t.Fatalf("result not cached: %+v", got)
	}
	if _, err := s.UpdatePlan(ctx, alice, city, p.ID, []byte(body2), 1); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Plan(ctx, city, p.ID); got.Result != nil || got.ResultVersion != 0 {
		t.Fatalf("update kept the old result: %+v", got)
	}
	if err := s.SetPlanResult(ctx, city, p.ID, 1, []byte(`{"route":1}`)); err != nil {
		t.Fatalf("SetPlanResult for an old version: %v, want nil", err)
	}
	if got, _ := s.Plan(ctx, city, p.ID); got.Result != nil {
		t.Fatalf("an old version's result was cached: %+v", got)
	}
	if err := s.SetPlanResult(ctx, city, p.ID, 2, []byte(`{"route":2}`)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Plan(ctx, city, p.ID); got.ResultVersion != 2 || !equalJSON(got.Result, []byte(`{"route":2}`)) {
		t.Fatalf("result of version 2: %+v", got)
	}
	// A checkpoint change in the city drops the result (coverage depends on checkpoints);
	// one in another city does not.
	create(t, s, other, checkpoint("cp-x"))
	if got, _ := s.Plan(ctx, city, p.ID); got.Result == nil {
		t.Fatalf("another city's checkpoint dropped the result")
	}
	create(t, s, city, checkpoint("cp-x"))
	if got, _ := s.Plan(ctx, city, p.ID); got.Result != nil || got.ResultVersion != 0 {
		t.Fatalf("a new checkpoint kept the plan's result: %+v", got)
	}
	wantErr(t, "result of a missing plan", s.SetPlanResult(ctx, city, "0123456789abcdef", 1, []byte(`{}`)), store.ErrNotFound)
	wantInvalid(t, "result not JSON", s.SetPlanResult(ctx, city, p.ID, 2, []byte(`{`)), -1, "result")
	if n := auditLen(t, s); n != 4 {
		t.Errorf("%d audit entries, want 4 (two plan writes, two checkpoints): results are not audited", n)
	}
}
