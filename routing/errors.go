package routing

import "errors"

// Errors a query can return; the server maps them to status codes.
var (
	ErrUnknownProfile = errors.New("routing: unknown profile")
	ErrUnknownMetric  = errors.New("routing: unknown metric")
	ErrNoRoute        = errors.New("routing: no route")
	ErrTooFar         = errors.New("routing: too far from any road")
	ErrBadRequest     = errors.New("routing: bad request")
	ErrBadClosure     = errors.New("routing: bad closure")
)
