package server

import (
	"crypto/sha256"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/chotmap/chot/store"
	"github.com/gin-gonic/gin"
)

// Failed logins are limited per client address: after maxFailures within failureWindow the
// address gets 429 until the window ends.
const (
	maxFailures   = 10
	failureWindow = time.Minute
)

var (
	errNoToken   = errors.New("a bearer token is required: Authorization: Bearer <token>")
	errBadToken  = errors.New("the token is not valid")
	errForbidden = errors.New("your role does not allow this")
	errTooMany   = errors.New("too many failed logins from this address; try again in a minute")
)

// userKey is where auth puts the user in the Gin context.
const userKey = "chot.user"

// auth lets a request through when its bearer token belongs to a user whose role allows
// need. Without a store the server is open and everything passes.
func (s *Server) auth(need store.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.store == nil {
			c.Next()
			return
		}
		ip := c.ClientIP()
		if s.failures.blocked(ip) {
			s.fail(c, errTooMany)
			return
		}
		token, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok || token == "" {
			s.fail(c, errNoToken)
			return
		}
		u, err := s.authenticate(c, strings.TrimSpace(token))
		if err != nil {
			if errors.Is(err, store.ErrUnauthorized) {
				s.failures.add(ip)
				err = errBadToken
			}
			s.fail(c, err)
			return
		}
		if !u.Role.Allows(need) {
			s.fail(c, errForbidden)
			return
		}
		c.Set(userKey, u)
		c.Next()
	}
}

// tokenTTL is how long a checked token is trusted without asking the store again: a revoked
// token stops working within it.
const tokenTTL = 10 * time.Second

// authenticate checks a token, from the cache of recently checked ones or the store.
func (s *Server) authenticate(c *gin.Context, token string) (store.User, error) {
	sum := sha256.Sum256([]byte(token))
	key := string(sum[:])
	s.tokens.mu.Lock()
	e, ok := s.tokens.by[key]
	s.tokens.mu.Unlock()
	if ok && time.Now().Before(e.until) {
		return e.user, nil
	}
	u, err := s.store.Authenticate(c.Request.Context(), token)
	if err != nil {
		return u, err
	}
	s.tokens.mu.Lock()
	if len(s.tokens.by) > 10_000 {
		clear(s.tokens.by)
	}
	s.tokens.by[key] = tokenEntry{u, time.Now().Add(tokenTTL)}
	s.tokens.mu.Unlock()
	return u, nil
}

// tokenCache remembers checked tokens by their hash.
type tokenCache struct {
	mu sync.Mutex
	by map[string]tokenEntry
}

type tokenEntry struct {
	user  store.User
	until time.Time
}

// actor names the user of the request for the audit log.
func actor(c *gin.Context) string {
	if u, ok := c.Get(userKey); ok {
		return u.(store.User).Name
	}
	return "anonymous"
}

// failures counts failed logins per address in fixed windows.
type failures struct {
	mu sync.Mutex
	by map[string]*window
}

type window struct {
	start time.Time
	n     int
}

func newFailures() *failures { return &failures{by: map[string]*window{}} }

func (f *failures) add(ip string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.by[ip]
	if !ok || time.Since(w.start) > failureWindow {
		w = &window{start: time.Now()}
		f.by[ip] = w
	}
	w.n++
	if len(f.by) > 10_000 { // forget old windows rather than grow without end
		for k, v := range f.by {
			if time.Since(v.start) > failureWindow {
				delete(f.by, k)
			}
		}
	}
}

func (f *failures) blocked(ip string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.by[ip]
	return ok && time.Since(w.start) <= failureWindow && w.n >= maxFailures
}
