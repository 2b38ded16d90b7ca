package store

import "testing"

func TestRoleAllows(t *testing.T) {
	tests := []struct {
		have, need Role
		want       bool
	}{
		{RoleAdmin, RoleAdmin, true},
		{RoleAdmin, RolePlanner, true},
		{RoleAdmin, RoleViewer, true},
		{RolePlanner, RoleAdmin, false},
		{RolePlanner, RolePlanner, true},
		{RolePlanner, RoleViewer, true},
		{RoleViewer, RolePlanner, false},
		{RoleViewer, RoleViewer, true},
		{Role(""), RoleViewer, false},
		{Role("root"), RoleViewer, false},
		{RoleAdmin, Role("root"), false},
	}
	for _, tc := range tests {
		if got := tc.have.Allows(tc.need); got != tc.want {
			t.Errorf("%q.Allows(%q) = %v, want %v", tc.have, tc.need, got, tc.want)
		}
	}
	for _, r := range []Role{RoleViewer, RolePlanner, RoleAdmin} {
		if !r.Valid() {
			t.Errorf("%q is not valid", r)
		}
	}
}
