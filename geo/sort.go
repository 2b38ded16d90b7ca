package geo

import (
	"cmp"
	"slices"
)

// sortBy sorts s by the key key returns, keeping the order of equal keys.
func sortBy[T any, K cmp.Ordered](s []T, key func(T) K) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
