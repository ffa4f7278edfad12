package reservation

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// NewPurchaseToken returns the ClientToken of one logical purchase: every
// retry of it, in this apply or the next when its outcome is unknown, must
// send the same token.
func NewPurchaseToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "ecsri-" + hex.EncodeToString(b)
}

// RenewalToken derives the ClientToken of one renewal call from what it
// renews: the RIs, the expiry each has before it, and the term added. A
// repeat of the same logical renewal, in this apply or the next, sends the
// same token, so the service answers with the first call's result instead of
// renewing again; once the renewal has happened the expiries differ, and so
// would any new renewal's token.
func RenewalToken(expiries map[string]string, term Term) string {
	ids := make([]string, 0, len(expiries))
	for id := range expiries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "%s@%s;", id, expiries[id])
	}
	fmt.Fprintf(&b, "+%d%s", term.Period, term.Unit)
	sum := sha256.Sum256([]byte(b.String()))
	return "ecsri-renew-" + hex.EncodeToString(sum[:20])
}
