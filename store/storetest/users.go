package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chotmap/chot/store"
)

func testUsers(t *testing.T, s store.Store) {
	ctx := context.Background()
	u, token, err := s.AddUser(ctx, "root", "nguyen.van.a", store.RolePlanner)
	if err != nil || u.Name != "nguyen.van.a" || u.Role != store.RolePlanner || u.CreatedAt.IsZero() {
		t.Fatalf("AddUser = %+v, %v", u, err)
	}
	if !strings.HasPrefix(token, store.TokenPrefix) || len(token) != len(store.TokenPrefix)+43 {
		t.Fatalf("token %q: want chot_ and 43 base64url characters", token)
	}
	_, _, err = s.AddUser(ctx, "root", "nguyen.van.a", store.RoleAdmin)
	wantErr(t, "add twice", err, store.ErrExists)
	_, _, err = s.AddUser(ctx, "root", "tran.b", store.Role("god"))
	wantInvalid(t, "bad role", err, -1, "role")
	_, _, err = s.AddUser(ctx, "root", "Trần B", store.RoleViewer)
	wantInvalid(t, "bad name", err, -1, "name")
	if _, _, err := s.AddUser(ctx, "root", "le.c", store.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 2 || us[0].Name != "le.c" || us[1].Name != "nguyen.van.a" {
		t.Fatalf("Users = %+v, %v", us, err)
	}
	es, _ := s.Audit(ctx, "", 0)
	if len(es) != 2 || es[1].Kind != store.AuditUser || es[1].Object != "nguyen.van.a" || es[1].Actor != "root" {
		t.Fatalf("user audit: %+v", es)
	}
	for _, e := range es {
		if strings.Contains(string(e.After), token[len(store.TokenPrefix):]) {
			t.Fatalf("the audit log holds a token: %s", e.After)
		}
	}
}

func testTokens(t *testing.T, s store.Store) {
	ctx := context.Background()
	_, token, err := s.AddUser(ctx, "root", "pham.d", store.RoleViewer)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := s.Authenticate(ctx, token); err != nil || u.Name != "pham.d" || u.Role != store.RoleViewer {
		t.Fatalf("Authenticate = %+v, %v", u, err)
	}
	flipped := []byte(token)
	flipped[len(flipped)-1] ^= 1
	for _, bad := range []string{"", "chot_", token[:len(token)-1], string(flipped), strings.ToUpper(token), "Bearer " + token} {
		_, err := s.Authenticate(ctx, bad)
		wantErr(t, "Authenticate("+bad+")", err, store.ErrUnauthorized)
	}
	fresh, err := s.NewToken(ctx, "root", "pham.d")
	if err != nil || fresh == token {
		t.Fatalf("NewToken = %q, %v", fresh, err)
	}
	if u, err := s.Authenticate(ctx, fresh); err != nil || u.Name != "pham.d" {
		t.Fatalf("Authenticate(new token) = %+v, %v", u, err)
	}
	_, err = s.Authenticate(ctx, token)
	wantErr(t, "the revoked token", err, store.ErrUnauthorized)
	_, err = s.NewToken(ctx, "root", "nobody")
	wantErr(t, "token for nobody", err, store.ErrNotFound)
}
