// Package vault keeps the key that encrypts personal data at rest and seals
// record bodies with it (AES-256-GCM). It implements store.Sealer.
//
// The data key is random (32 bytes) and lives in a small key file next to
// the database (<db>.key), never in the database itself:
//
//   - on Windows it is protected by the OS (DPAPI, CryptProtectData in the
//     user's scope): a copy of the database and key file taken to another
//     machine or user cannot be opened without the recovery code;
//   - elsewhere there is no OS key store reachable without extra software,
//     so the key file is protected by file permissions (0600); the database
//     file alone (e.g. a stolen backup) still reveals no personal data;
//   - in both cases it is also wrapped with a key derived (argon2id) from a
//     recovery code that the administrator receives once at setup; backups
//     carry only this wrapped copy, so a backup restored on a new PC needs
//     the recovery code.
//
// Sealed bytes are 0x01 ‖ nonce(12) ‖ AES-GCM(ciphertext ‖ tag). The index
// key for the keyed hashes of personal values is HMAC-SHA-256(data key,
// "motcua index key v1").
package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Vault holds an unlocked data key.
type Vault struct {
	id       string
	aead     cipher.AEAD
	indexKey []byte
	dk       []byte
}

// File is the key file's JSON.
type File struct {
	Version int    `json:"version"`
	KeyID   string `json:"key_id"`
	// Method is how Protected is protected: "dpapi" (Windows) or "file"
	// (the key as is, the file readable by its owner only).
	Method    string `json:"method,omitempty"`
	Protected string `json:"protected,omitempty"`
	// Recovery is the data key wrapped with the recovery code.
	Recovery *Wrapped `json:"recovery,omitempty"`
}

// Wrapped is a key sealed with a passphrase-derived key.
type Wrapped struct {
	Salt   string `json:"salt"`
	Memory uint32 `json:"memory_kib"`
	Passes uint32 `json:"passes"`
	Lanes  uint8  `json:"lanes"`
	Sealed string `json:"sealed"`
}

// Errors.
var (
	ErrNoKeyFile    = errors.New("the key file of this database is missing")
	ErrWrongKey     = errors.New("the data cannot be decrypted with this key")
	ErrRecoveryCode = errors.New("the recovery code is wrong")
	ErrOtherMachine = errors.New("the key file belongs to another Windows user or machine; restore with the recovery code")
)

// KeyPath is where the key file of a database lives.
func KeyPath(dbPath string) string { return dbPath + ".key" }

func newVault(dk []byte) (*Vault, error) {
	block, err := aes.NewCipher(dk)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, dk)
	m.Write([]byte("motcua key id v1"))
	id := fmt.Sprintf("%x", m.Sum(nil)[:6])
	ik := hmac.New(sha256.New, dk)
	ik.Write([]byte("motcua index key v1"))
	return &Vault{id: id, aead: aead, indexKey: ik.Sum(nil), dk: append([]byte(nil), dk...)}, nil
}

// ID names the key (not secret).
func (v *Vault) ID() string { return v.id }

// Seal encrypts plain.
func (v *Vault) Seal(plain []byte) ([]byte, error) {
	out := make([]byte, 1+12, 1+12+len(plain)+16)
	out[0] = 1
	if _, err := rand.Read(out[1:13]); err != nil {
		return nil, err
	}
	return v.aead.Seal(out, out[1:13], plain, nil), nil
}

// Open decrypts sealed bytes.
func (v *Vault) Open(sealed []byte) ([]byte, error) {
	if len(sealed) < 1+12+16 || sealed[0] != 1 {
		return nil, fmt.Errorf("%w: not sealed by motcua", ErrWrongKey)
	}
	p, err := v.aead.Open(nil, sealed[1:13], sealed[13:], nil)
	if err != nil {
		return nil, ErrWrongKey
	}
	return p, nil
}

// IndexKey is the key of the index hashes.
func (v *Vault) IndexKey() []byte { return v.indexKey }

// Open unlocks the key file of the database at dbPath, creating a new key
// when neither the key file nor the database exists yet.
func Open(dbPath string) (*Vault, error) {
	kp := KeyPath(dbPath)
	b, err := os.ReadFile(kp)
	if errors.Is(err, os.ErrNotExist) {
		if _, derr := os.Stat(dbPath); derr == nil {
			return nil, fmt.Errorf("%s: %w (restore it from the backup folder, or restore the database with the recovery code)", kp, ErrNoKeyFile)
		}
		return create(kp)
	}
	if err != nil {
		return nil, err
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: not a motcua key file: %v", kp, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("%s: key file version %d is not supported", kp, f.Version)
	}
	if f.Protected == "" {
		return nil, fmt.Errorf("%s: this key file holds only the recovery copy; restore with the recovery code", kp)
	}
	raw, err := base64.StdEncoding.DecodeString(f.Protected)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", kp, err)
	}
	dk, err := unprotect(f.Method, raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kp, err)
	}
	v, err := newVault(dk)
	if err != nil {
		return nil, err
	}
	if v.id != f.KeyID {
		return nil, fmt.Errorf("%s: %w (key id mismatch)", kp, ErrWrongKey)
	}
	return v, nil
}

func create(kp string) (*Vault, error) {
	dk := make([]byte, 32)
	if _, err := rand.Read(dk); err != nil {
		return nil, err
	}
	v, err := newVault(dk)
	if err != nil {
		return nil, err
	}
	return v, v.writeKeyFile(kp, nil)
}

// writeKeyFile writes the key file with the OS-protected copy and, when
// given, the recovery copy (atomically).
func (v *Vault) writeKeyFile(kp string, rec *Wrapped) error {
	method, prot, err := protect(v.dk)
	if err != nil {
		return err
	}
	f := File{Version: 1, KeyID: v.id, Method: method, Protected: base64.StdEncoding.EncodeToString(prot), Recovery: rec}
	if rec == nil {
		if old, err := readFile(kp); err == nil && old.KeyID == v.id {
			f.Recovery = old.Recovery
		}
	}
	return writeJSON(kp, f)
}

func readFile(kp string) (File, error) {
	var f File
	b, err := os.ReadFile(kp)
	if err != nil {
		return f, err
	}
	return f, json.Unmarshal(b, &f)
}

func writeJSON(path string, f File) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// NewRecoveryCode returns a fresh recovery code: 25 base32 letters in five
// groups, about 125 bits.
func NewRecoveryCode() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	s := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)[:25]
	var g []string
	for i := 0; i < len(s); i += 5 {
		g = append(g, s[i:i+5])
	}
	return strings.Join(g, "-"), nil
}

func normaliseCode(c string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, c)
}

// Recovery parameters: deliberately heavy (the code is the only secret of
// a backup).
const (
	recMemory = 64 * 1024
	recPasses = 3
	recLanes  = 1
)

func wrap(dk []byte, code string) (*Wrapped, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	kek := argon2.IDKey([]byte(normaliseCode(code)), salt, recPasses, recMemory, recLanes, 32)
	kv, err := newVault(kek)
	if err != nil {
		return nil, err
	}
	sealed, err := kv.Seal(dk)
	if err != nil {
		return nil, err
	}
	return &Wrapped{Salt: base64.StdEncoding.EncodeToString(salt), Memory: recMemory, Passes: recPasses, Lanes: recLanes, Sealed: base64.StdEncoding.EncodeToString(sealed)}, nil
}

func unwrap(w *Wrapped, code string) ([]byte, error) {
	salt, err := base64.StdEncoding.DecodeString(w.Salt)
	if err != nil {
		return nil, err
	}
	sealed, err := base64.StdEncoding.DecodeString(w.Sealed)
	if err != nil {
		return nil, err
	}
	if w.Memory == 0 || w.Memory > 1<<22 || w.Passes == 0 || w.Passes > 100 || w.Lanes == 0 {
		return nil, errors.New("bad recovery parameters")
	}
	kek := argon2.IDKey([]byte(normaliseCode(code)), salt, w.Passes, w.Memory, w.Lanes, 32)
	kv, err := newVault(kek)
	if err != nil {
		return nil, err
	}
	dk, err := kv.Open(sealed)
	if err != nil {
		return nil, ErrRecoveryCode
	}
	return dk, nil
}

// SetRecovery wraps the data key with a new recovery code and stores it in
// the key file of dbPath, replacing any earlier code.
func (v *Vault) SetRecovery(dbPath, code string) error {
	w, err := wrap(v.dk, code)
	if err != nil {
		return err
	}
	return v.writeKeyFile(KeyPath(dbPath), w)
}

// HasRecovery reports whether the key file of dbPath carries a recovery copy.
func HasRecovery(dbPath string) bool {
	f, err := readFile(KeyPath(dbPath))
	return err == nil && f.Recovery != nil
}

// ExportRecoveryFile writes a key file holding only the recovery copy (for
// the backup folder): it opens nothing without the recovery code.
func ExportRecoveryFile(dbPath, out string) error {
	f, err := readFile(KeyPath(dbPath))
	if err != nil {
		return fmt.Errorf("key file: %w", err)
	}
	if f.Recovery == nil {
		return errors.New("no recovery code has been set for this desk (set one in Quản trị or with motcuactl key recovery)")
	}
	return writeJSON(out, File{Version: 1, KeyID: f.KeyID, Recovery: f.Recovery})
}

// Recover opens a key file's recovery copy with the code.
func Recover(keyFile, code string) (*Vault, error) {
	f, err := readFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", keyFile, err)
	}
	if f.Recovery == nil {
		return nil, fmt.Errorf("%s: no recovery copy in this key file", keyFile)
	}
	dk, err := unwrap(f.Recovery, code)
	if err != nil {
		return nil, err
	}
	v, err := newVault(dk)
	if err != nil {
		return nil, err
	}
	if v.id != f.KeyID {
		return nil, ErrWrongKey
	}
	return v, nil
}

// Install writes the key file of dbPath for a recovered vault on this
// machine (OS protection of this user), keeping the recovery copy.
func (v *Vault) Install(dbPath string, from string) error {
	rec, _ := readFile(from)
	return v.writeKeyFile(KeyPath(dbPath), rec.Recovery)
}
