package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/chotmap/chot/tiles"
	"github.com/gin-gonic/gin"
)

// tileCacheSize is how many rendered tiles the server keeps.
const tileCacheSize = 20_000

// tile answers GET /tiles/{city}/{z}/{x}/{y}.mvt: a gzipped vector tile with an ETag, 204
// when the tile is empty, 400 for a tile that does not exist.
func (s *Server) tile(c *gin.Context) error {
	st, err := s.city(c)
	if err != nil {
		return err
	}
	var zxy [3]int
	for i, name := range []string{"z", "x", "y"} {
		raw := c.Param(name)
		if name == "y" {
			var ok bool
			if raw, ok = strings.CutSuffix(raw, ".mvt"); !ok {
				return paramErrorf("y", "want {y}.mvt, got %q", clip(c.Param("y")))
			}
		}
		n, err := strconv.Atoi(raw)
		if err != nil {
			return paramErrorf(name, "want a whole number, got %q", clip(raw))
		}
		zxy[i] = n
	}
	t, err := s.tiles.Get(st.tiles, zxy[0], zxy[1], zxy[2])
	if err != nil {
		if errors.Is(err, tiles.ErrBadTile) {
			return paramErrorf("tile", "%v", err)
		}
		return err
	}
	c.Header("Cache-Control", "public, max-age=300")
	if t.Data == nil {
		c.Status(http.StatusNoContent)
		return nil
	}
	c.Header("ETag", t.ETag)
	if c.GetHeader("If-None-Match") == t.ETag {
		c.Status(http.StatusNotModified)
		return nil
	}
	c.Header("Content-Encoding", "gzip")
	c.Data(http.StatusOK, "application/vnd.mapbox-vector-tile", t.Data)
	return nil
}

// tileJSON answers GET /tiles/{city}.json.
func (s *Server) tileJSON(c *gin.Context) error {
	return s.cityDocument(c, func(st *cityState) any { return tiles.TileJSON(st.city, baseURL(c), st.version) })
}

// style answers GET /styles/{city}.json: the city's MapLibre style.
func (s *Server) style(c *gin.Context) error {
	return s.cityDocument(c, func(st *cityState) any { return tiles.Style(st.city, baseURL(c)) })
}

// cityDocument answers a {city}.json path with a document of the city that must not be
// cached (its tile URLs change with every edit).
func (s *Server) cityDocument(c *gin.Context, doc func(*cityState) any) error {
	id, ok := strings.CutSuffix(c.Param("city"), ".json")
	if !ok {
		return errNoRoute
	}
	st := s.cityByID(id)
	if st == nil {
		return &unknownCityError{id: id}
	}
	c.Header("Cache-Control", "no-cache")
	c.JSON(http.StatusOK, doc(st))
	return nil
}

// baseURL is the scheme and host the client used, for absolute URLs in TileJSON and styles.
func baseURL(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
