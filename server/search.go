package server

import (
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb/geojson"
)

// searchVenues answers GET /api/cities/{city}/venues/search?q=&limit=, ignoring case and
// diacritics, as a FeatureCollection best match first.
func (s *Server) searchVenues(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	q := c.Query("q")
	if q == "" {
		return paramErrorf("q", "missing")
	}
	if !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxQuery {
		return paramErrorf("q", "want valid text of at most %d characters", maxQuery)
	}
	limit, err := intParam("limit", c.Query("limit"), 10, 1, maxLimit)
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for _, v := range st.search.Find(q, limit) {
		fc.Append(v.Feature())
	}
	c.JSON(http.StatusOK, fc)
	return nil
}
