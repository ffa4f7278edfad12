package core

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Paging over RIs, for the list calls of every cloud that page with an
// opaque token: the token names the creation sequence of the last RI
// returned, so that paging stays stable while RIs are added.

// PageOf cuts the first page of size out of matched and returns the token
// of the next one, empty when there is none.
func PageOf(matched []*ReservedInstance, size int) ([]ReservedInstance, string) {
	items := make([]ReservedInstance, 0, min(size, len(matched)))
	for _, ri := range matched[:min(size, len(matched))] {
		items = append(items, ri.Clone())
	}
	if len(matched) <= size {
		return items, ""
	}
	return items, EncodePageToken(items[len(items)-1].Seq)
}

// EncodePageToken is the token of the page after the RI numbered seq.
func EncodePageToken(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("after:" + strconv.FormatInt(seq, 10)))
}

// DecodePageToken returns the sequence a token names; an empty token
// starts from the beginning.
func DecodePageToken(token string) (int64, bool) {
	if token == "" {
		return 0, true
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(raw), "after:")
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseInt(rest, 10, 64)
	return seq, err == nil && seq >= 0
}
