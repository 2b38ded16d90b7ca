package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestPlanCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd("plan", "-city", "ha-noi", "-out", dir, filepath.Join("..", "..", "examples", "ha-noi-plan.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Nội Bài", "closures:", "diversions:", "coverage (radius):", "site 1:"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	for _, layer := range []string{"route", "closures", "closed_at", "diversions", "detours", "coverage", "gaps", "suggestions", "stops"} {
		b, err := os.ReadFile(filepath.Join(dir, layer+".geojson"))
		var fc struct {
			Type string `json:"type"`
		}
		if err != nil || json.Unmarshal(b, &fc) != nil || fc.Type != "FeatureCollection" {
			t.Errorf("layer %s: %v", layer, err)
		}
	}
}

func TestUserCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "chot.db")
	code, out, errOut := runCmd("user", "add", "--store", db, "--role", "planner", "lan")
	if code != 0 || !strings.Contains(out, "chot_") {
		t.Fatalf("add: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runCmd("user", "add", "--store", db, "lan"); code != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("second add: %d %q", code, errOut)
	}
	if code, out, _ := runCmd("user", "list", "--store", db); code != 0 || !strings.Contains(out, "lan\tplanner") {
		t.Errorf("list: %d %q", code, out)
	}
	if code, out, _ := runCmd("user", "token", "--store", db, "lan"); code != 0 || !strings.Contains(out, "chot_") {
		t.Errorf("token: %d %q", code, out)
	}
	if code, _, _ := runCmd("user", "add", "--store", db, "--role", "king", "x"); code != 2 {
		t.Errorf("bad role: %d", code)
	}
}

func TestCommandErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"departure":"2026-11-25T14:00:00+07:00","stops":[{"venue":"nope"},{"venue":"ncc"}]}`), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "usage"},
		{[]string{"fly"}, 2, "fly"},
		{[]string{"plan", "x.json"}, 2, "usage: chot plan"},
		{[]string{"plan", "-city", "atlantis", "x.json"}, 1, `no city "atlantis"`},
		{[]string{"plan", "-city", "ha-noi", bad}, 1, `stops[0].venue: no venue "nope"`},
		{[]string{"import", "--pbf", "x.osm.pbf", "--city", "x", "--out", "/tmp", "--bbox", "1,2,3"}, 2, "--bbox"},
		{[]string{"import", "--city", "x", "--out", "/tmp"}, 2, "--pbf is required"},
	}
	for _, tt := range tests {
		code, _, errOut := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("chot %v: exit %d, %q; want %d with %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}
