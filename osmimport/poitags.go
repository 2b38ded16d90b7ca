package osmimport

import (
	"github.com/chotmap/chot/geo"
	"github.com/paulmach/osm"
)

// CheckpointNote is the note on every imported checkpoint: OSM does not say how many officers
// a police or fire station has, so each gets 1 until a planner knows better.
const CheckpointNote = "số cán bộ chưa rõ (OSM không có)"

// CheckpointRadiusM is the radius every imported checkpoint watches.
const CheckpointRadiusM = 300

// venueKind returns the venue kind (one of geo.VenueKinds) the tags describe, or "".
// The first matching rule wins.
func venueKind(t osm.Tags) string {
	amenity, historic, tourism := t.Find("amenity"), t.Find("historic"), t.Find("tourism")
	switch {
	case t.Find("aeroway") == "aerodrome":
		return "airport"
	case tourism == "hotel":
		return "hotel"
	case amenity == "conference_centre" || t.Find("building") == "conference_centre":
		return "conference_centre"
	case t.Find("office") == "government" || amenity == "townhall":
		return "government"
	case historic == "monument" || historic == "memorial":
		return "monument"
	case t.Find("leisure") == "stadium":
		return "stadium"
	case tourism == "museum":
		return "museum"
	case amenity == "hospital":
		return "hospital"
	case t.Find("railway") == "station" || t.Find("public_transport") == "station" && t.Find("train") == "yes":
		return "station"
	case t.Find("place") == "square":
		return "square"
	case historic != "" && historic != "no", t.Find("heritage") != "" && t.Find("heritage") != "no":
		return "heritage"
	}
	return ""
}

// checkpointKind returns the checkpoint kind (one of geo.CheckpointKinds) of a police or
// fire station, or "".
func checkpointKind(t osm.Tags) string {
	switch t.Find("amenity") {
	case "fire_station":
		return "fire_rescue"
	case "police":
		return "security_post"
	}
	return ""
}

// interesting reports whether the tags make a venue or a checkpoint.
func interesting(t osm.Tags) bool {
	return len(t) > 0 && (checkpointKind(t) != "" || venueKind(t) != "")
}

// name returns the Vietnamese name: name:vi, else name.
func name(t osm.Tags) string {
	if n := t.Find("name:vi"); n != "" {
		return n
	}
	return t.Find("name")
}

// venue reads tags as a venue with the given id (without its point). ok is false when the
// tags make no venue; reason says why a venue was refused ("" when there is no venue at all).
func venue(t osm.Tags, id string) (v geo.Venue, ok bool, reason string) {
	kind := venueKind(t)
	if kind == "" {
		return v, false, ""
	}
	n := name(t)
	if n == "" {
		return v, false, "venue: no name"
	}
	return geo.Venue{ID: id, Kind: kind, Name: n, NameEn: t.Find("name:en")}, true, ""
}

// checkpoint reads tags as a checkpoint for the element with the given id ("n12", "w34"),
// without its point.
func checkpoint(t osm.Tags, id string) (geo.Checkpoint, bool) {
	kind := checkpointKind(t)
	if kind == "" {
		return geo.Checkpoint{}, false
	}
	n := name(t)
	if n == "" {
		n = map[string]string{"fire_rescue": "Trạm cứu hỏa ", "security_post": "Đồn công an "}[kind] + id
	}
	unit := t.Find("operator")
	if unit == "" {
		unit = n
	}
	return geo.Checkpoint{ID: "cp-" + id, Kind: kind, Name: n, Unit: unit, Officers: 1,
		RadiusM: CheckpointRadiusM, Note: CheckpointNote}, true
}
