package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Credential is one key pair the emulator accepts, on both clouds. A
// non-empty SecurityToken makes it a temporary (STS) credential: every
// request signed with it must carry that token.
type Credential struct {
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	SecurityToken   string `json:"security_token,omitempty"`
}

// Both gateways accept request timestamps within this window of their own
// clock (Alibaba also remembers nonces for as long).
const SignatureWindow = 15 * time.Minute

// Keyring looks credentials up by access key ID.
type Keyring map[string]Credential

func NewKeyring(creds []Credential) Keyring {
	k := Keyring{}
	for _, c := range creds {
		k[c.AccessKeyID] = c
	}
	return k
}

func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func HMACSHA256(key []byte, data string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(data))
	return mac.Sum(nil)
}
