package osmimport

import (
	"errors"
	"strings"
)

// Errors ImportFile returns, matched with errors.Is; the returned error adds the detail.
var (
	ErrInvalidID    = errors.New("osmimport: invalid city id")
	ErrInvalidBound = errors.New("osmimport: invalid bound")
	ErrFormat       = errors.New("osmimport: unknown file extension")
	ErrEmpty        = errors.New("osmimport: nothing to import: no roads, venues or checkpoints")
)

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
