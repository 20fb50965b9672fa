package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	badger "github.com/dgraph-io/badger/v4"
)

// The recovery key is a second way in, for a lost passphrase: 32 random
// bytes, shown once as text to print or save on a USB stick, e.g.
//
//	PDRK-7QXD-2M4N-…  (52 letters and digits in groups of four)
//
// The key file keeps the master key sealed with it (AES-256-GCM), and the
// recovery key sealed with the master key, so a passphrase change can
// seal the new master key for the same recovery key. With the recovery
// key alone, ResetPassphrase sets a new passphrase. Neither sealing helps
// anyone who has neither secret.

const recoveryPrefix = "PDRK"

// ErrWrongRecoveryKey says a typed recovery key opens nothing.
var ErrWrongRecoveryKey = errors.New("this recovery key does not belong to this database")

// ErrNoRecoveryKey says the database has no recovery key.
var ErrNoRecoveryKey = errors.New("this database has no recovery key")

// recoverySeal is one recovery key's sealings in the key file.
type recoverySeal struct {
	Key      []byte `json:"sealed_master_key"`   // master key, sealed with the recovery key
	Recovery []byte `json:"sealed_recovery_key"` // recovery key, sealed with the master key
}

// keyFile is petitiondesk-key.json: the KDF settings crypt.go reads, plus
// the recovery sealings, which crypt.go ignores.
type keyFile struct {
	raw      map[string]json.RawMessage
	params   kdfParams
	recovery []recoverySeal
}

func readKeyFile(dir string) (*keyFile, error) {
	k, ok, err := readKDFParams(dir)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotEncrypted
	}
	kf := &keyFile{params: k}
	b, err := os.ReadFile(filepath.Join(dir, keyFileName))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &kf.raw); err != nil {
		return nil, err
	}
	if r, ok := kf.raw["recovery"]; ok {
		if err := json.Unmarshal(r, &kf.recovery); err != nil {
			return nil, fmt.Errorf("the key file %s is damaged", keyFileName)
		}
	}
	return kf, nil
}

// write replaces the key file atomically: a temporary file, synced, then
// renamed over the old one, then the folder synced.
func (kf *keyFile) write(dir string) error {
	if len(kf.recovery) > 0 {
		r, _ := json.Marshal(kf.recovery)
		kf.raw["recovery"] = r
	} else {
		delete(kf.raw, "recovery")
	}
	b, err := json.MarshalIndent(kf.raw, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, keyFileName+".new")
	if err := writeFileSync(tmp, b); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, keyFileName)); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// resealRecovery returns the current sealing and one for newKey, or nils
// when the database has no recovery key.
func (kf *keyFile) resealRecovery(oldKey, newKey []byte) (old, next *recoverySeal, err error) {
	for i := range kf.recovery {
		rk, err := unseal(sealKey("master", oldKey), kf.recovery[i].Recovery)
		if err != nil {
			continue // a sealing left by a change cut short, for another master key
		}
		n, err := newSeal(rk, newKey)
		return &kf.recovery[i], &n, err
	}
	return nil, nil, nil
}

func newSeal(recoveryKey, master []byte) (recoverySeal, error) {
	k, err := seal(sealKey("recovery", recoveryKey), master)
	if err != nil {
		return recoverySeal{}, err
	}
	r, err := seal(sealKey("master", master), recoveryKey)
	return recoverySeal{Key: k, Recovery: r}, err
}

// sealKey derives the AES key that seals with a recovery or master key;
// both are 32 random or Argon2id bytes, so a hash is enough.
func sealKey(kind string, secret []byte) []byte {
	h := sha256.Sum256(append([]byte("petitiondesk "+kind+" seal v1\x00"), secret...))
	return h[:]
}

func seal(key, plain []byte) ([]byte, error) {
	g, err := gcm(key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return g.Seal(nonce, nonce, plain, nil), nil
}

func unseal(key, sealed []byte) ([]byte, error) {
	g, err := gcm(key)
	if err != nil {
		return nil, err
	}
	if len(sealed) < g.NonceSize() {
		return nil, errors.New("sealed value too short")
	}
	return g.Open(nil, sealed[:g.NonceSize()], sealed[g.NonceSize():], nil)
}

func gcm(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

var recoveryEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// formatRecoveryKey writes 32 bytes as PDRK-XXXX-XXXX-….
func formatRecoveryKey(b []byte) string {
	s := recoveryEncoding.EncodeToString(b)
	parts := []string{recoveryPrefix}
	for len(s) > 0 {
		n := min(4, len(s))
		parts, s = append(parts, s[:n]), s[n:]
	}
	return strings.Join(parts, "-")
}

// parseRecoveryKey reads a typed recovery key, forgiving case, spaces,
// dashes and the letters O and I typed for the digits 0 and 1 (which
// base32 does not use).
func parseRecoveryKey(s string) ([]byte, error) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	s = strings.TrimPrefix(strings.ReplaceAll(s, "-", ""), recoveryPrefix)
	s = strings.NewReplacer("0", "O", "1", "I", "8", "B").Replace(s)
	b, err := recoveryEncoding.DecodeString(s)
	if err != nil || len(b) != 32 {
		return nil, ErrWrongRecoveryKey
	}
	return b, nil
}

// CreateRecoveryKey makes a new recovery key for this encrypted database
// and hands its text to save (write it to a file the user chose, or show
// it to print). Only once save succeeded is the key made valid, and a key
// made earlier stops working. The database keeps only sealings it cannot
// read back without a secret: the text cannot be shown again.
func (s *Store) CreateRecoveryKey(save func(key string) error) (err error) {
	defer wrap(&err, "creating a recovery key")
	if !s.encrypted || s.dir == "" {
		return ErrNotEncrypted
	}
	kf, err := readKeyFile(s.dir)
	if err != nil {
		return err
	}
	rk := make([]byte, 32)
	if _, err := rand.Read(rk); err != nil {
		return err
	}
	rs, err := newSeal(rk, kf.params.key(s.passphrase))
	if err != nil {
		return err
	}
	if err := save(formatRecoveryKey(rk)); err != nil {
		return err
	}
	kf.recovery = []recoverySeal{rs}
	if err := kf.write(s.dir); err != nil {
		return err
	}
	return s.Audit(ActionRecoveryKey, nil)
}

// FindRecoveryKey picks the recovery key out of the text of the file
// CreateRecoveryKey's caller wrote (or returns the text as it is).
func FindRecoveryKey(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(strings.ToUpper(l), recoveryPrefix+"-") {
			return l
		}
	}
	return strings.TrimSpace(text)
}

// ResetPassphrase sets a new passphrase for the database in dir with its
// recovery key, for a lost passphrase. The database must not be open.
// The recovery key keeps working afterwards.
func ResetPassphrase(dir, recoveryKey, newPass string) (err error) {
	defer wrap(&err, "setting a new passphrase with the recovery key")
	if err := ValidateNewPassphrase(newPass); err != nil {
		return err
	}
	rk, err := parseRecoveryKey(recoveryKey)
	if err != nil {
		return err
	}
	kf, err := readKeyFile(dir)
	if err != nil {
		return err
	}
	if len(kf.recovery) == 0 {
		return ErrNoRecoveryKey
	}
	for _, r := range kf.recovery {
		master, err := unseal(sealKey("recovery", rk), r.Key)
		if err != nil || !registryOpensWith(dir, master) {
			continue
		}
		return rekey(dir, kf, master, newPass, "recovery-key")
	}
	return ErrWrongRecoveryKey
}

// registryOpensWith reports whether key is the master key of KEYREGISTRY.
func registryOpensWith(dir string, key []byte) bool {
	_, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true, EncryptionKey: key})
	return err == nil
}

// HasRecoveryKey reports whether the database in dir has a recovery key.
func HasRecoveryKey(dir string) bool {
	kf, err := readKeyFile(dir)
	return err == nil && len(kf.recovery) > 0
}
