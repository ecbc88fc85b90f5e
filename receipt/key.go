package receipt

import (
	"bufio"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// KeyIDLen is the length of a key id in hex digits.
const KeyIDLen = 8

// Key is a desk's signing key, or a trusted public key of another desk
// (Private nil).
type Key struct {
	// ID is KeyIDOf(Public).
	ID string
	// Name says whose key it is ("Quầy 03 – TTPVHCC xã Đông Sơn").
	Name    string
	Public  ed25519.PublicKey
	Private ed25519.PrivateKey
}

// KeyIDOf returns the id of a public key: the first 8 lower-case hex
// digits of its SHA-256.
func KeyIDOf(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:KeyIDLen/2])
}

// NewKey creates a key pair from rand (crypto/rand.Reader in production)
// named name.
func NewKey(rand io.Reader, name string) (Key, error) {
	name = strings.TrimSpace(name)
	if err := checkName(name); err != nil {
		return Key{}, err
	}
	if rand == nil {
		return Key{}, errors.New("new key: no random source")
	}
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return Key{}, fmt.Errorf("new key: %w", err)
	}
	return Key{ID: KeyIDOf(pub), Name: name, Public: pub, Private: priv}, nil
}

// checkName accepts 1–100 characters without control characters (the
// export format is one line).
func checkName(name string) error {
	switch {
	case name == "":
		return errors.New("key name is empty")
	case !utf8.ValidString(name):
		return errors.New("key name is not valid UTF-8")
	case utf8.RuneCountInString(name) > 100:
		return errors.New("key name is longer than 100 characters")
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("key name %q contains a control character", name)
		}
	}
	return nil
}

// CanSign reports whether k holds a private key matching its public key.
func (k Key) CanSign() bool {
	if len(k.Private) != ed25519.PrivateKeySize || len(k.Public) != ed25519.PublicKeySize {
		return false
	}
	return k.Private.Public().(ed25519.PublicKey).Equal(k.Public)
}

// PublicOnly returns k without its private key.
func (k Key) PublicOnly() Key {
	k.Private = nil
	return k
}

// exportMagic starts every exported public key line.
const exportMagic = "motcua-key"

// PublicLine is the export format of the public key, one line without the
// newline:
//
//	motcua-key v1 KEYID BASE64PUB NAME
//
// BASE64PUB is the 32-byte key in standard base64 (44 characters); NAME is
// the rest of the line and may contain spaces.
func (k Key) PublicLine() string {
	return exportMagic + " v1 " + k.ID + " " + base64.StdEncoding.EncodeToString(k.Public) + " " + k.Name
}

// ParsePublicKey parses one PublicLine. It checks that the id matches the
// key, so a typo or a tampered line is refused with the reason.
func ParsePublicKey(line string) (Key, error) {
	line = strings.TrimRight(line, "\r\n")
	f := strings.SplitN(line, " ", 5)
	if len(f) < 5 || f[0] != exportMagic {
		return Key{}, fmt.Errorf("not a motcua public key line (want %q)", "motcua-key v1 KEYID BASE64PUB NAME")
	}
	if f[1] != "v1" {
		return Key{}, fmt.Errorf("unsupported key format version %q (this program reads v1)", f[1])
	}
	if !validKeyID(f[2]) {
		return Key{}, fmt.Errorf("key id %q must be %d lower-case hex digits", f[2], KeyIDLen)
	}
	pub, err := base64.StdEncoding.Strict().DecodeString(f[3])
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return Key{}, fmt.Errorf("key %s: the public key must be %d bytes in standard base64", f[2], ed25519.PublicKeySize)
	}
	if id := KeyIDOf(pub); id != f[2] {
		return Key{}, fmt.Errorf("key %s: the id does not match the public key (its id is %s); the line was altered", f[2], id)
	}
	name := strings.TrimSpace(f[4])
	if err := checkName(name); err != nil {
		return Key{}, fmt.Errorf("key %s: %w", f[2], err)
	}
	return Key{ID: f[2], Name: name, Public: ed25519.PublicKey(pub)}, nil
}

// ParsePublicKeys reads a file of PublicLine lines. Blank lines and lines
// starting with '#' are skipped. Errors name the line number; a key
// listed twice is an error.
func ParsePublicKeys(r io.Reader) ([]Key, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64*1024)
	var keys []Key
	seen := map[string]bool{}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := ParsePublicKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if seen[k.ID] {
			return nil, fmt.Errorf("line %d: key %s is listed twice", n, k.ID)
		}
		seen[k.ID] = true
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	if len(keys) == 0 {
		return nil, errors.New("no public key found (want lines \"motcua-key v1 KEYID BASE64PUB NAME\")")
	}
	return keys, nil
}

func validKeyID(s string) bool {
	if len(s) != KeyIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Key record origins.
const (
	OriginLocal    = "local"    // created on this desk
	OriginImported = "imported" // another desk's or the hub's public key
)

// Record is the JSON document stored under the key id in the desk
// database's keys bucket. The desk's own record carries the private seed.
//
// The record itself holds the seed in the clear; protecting it at rest is
// the store's job (store.PutKey seals the whole document when the database
// has a Sealer).
type Record struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Public string `json:"public"` // 32 bytes, standard base64
	// Private is the 32-byte Ed25519 seed in standard base64, only on the
	// desk's own key.
	Private string    `json:"private,omitempty"`
	Origin  string    `json:"origin"`
	AddedAt time.Time `json:"added_at"`
}

// Record returns the storage record of k, added at the given time.
func (k Key) Record(origin string, at time.Time) Record {
	r := Record{ID: k.ID, Name: k.Name, Public: base64.StdEncoding.EncodeToString(k.Public), Origin: origin, AddedAt: at}
	if len(k.Private) == ed25519.PrivateKeySize {
		r.Private = base64.StdEncoding.EncodeToString(k.Private.Seed())
	}
	return r
}

// Key decodes and checks a stored record: the id must match the public key
// and the private seed, if any, must belong to it.
func (r Record) Key() (Key, error) {
	pub, err := base64.StdEncoding.Strict().DecodeString(r.Public)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return Key{}, fmt.Errorf("key record %q: bad public key", r.ID)
	}
	if id := KeyIDOf(pub); id != r.ID {
		return Key{}, fmt.Errorf("key record %q: id does not match the public key (%s)", r.ID, id)
	}
	k := Key{ID: r.ID, Name: r.Name, Public: pub}
	if r.Private != "" {
		seed, err := base64.StdEncoding.Strict().DecodeString(r.Private)
		if err != nil || len(seed) != ed25519.SeedSize {
			return Key{}, fmt.Errorf("key record %q: bad private seed", r.ID)
		}
		k.Private = ed25519.NewKeyFromSeed(seed)
		if !k.CanSign() {
			return Key{}, fmt.Errorf("key record %q: the private key does not match the public key", r.ID)
		}
	}
	return k, nil
}

// Keyring is a set of trusted public keys by id; its Trusted method is the
// lookup Verify wants.
type Keyring map[string]ed25519.PublicKey

// Add trusts k.
func (kr Keyring) Add(k Key) { kr[k.ID] = k.Public }

// Trusted returns the public key with the given id.
func (kr Keyring) Trusted(id string) (ed25519.PublicKey, bool) {
	p, ok := kr[id]
	return p, ok
}
