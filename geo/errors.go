package geo

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a feature with the asked id does not exist.
var ErrNotFound = errors.New("geo: not found")

// ValidationError says which file, feature and field of a map is wrong.
type ValidationError struct {
	File    string // e.g. "roads.geojson"
	Feature int    // index in the FeatureCollection, -1 for the file as a whole
	Field   string // property or member name, "" when the feature as a whole is wrong
	Msg     string
}

func (e *ValidationError) Error() string {
	s := e.File + ": "
	if e.Feature >= 0 {
		s += fmt.Sprintf("feature %d: ", e.Feature)
	}
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Msg
}
