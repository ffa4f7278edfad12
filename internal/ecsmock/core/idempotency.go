package core

import "unicode"

// idempotencyRecord remembers the answer to a call that carried a
// ClientToken, and what that call asked for.
type idempotencyRecord struct {
	Digest   string         `json:"digest"`
	Response map[string]any `json:"response"`
}

// IdempotencyKey scopes a token to its cloud and action.
func IdempotencyKey(p Profile, action, token string) string {
	return p.scope("|") + action + "|" + token
}

// Replayed looks a token up: found is false for a new token; otherwise the
// stored answer is returned when the call asks for the same thing, and
// mismatch is set when it does not.
func (st *Store) Replayed(key, digest string) (answer map[string]any, found, mismatch bool) {
	rec, ok := st.Idempotency[key]
	if !ok {
		return nil, false, false
	}
	if rec.Digest != digest {
		return nil, true, true
	}
	return rec.Response, true, false
}

// Remember stores the answer to a call that carried a token.
func (st *Store) Remember(key, digest string, answer map[string]any) {
	st.Idempotency[key] = idempotencyRecord{Digest: digest, Response: answer}
}

// ValidClientToken is the rule both clouds document: ASCII, at most 64
// characters.
func ValidClientToken(t string) bool {
	if len(t) > 64 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] > unicode.MaxASCII {
			return false
		}
	}
	return true
}
