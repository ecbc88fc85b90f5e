// Package pwhash hashes passwords with argon2id (RFC 9106) in the PHC string
// format: $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>.
package pwhash

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id implements account.Hasher.
type Argon2id struct {
	MemoryKiB uint32
	Passes    uint32
	Lanes     uint8
}

// Default parameters follow the OWASP recommendation (≥ 19 MiB, 2 passes)
// with headroom: 32 MiB, 2 passes, 1 lane (~50–100 ms on a counter PC).
func Default() Argon2id { return Argon2id{MemoryKiB: 32 * 1024, Passes: 2, Lanes: 1} }

var b64 = base64.RawStdEncoding

// Hash returns the PHC string of password with a random 16-byte salt.
func (a Argon2id) Hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, a.Passes, a.MemoryKiB, a.Lanes, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, a.MemoryKiB, a.Passes, a.Lanes, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrFormat is returned for a hash that is not an argon2id PHC string.
var ErrFormat = errors.New("not an argon2id password hash")

// Verify checks password against a PHC string, using the parameters stored
// in it (so old hashes keep working after a parameter change).
func (Argon2id) Verify(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrFormat
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, ErrFormat
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<22 {
		return false, ErrFormat
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrFormat
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 {
		return false, ErrFormat
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
