package geo

import (
	"cmp"
	"slices"
	"strings"
)

// VenueSearch finds venues by name, ignoring case and Vietnamese diacritics.
type VenueSearch struct {
	venues []Venue
	names  [][]string // folded names of each venue (Vietnamese, English)
}

// NewVenueSearch returns a search over venues.
func NewVenueSearch(venues []Venue) *VenueSearch {
	s := &VenueSearch{venues: venues, names: make([][]string, len(venues))}
	for i, v := range venues {
		s.names[i] = []string{Fold(v.Name)}
		if v.NameEn != "" {
			s.names[i] = append(s.names[i], Fold(v.NameEn))
		}
	}
	return s
}

// Match rank: lower is better.
const (
	rankExact = iota
	rankPrefix
	rankPhrase
	rankWords
	noMatch
)

// Find returns at most limit venues whose name matches q, best first: the whole name, then
// names that start with q, contain q, or contain every word of q as the start of a word.
func (s *VenueSearch) Find(q string, limit int) []Venue {
	fq := Fold(q)
	if fq == "" || limit <= 0 {
		return nil
	}
	words := strings.Fields(fq)
	type hit struct {
		i, rank int
	}
	var hits []hit
	for i, names := range s.names {
		best := noMatch
		for _, n := range names {
			best = min(best, rank(n, fq, words))
		}
		if best < noMatch {
			hits = append(hits, hit{i, best})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank),
			cmp.Compare(len(s.venues[a.i].Name), len(s.venues[b.i].Name)),
			strings.Compare(s.venues[a.i].ID, s.venues[b.i].ID))
	})
	out := make([]Venue, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, s.venues[h.i])
	}
	return out
}

func rank(name, q string, words []string) int {
	switch {
	case name == q:
		return rankExact
	case strings.HasPrefix(name, q):
		return rankPrefix
	case strings.Contains(" "+name, " "+q):
		return rankPhrase
	}
	nameWords := strings.Fields(name)
	for _, w := range words {
		if !slices.ContainsFunc(nameWords, func(n string) bool { return strings.HasPrefix(n, w) }) {
			return noMatch
		}
	}
	return rankWords
}
