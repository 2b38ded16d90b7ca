package store

import (
	"errors"
	"fmt"
)

// Errors a Store returns, matched with errors.Is. They are wrapped with the object they are about.
var (
	// ErrNotFound: no checkpoint, plan or user with that id.
	ErrNotFound = errors.New("store: not found")
	// ErrExists: the id or name is taken.
	ErrExists = errors.New("store: already exists")
	// ErrStale: the write was based on a version that is no longer the current one.
	ErrStale = errors.New("store: stale version")
	// ErrUnauthorized: the token is missing, malformed, unknown or revoked.
	ErrUnauthorized = errors.New("store: unauthorized")
	// ErrInvalid: the input breaks a rule; the error is a *ValidationError naming the field.
	ErrInvalid = errors.New("store: invalid")
)

// ValidationError says which row and field of a write is wrong. It matches ErrInvalid.
type ValidationError struct {
	Row   int    // index in an import or seed, -1 for a single write
	Field string // e.g. "officers", "radius_m", "body"
	Msg   string
}

// Error returns e as "store: invalid: [checkpoints[i]: ]field: message".
func (e *ValidationError) Error() string {
	s := ErrInvalid.Error() + ": "
	if e.Row >= 0 {
		s += fmt.Sprintf("checkpoints[%d]: ", e.Row)
	}
	return s + e.Field + ": " + e.Msg
}

// Is reports whether target is ErrInvalid.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// invalid returns a *ValidationError about a single write's field.
func invalid(field, format string, args ...any) error {
	return &ValidationError{Row: -1, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// inRow returns err placed at row i of a list, when it is a *ValidationError.
func inRow(err error, i int) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		c := *ve
		c.Row = i
		return &c
	}
	return err
}

// stale is ErrStale about what, stating the current version against the one sent.
func stale(what string, current, sent int64) error {
	return fmt.Errorf("%w: %s is at version %d, not %d", ErrStale, what, current, sent)
}
