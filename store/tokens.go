package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// TokenPrefix starts every token, so a leaked one is easy to recognise (and to scan for).
const TokenPrefix = "chot_"

// tokenLen is the length of a token: the prefix and 32 random bytes in unpadded base64url.
const tokenLen = len(TokenPrefix) + (32*8+5)/6

// newToken returns a fresh token and the hash under which it is stored.
func newToken() (token, hash string) {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return token, hashToken(token)
}

// hashToken is the hex SHA-256 of a token. A token holds 256 random bits, so a plain hash
// (no salt, no slow KDF) is enough: it cannot be guessed from its hash.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func (s *SQLite) insertToken(ctx context.Context, tx *sql.Tx, user, hash string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO tokens (hash, user_name, created_at) VALUES (?, ?, ?)`,
		hash, user, s.stamp()); err != nil {
		return fmt.Errorf("store: add token: %w", err)
	}
	return nil
}

// Authenticate implements Store. Only the token's SHA-256 is looked up (by its index), so
// the lookup's timing reveals nothing usable about the token itself.
func (s *SQLite) Authenticate(ctx context.Context, token string) (User, error) {
	if len(token) != tokenLen || !strings.HasPrefix(token, TokenPrefix) {
		return User{}, ErrUnauthorized
	}
	var u User
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT u.name, u.role, u.created_at
		FROM tokens t JOIN users u ON u.name = t.user_name WHERE t.hash = ?`, hashToken(token)).Scan(&u.Name, &u.Role, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrUnauthorized
	}
	if err != nil {
		return User{}, fmt.Errorf("store: authenticate: %w", err)
	}
	u.CreatedAt = fromStamp(at)
	return u, nil
}
