package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/chotmap/chot/geo"
	"github.com/chotmap/chot/plan"
	"github.com/chotmap/chot/routing"
	"github.com/chotmap/chot/store"
	"github.com/gin-gonic/gin"
)

// The error codes of the API's error body.
const (
	codeInvalidParameter = "invalid_parameter"
	codeUnknownCity      = "unknown_city"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeInternal         = "internal"
	codeNoRoute          = "no_route"
	codeTooFar           = "too_far_from_road"
	codeUnauthorized     = "unauthorized"
	codeForbidden        = "forbidden"
	codeTooMany          = "too_many_attempts"
	codeConflict         = "conflict"
	codeExists           = "exists"
)

var (
	errNoRoute  = errors.New("no such endpoint")
	errNoMethod = errors.New("method not allowed on this endpoint")
)

// ParamError is a bad query or path parameter; it renders as 400 naming the parameter.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string { return e.Param + ": " + e.Msg }

func paramErrorf(param, format string, args ...any) error {
	return &ParamError{Param: param, Msg: fmt.Sprintf(format, args...)}
}

type unknownCityError struct{ id string }

func (e *unknownCityError) Error() string { return fmt.Sprintf("unknown city %q", e.id) }

// errorBody is the one JSON shape of every error: {"error": {"code": ..., "message": ...}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail renders err with its status and code. It is the only place that maps errors to
// statuses; errors it does not know are 500s, logged, with a message that reveals nothing.
func (s *Server) fail(c *gin.Context, err error) {
	status, code, msg := classify(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	}
	c.AbortWithStatusJSON(status, errorBody{errorDetail{Code: code, Message: msg}})
}

func classify(err error) (status int, code, msg string) {
	var pe *ParamError
	var uc *unknownCityError
	var fe *plan.FieldError
	switch {
	case errors.As(err, &pe):
		return http.StatusBadRequest, codeInvalidParameter, pe.Error()
	case errors.As(err, &fe):
		return http.StatusBadRequest, codeInvalidParameter, fe.Error()
	case errors.As(err, &uc):
		return http.StatusNotFound, codeUnknownCity, uc.Error()
	case errors.Is(err, errNoRoute), errors.Is(err, geo.ErrNotFound):
		return http.StatusNotFound, codeNotFound, err.Error()
	case errors.Is(err, errNoMethod):
		return http.StatusMethodNotAllowed, codeMethodNotAllowed, err.Error()
	case errors.Is(err, errNoToken), errors.Is(err, errBadToken):
		return http.StatusUnauthorized, codeUnauthorized, err.Error()
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, codeForbidden, err.Error()
	case errors.Is(err, errTooMany):
		return http.StatusTooManyRequests, codeTooMany, err.Error()
	case errors.Is(err, store.ErrStale):
		return http.StatusConflict, codeConflict, err.Error()
	case errors.Is(err, store.ErrExists):
		return http.StatusConflict, codeExists, err.Error()
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, codeNotFound, err.Error()
	case errors.Is(err, store.ErrInvalid):
		return http.StatusBadRequest, codeInvalidParameter, err.Error()
	case errors.Is(err, routing.ErrNoRoute):
		return http.StatusUnprocessableEntity, codeNoRoute, err.Error()
	case errors.Is(err, routing.ErrTooFar):
		return http.StatusBadRequest, codeTooFar, err.Error()
	case errors.Is(err, routing.ErrBadClosure), errors.Is(err, routing.ErrBadRequest):
		return http.StatusBadRequest, codeInvalidParameter, err.Error()
	}
	return http.StatusInternalServerError, codeInternal, "internal error"
}
