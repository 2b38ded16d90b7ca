package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// AddUser implements Store.
func (s *Postgres) AddUser(ctx context.Context, actor, name string, role Role) (User, string, error) {
	if err := validateUser(actor, name, role); err != nil {
		return User{}, "", err
	}
	u := User{Name: name, Role: role, CreatedAt: s.stamp()}
	token, hash := newToken()
	err := s.write(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO users (name, role, created_at) VALUES ($1, $2, $3)`, name, string(role), u.CreatedAt)
		switch {
		case pgCode(err) == pgUniqueViolation:
			return fmt.Errorf("%w: user %s", ErrExists, name)
		case err != nil:
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

// NewToken implements Store. The user's row is locked, so two calls at once leave one token.
func (s *Postgres) NewToken(ctx context.Context, actor, user string) (string, error) {
	if err := validateActor(actor); err != nil {
		return "", err
	}
	token, hash := newToken()
	err := s.write(ctx, func(tx pgx.Tx) error {
		u, err := pgScanUser(tx.QueryRow(ctx, `SELECT name, role, created_at FROM users WHERE name = $1 FOR UPDATE`, user))
		if err != nil {
			return pgNotFound(err, "user "+user)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM tokens WHERE user_name = $1`, user); err != nil {
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
func (s *Postgres) Users(ctx context.Context) ([]User, error) {
	rows, err := s.pool.Query(ctx, `SELECT name, role, created_at FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (User, error) { return pgScanUser(row) })
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return out, nil
}

func pgScanUser(row pgx.Row) (User, error) {
	var u User
	err := row.Scan(&u.Name, &u.Role, &u.CreatedAt)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, err
}

func (s *Postgres) insertToken(ctx context.Context, tx pgx.Tx, user, hash string) error {
	if _, err := tx.Exec(ctx, `INSERT INTO tokens (hash, user_name, created_at) VALUES ($1, $2, $3)`,
		hash, user, s.stamp()); err != nil {
		return fmt.Errorf("store: add token: %w", err)
	}
	return nil
}

// Authenticate implements Store, as SQLite does: only the token's hash is looked up.
func (s *Postgres) Authenticate(ctx context.Context, token string) (User, error) {
	if len(token) != tokenLen || !strings.HasPrefix(token, TokenPrefix) {
		return User{}, ErrUnauthorized
	}
	var u User
	err := s.pool.QueryRow(ctx, `SELECT u.name, u.role, u.created_at
		FROM tokens t JOIN users u ON u.name = t.user_name WHERE t.hash = $1`, hashToken(token)).Scan(&u.Name, &u.Role, &u.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, ErrUnauthorized
	}
	if err != nil {
		return User{}, fmt.Errorf("store: authenticate: %w", err)
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return u, nil
}
