package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/chotmap/chot/geo"
)

// Limits on what a write may hold.
const (
	MaxTextLen  = 200     // runes in a name or unit
	MaxNoteLen  = 2000    // runes in a checkpoint's note
	MaxPlanSize = 1 << 20 // bytes in a plan body or result
)

// validateCity checks a city id as geo.ValidID does.
func validateCity(city string) error {
	if !geo.ValidID(city) {
		return invalid("city", "want 1 to 64 of a-z, 0-9 and '-', got %q", city)
	}
	return nil
}

// validateActor checks that a write names who makes it.
func validateActor(actor string) error {
	if strings.TrimSpace(actor) == "" || !utf8.ValidString(actor) || strings.ContainsRune(actor, 0) || len(actor) > 200 {
		return invalid("actor", "want a name, got %q", actor)
	}
	return nil
}

// validateCheckpoint checks every field of cp against the map's rules.
func validateCheckpoint(cp geo.Checkpoint) error {
	if !geo.ValidID(cp.ID) {
		return invalid("id", "want 1 to 64 of a-z, 0-9 and '-', got %q", cp.ID)
	}
	if !geo.ValidCheckpointKind(cp.Kind) {
		return invalid("kind", "want one of %s, got %q", strings.Join(geo.CheckpointKinds, ", "), cp.Kind)
	}
	if err := validateText("name", cp.Name, MaxTextLen, true); err != nil {
		return err
	}
	if err := validateText("unit", cp.Unit, MaxTextLen, true); err != nil {
		return err
	}
	if err := validateText("note", cp.Note, MaxNoteLen, false); err != nil {
		return err
	}
	least := 1
	if cp.Kind == "camera" {
		least = 0
	}
	if cp.Officers < least || cp.Officers > geo.MaxOfficers {
		return invalid("officers", "want %d to %d at a %s, got %d", least, geo.MaxOfficers, cp.Kind, cp.Officers)
	}
	if !(cp.RadiusM >= geo.MinRadiusM && cp.RadiusM <= geo.MaxRadiusM) { // NaN fails too
		return invalid("radius_m", "want %d to %d metres, got %v", geo.MinRadiusM, geo.MaxRadiusM, cp.RadiusM)
	}
	p := cp.Point
	if !geo.ValidPoint(p) {
		return invalid("point", "want lon -180 to 180 and lat -90 to 90, got [%v, %v]", p[0], p[1])
	}
	if p[0] == 0 && p[1] == 0 {
		return invalid("point", "missing: got [0, 0]")
	}
	return nil
}

// validateCheckpoints checks each row and that no id appears twice, naming the row.
func validateCheckpoints(cps []geo.Checkpoint) error {
	seen := make(map[string]int, len(cps))
	for i, cp := range cps {
		if err := validateCheckpoint(cp); err != nil {
			return inRow(err, i)
		}
		if j, dup := seen[cp.ID]; dup {
			return &ValidationError{Row: i, Field: "id", Msg: fmt.Sprintf("%q repeats row %d", cp.ID, j)}
		}
		seen[cp.ID] = i
	}
	return nil
}

// validateText checks a free-text field: valid UTF-8, at most max runes, non-blank if required.
func validateText(field, s string, max int, required bool) error {
	switch {
	case !utf8.ValidString(s):
		return invalid(field, "not valid UTF-8")
	case strings.ContainsRune(s, 0):
		return invalid(field, "contains a NUL character")
	case required && strings.TrimSpace(s) == "":
		return invalid(field, "empty")
	case utf8.RuneCountInString(s) > max:
		return invalid(field, "want at most %d characters, got %d", max, utf8.RuneCountInString(s))
	}
	return nil
}

// validateJSONObject checks that b is one JSON object of at most MaxPlanSize bytes.
func validateJSONObject(field string, b []byte) error {
	if len(b) > MaxPlanSize {
		return invalid(field, "want at most %d bytes, got %d", MaxPlanSize, len(b))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
		return invalid(field, "want a JSON object")
	}
	return nil
}

// ValidateCheckpoint checks a checkpoint as every write does: a *ValidationError (ErrInvalid)
// naming the field, or nil.
func ValidateCheckpoint(cp geo.Checkpoint) error { return validateCheckpoint(cp) }
