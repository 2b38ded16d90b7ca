package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Role is what a user may do. Each role allows what the ones below it allow.
type Role string

// The roles, from least to most.
const (
	RoleViewer  Role = "viewer"  // reads maps, checkpoints and plans
	RolePlanner Role = "planner" // also edits checkpoints and plans
	RoleAdmin   Role = "admin"   // also manages users and imports
)

// rank orders the roles; 0 for an unknown one.
func (r Role) rank() int {
	switch r {
	case RoleViewer:
		return 1
	case RolePlanner:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// Allows reports whether a user with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r.Valid() && need.Valid() && r.rank() >= need.rank() }

// User is someone who may sign in with a token.
type User struct {
	Name      string
	Role      Role
	CreatedAt time.Time
}

// userDoc is a user as the audit log records it; tokens and their hashes never appear.
type userDoc struct {
	Name        string `json:"name"`
	Role        Role   `json:"role"`
	TokenIssued bool   `json:"token_issued,omitempty"`
}

// AddUser implements Store.
func (s *SQLite) AddUser(ctx context.Context, actor, name string, role Role) (User, string, error) {
	if err := validateUser(actor, name, role); err != nil {
		return User{}, "", err
	}
	u := User{Name: name, Role: role, CreatedAt: fromStamp(s.stamp())}
	token, hash := newToken()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := getUser(ctx, tx, name); err == nil {
			return fmt.Errorf("%w: user %s", ErrExists, name)
		} else if !isNotFound(err) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)`,
			name, string(role), u.CreatedAt.UnixMicro()); err != nil {
			return fmt.Errorf("store: add user: %w", err)
		}
		if err := s.insertToken(ctx, tx, name, hash); err != nil {
			return err
		}
		return s.audit(ctx, tx, userEntry(actor, name, ActionCreate), nil, userDoc{name, role, true})
	})
	if err != nil {
		return User{}, "", err
	}
	return u, token, nil
}

// NewToken implements Store.
func (s *SQLite) NewToken(ctx context.Context, actor, user string) (string, error) {
	if err := validateActor(actor); err != nil {
		return "", err
	}
	token, hash := newToken()
	err := s.write(ctx, func(tx *sql.Tx) error {
		u, err := getUser(ctx, tx, user)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE user_name = ?`, user); err != nil {
			return fmt.Errorf("store: revoke tokens: %w", err)
		}
		if err := s.insertToken(ctx, tx, user, hash); err != nil {
			return err
		}
		return s.audit(ctx, tx, userEntry(actor, user, ActionUpdate), userDoc{u.Name, u.Role, false}, userDoc{u.Name, u.Role, true})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// Users implements Store.
func (s *SQLite) Users(ctx context.Context) ([]User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name, role, created_at FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func getUser(ctx context.Context, q querier, name string) (User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT name, role, created_at FROM users WHERE name = ?`, name))
	if err != nil {
		return User{}, notFound(err, "user "+name)
	}
	return u, nil
}

func scanUser(row scanner) (User, error) {
	var u User
	var at int64
	err := row.Scan(&u.Name, &u.Role, &at)
	u.CreatedAt = fromStamp(at)
	return u, err
}

// validateUser checks the actor, name and role of a new user.
func validateUser(actor, name string, role Role) error {
	if err := validateActor(actor); err != nil {
		return err
	}
	if !validUserName(name) {
		return invalid("name", "want 1 to 64 of a-z, 0-9, '.', '_' and '-', got %q", name)
	}
	if !role.Valid() {
		return invalid("role", "want viewer, planner or admin, got %q", role)
	}
	return nil
}

func validUserName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func userEntry(actor, name, action string) AuditEntry {
	return AuditEntry{Actor: actor, Kind: AuditUser, Object: name, Action: action}
}
